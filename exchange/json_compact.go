package exchange

import (
	"encoding/json"
	"io"

	"github.com/cnaf-tools/cpog"
)

// compactReader reads well-formed JSON without the blanks between its
// tokens, which mean nothing: encoding/json's Decoder copies a whole value
// into its buffer before decoding it, and a file within the size limit
// may be mostly blanks.
type compactReader struct {
	in       []byte
	pos      int
	inString bool
	escaped  bool
}

func (r *compactReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && r.pos < len(r.in) {
		c := r.in[r.pos]
		r.pos++
		switch {
		case r.escaped:
			r.escaped = false
		case r.inString && c == '\\':
			r.escaped = true
		case c == '"':
			r.inString = !r.inString
		case !r.inString && (c == ' ' || c == '\t' || c == '\r' || c == '\n'):
			continue
		}
		p[n] = c
		n++
	}
	if n == 0 && r.pos >= len(r.in) {
		return 0, io.EOF
	}
	return n, nil
}

// maxJSONString bounds a string of an exchange file, in bytes as written:
// its longest texts are comments of cpog.MaxText characters, each at most
// six bytes escaped. A longer one is refused before the file is decoded,
// which would hold it several times over.
const maxJSONString = 6*cpog.MaxText + 1024

// maxObjects bounds the objects of an exchange file: one per target,
// actual and baseline, and a few more.
const maxObjects = 3*maxListElements + 16

// scanJSON finds, in one pass, the first string of a JSON text longer
// than maxJSONString (its offset, or -1) and counts its objects: both
// refuse a file before it is decoded, which would hold it several times.
func scanJSON(b []byte) (long, objects int) {
	long = -1
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{':
			objects++
		case '"':
			start := i
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if long < 0 && i-start > maxJSONString {
				long = start
			}
		}
	}
	return long, objects
}

// maxListElements bounds the targets, actuals and baselines of an exchange
// file: the referential has a few hundred lines and years; a list of ten
// thousand is no Caf's, and is not decoded further.
const maxListElements = 10_000

// skipList consumes the rest of a list whose opening bracket was read.
func skipList(dec *json.Decoder) {
	for dec.More() {
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return
		}
	}
}
