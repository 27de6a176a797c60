package exchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The digest of an exchange file is the SHA-256 of its canonical form, as
// defined by RFC 8785 (JSON Canonicalization Scheme), with the "digest"
// member set to the empty string: object members sorted by their names'
// UTF-16 code units, no whitespace, numbers as ECMAScript prints them,
// strings with only the mandatory escapes. Any JCS library reproduces it,
// whatever the indentation or the member order of the file; cpog computes
// it straight from a file's bytes (canonical_bytes.go), on import and on
// export alike, and its tests compare it with a JCS library's.

// DigestPrefix names the hash in the digest member.
const DigestPrefix = "sha256:"

// Digest is the digest member of a document whose canonical form is given:
// "sha256:" and the hexadecimal SHA-256.
func Digest(canonical []byte) string {
	sum := sha256.Sum256(canonical)
	return DigestPrefix + hex.EncodeToString(sum[:])
}

// appendCanonicalNumber prints a number as ECMAScript does (the shortest
// decimal that reads back exactly, exponent form below 1e-6 and from
// 1e21), as encoding/json does for a float64.
func appendCanonicalNumber(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("nombre hors limites")
	}
	if f == 0 {
		return append(b, '0'), nil // no "-0"
	}
	format := byte('f')
	if abs := math.Abs(f); abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// "1e-07" → "1e-7", as ECMAScript writes exponents.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func appendCanonicalString(b []byte, s string) []byte {
	const hexd = "0123456789abcdef"
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\b':
			b = append(b, '\\', 'b')
		case r == '\f':
			b = append(b, '\\', 'f')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexd[r>>4], hexd[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}
