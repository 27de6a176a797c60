package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// canonicalFile is the RFC 8785 form of an exchange file as written, with
// its top-level "digest" member set to "" (added when absent), computed
// straight from the bytes: the same result as decoding the file into
// map[string]any and calling Canonical, at a fraction of the cost (that
// decoding was most of the time of importing a network of a hundred
// files). A member written twice keeps its last value, as decoding into a
// map does. It also returns the top-level member names in file order, for
// the caller's checks. The input must be one JSON value and nothing else
// but white space; anything else is an error.
func canonicalFile(body []byte) (canon []byte, members []string, err error) {
	return new(canonParser).file(body)
}

// file is canonicalFile with the parser's working memory, reused from one
// file to the next: the result is valid until the next call.
func (p *canonParser) file(body []byte) (canon []byte, members []string, err error) {
	p.in, p.pos, p.depth, p.nest = body, 0, 0, 0
	p.ws()
	if p.pos >= len(p.in) || p.in[p.pos] != '{' {
		return nil, nil, errors.New("un objet JSON est attendu")
	}
	if cap(p.out) < len(body) {
		// a file padded with blanks is a few kilobytes of canonical
		// form: a large one grows as it needs
		p.out = make([]byte, 0, min(len(body), keptCanon))
	}
	canon, members, err = p.object(p.out[:0], true)
	if err != nil {
		return nil, nil, err
	}
	p.out = canon
	p.ws()
	if p.pos != len(p.in) {
		return nil, nil, errors.New("données après l’objet JSON")
	}
	return canon, members, nil
}

type canonParser struct {
	in   []byte
	pos  int
	out  []byte
	nest int // arrays and objects open
	// Scratch space per nesting depth, reused from one object to the next
	// (a file has hundreds of small objects).
	depth   int
	vals    [][]byte
	members [][]member
	orders  []memberOrder
}

// memberOrder is the sorted order of the last object read at a depth,
// given by its names: the hundreds of targets of a file share one member
// order, which is sorted once.
type memberOrder struct {
	keys  [][]byte
	order []int
}

var errSyntax = errors.New("JSON mal formé")

// maxNesting bounds the arrays and objects open at once, as encoding/json
// does (the same 10 000): a file of nested brackets must be refused, not
// exhaust the stack.
const maxNesting = 10000

var errNesting = errors.New("JSON trop imbriqué")

func (p *canonParser) open() error {
	p.nest++
	if p.nest > maxNesting {
		return errNesting
	}
	return nil
}

func (p *canonParser) ws() {
	for p.pos < len(p.in) {
		switch p.in[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

func (p *canonParser) value(out []byte) ([]byte, error) {
	p.ws()
	if p.pos >= len(p.in) {
		return nil, errSyntax
	}
	switch c := p.in[p.pos]; {
	case c == '{':
		out, _, err := p.object(out, false)
		return out, err
	case c == '[':
		return p.array(out)
	case c == '"':
		raw, s, err := p.str()
		if err != nil {
			return nil, err
		}
		if raw != nil {
			out = append(out, '"')
			out = append(out, raw...)
			return append(out, '"'), nil
		}
		return appendCanonicalString(out, s), nil
	case c == 't':
		return p.literal(out, "true")
	case c == 'f':
		return p.literal(out, "false")
	case c == 'n':
		return p.literal(out, "null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number(out)
	}
	return nil, errSyntax
}

func (p *canonParser) literal(out []byte, lit string) ([]byte, error) {
	if len(p.in)-p.pos < len(lit) || string(p.in[p.pos:p.pos+len(lit)]) != lit {
		return nil, errSyntax
	}
	p.pos += len(lit)
	return append(out, lit...), nil
}

// number reads a number as JSON's grammar has it and appends it as
// ECMAScript prints it.
func (p *canonParser) number(out []byte) ([]byte, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.in) && p.in[p.pos] >= '0' && p.in[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.in[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if n := digits(); n == 0 || n > 1 && p.in[intStart] == '0' {
		return nil, errSyntax
	}
	integer := true
	if p.pos < len(p.in) && p.in[p.pos] == '.' {
		p.pos++
		integer = false
		if digits() == 0 {
			return nil, errSyntax
		}
	}
	if p.pos < len(p.in) && (p.in[p.pos] == 'e' || p.in[p.pos] == 'E') {
		p.pos++
		integer = false
		if p.pos < len(p.in) && (p.in[p.pos] == '+' || p.in[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, errSyntax
		}
	}
	lit := p.in[start:p.pos]
	// An integer of up to 15 digits is exact in a float64 and printed as
	// written, but for "-0".
	if integer && p.pos-intStart <= 15 && !(p.in[intStart] == '0' && lit[0] == '-') {
		return append(out, lit...), nil
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return nil, fmt.Errorf("nombre illisible : %s", lit)
	}
	return appendCanonicalNumber(out, f)
}

// str reads a string. One written without escapes in valid UTF-8, nearly
// every string of an exchange file, is its own canonical form: raw is its
// content, as it is in the input. The others are decoded by encoding/json,
// whose handling of invalid UTF-8 and lone surrogates the canonical form
// must share, and returned in s.
func (p *canonParser) str() ([]byte, string, error) {
	start := p.pos
	p.pos++
	plain, ascii := true, true
	for p.pos < len(p.in) {
		c := p.in[p.pos]
		switch {
		case c == '"':
			p.pos++
			content := p.in[start+1 : p.pos-1]
			if plain && (ascii || utf8.Valid(content)) {
				return content, "", nil
			}
			var s string
			if err := json.Unmarshal(p.in[start:p.pos], &s); err != nil {
				return nil, "", errSyntax
			}
			return nil, s, nil
		case c == '\\':
			plain = false
			p.pos += 2
		case c < 0x20:
			return nil, "", errSyntax
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
			p.pos++
		}
	}
	return nil, "", errSyntax
}

func (p *canonParser) array(out []byte) ([]byte, error) {
	p.pos++ // [
	if err := p.open(); err != nil {
		return nil, err
	}
	out = append(out, '[')
	p.ws()
	if p.pos < len(p.in) && p.in[p.pos] == ']' {
		p.pos++
		p.nest--
		return append(out, ']'), nil
	}
	for {
		var err error
		if out, err = p.value(out); err != nil {
			return nil, err
		}
		p.ws()
		if p.pos >= len(p.in) {
			return nil, errSyntax
		}
		switch p.in[p.pos] {
		case ',':
			p.pos++
			out = append(out, ',')
		case ']':
			p.pos++
			p.nest--
			return append(out, ']'), nil
		default:
			return nil, errSyntax
		}
	}
}

// member is one object member: its name (canonical, quotes included) and
// where its canonical value sits in the object's scratch buffer. key is the
// name itself when it is ASCII without escapes, whose bytes are then in
// UTF-16 order; otherwise decoded holds it.
type member struct {
	name       []byte
	key        []byte
	decoded    string
	start, end int
}

// object reads an object and appends its canonical form: members sorted by
// name in UTF-16 order, the last of a repeated name kept. At the top level
// the digest member is set to "" and the names are returned.
func (p *canonParser) object(out []byte, top bool) ([]byte, []string, error) {
	p.pos++ // {
	if err := p.open(); err != nil {
		return nil, nil, err
	}
	d := p.depth
	if d == len(p.vals) {
		p.vals = append(p.vals, nil)
		p.members = append(p.members, nil)
		p.orders = append(p.orders, memberOrder{})
	}
	p.depth++
	vals, ms := p.vals[d][:0], p.members[d][:0]
	var names []string
	p.ws()
	if p.pos < len(p.in) && p.in[p.pos] == '}' {
		p.pos++
	} else {
		for {
			p.ws()
			if p.pos >= len(p.in) || p.in[p.pos] != '"' {
				return nil, nil, errSyntax
			}
			raw, s, err := p.str()
			if err != nil {
				return nil, nil, err
			}
			simple := raw != nil && isASCIIBytes(raw)
			if raw != nil && (!simple || top) {
				s = string(raw)
			}
			p.ws()
			if p.pos >= len(p.in) || p.in[p.pos] != ':' {
				return nil, nil, errSyntax
			}
			p.pos++
			start := len(vals)
			if simple {
				vals = append(vals, '"')
				vals = append(vals, raw...)
				vals = append(vals, '"')
			} else {
				vals = appendCanonicalString(vals, s)
			}
			nameEnd := len(vals)
			if vals, err = p.value(vals); err != nil {
				return nil, nil, err
			}
			m := member{name: vals[start:nameEnd], start: nameEnd, end: len(vals)}
			if simple {
				m.key = raw
			} else {
				m.decoded = s
			}
			ms = append(ms, m)
			if top {
				names = append(names, s)
			}
			p.ws()
			if p.pos >= len(p.in) {
				return nil, nil, errSyntax
			}
			if p.in[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.in[p.pos] != '}' {
				return nil, nil, errSyntax
			}
			p.pos++
			break
		}
	}
	if top {
		start := len(vals)
		vals = append(vals, `"digest"""`...)
		ms = append(ms, member{name: vals[start : start+8], key: []byte("digest"), start: start + 8, end: len(vals)})
	}
	// The names point into vals, which may have moved as it grew.
	for i := range ms {
		n := len(ms[i].name)
		ms[i].name = vals[ms[i].start-n : ms[i].start]
	}
	order := p.orders[d].sorted(ms)
	out = append(out, '{')
	first := true
	for i, j := range order {
		m := ms[j]
		// repeated names are adjacent, in file order: the last one wins
		if i+1 < len(order) && bytes.Equal(ms[order[i+1]].name, m.name) {
			continue
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = append(out, m.name...)
		out = append(out, ':')
		out = append(out, vals[m.start:m.end]...)
	}
	p.vals[d], p.members[d] = vals, ms
	p.depth--
	p.nest--
	return append(out, '}'), names, nil
}

// sorted returns the indexes of ms in name order (UTF-16 order, a stable
// sort so that repeated names stay in file order), reusing the last order
// when the names are the same, in the same order, and all plain.
func (o *memberOrder) sorted(ms []member) []int {
	same := o.keys != nil && len(o.keys) == len(ms)
	for i := 0; same && i < len(ms); i++ {
		same = ms[i].key != nil && bytes.Equal(o.keys[i], ms[i].key)
	}
	if same {
		return o.order
	}
	o.order = o.order[:0]
	o.keys = o.keys[:0]
	plain := true
	for i, m := range ms {
		o.order = append(o.order, i)
		o.keys = append(o.keys, m.key)
		plain = plain && m.key != nil
	}
	slices.SortStableFunc(o.order, func(a, b int) int { return compareMembers(ms[a], ms[b]) })
	if !plain {
		o.keys = nil // a decoded name: no reuse
	}
	return o.order
}

// compareMembers orders members by name in UTF-16 order.
func compareMembers(a, b member) int {
	if a.key != nil && b.key != nil {
		return bytes.Compare(a.key, b.key)
	}
	return compareUTF16(a.nameString(), b.nameString())
}

func (m member) nameString() string {
	if m.key != nil {
		return string(m.key)
	}
	return m.decoded
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
