package main

import (
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
func writeJSON[T any](w io.Writer, rows []T) error {
	if len(rows) == 0 {
		if _, err := io.WriteString(w, "[]\n"); err != nil {
			return fmt.Errorf("écriture de la sortie : %w", err)
		}
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString("[\n")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range rows {
		if i > 0 {
			// Encode ends each object with a newline: the comma goes
			// before it.
			buf.Truncate(buf.Len() - 1)
			buf.WriteString(",\n")
		}
		if err := enc.Encode(&rows[i]); err != nil {
			return &cpog.Error{Code: cpog.EInternal, Message: "sortie JSON impossible : une valeur n’est pas représentable en JSON", Cause: err}
		}
	}
	buf.WriteString("]\n")
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("écriture de la sortie : %w", err)
	}
	return nil
}

// finite is p, or nil (JSON null) when it points to an infinity or NaN,
// which JSON cannot hold: a database written by an older cpog may hold
// one, and a listing must show the other rows rather than fail.
func finite(p *float64) *float64 {
	if p == nil || math.IsInf(*p, 0) || math.IsNaN(*p) {
		return nil
	}
	return p
}
