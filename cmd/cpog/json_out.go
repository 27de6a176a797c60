package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/cnaf-tools/cpog"
)

// writeJSON prints a list as a JSON array with one compact object per
// line: valid JSON for jq and scripts, a row per line for grep and diff,
// and a third of the cost of indenting a thousand gap rows.
//
// The rows go out through a buffer of jsonChunk bytes rather than being
// gathered whole: a listing's time is mostly its process start, and a
// buffer grown to the whole output is a hundred fresh pages of memory. A
// row that cannot be written (a value JSON cannot hold, which finite
// prevents) stops the listing before that row, with an error and exit
// status 1; a listing shorter than the buffer is then not written at all.
func writeJSON[T any](w io.Writer, rows []T) error {
	if len(rows) == 0 {
		if _, err := io.WriteString(w, "[]\n"); err != nil {
			return fmt.Errorf("écriture de la sortie : %w", err)
		}
		return nil
	}
	out := bufio.NewWriterSize(w, jsonChunk)
	var row bytes.Buffer
	enc := json.NewEncoder(&row)
	enc.SetEscapeHTML(false)
	for i := range rows {
		row.Reset()
		if err := enc.Encode(&rows[i]); err != nil {
			return &cpog.Error{Code: cpog.EInternal, Message: "sortie JSON impossible : une valeur n’est pas représentable en JSON", Cause: err}
		}
		sep := ",\n"
		if i == 0 {
			sep = "[\n"
		}
		out.WriteString(sep)
		// Encode ends each object with a newline: the comma goes before it.
		out.Write(row.Bytes()[:row.Len()-1])
	}
	out.WriteString("\n]\n")
	if err := out.Flush(); err != nil {
		return fmt.Errorf("écriture de la sortie : %w", err)
	}
	return nil
}

// jsonChunk is the size of writeJSON's buffer.
const jsonChunk = 32 << 10

// finite is p, or nil (JSON null) when it points to an infinity or NaN,
// which JSON cannot hold: a database written by an older cpog may hold
// one, and a listing must show the other rows rather than fail.
func finite(p *float64) *float64 {
	if p == nil || math.IsInf(*p, 0) || math.IsNaN(*p) {
		return nil
	}
	return p
}
