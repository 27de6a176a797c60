package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
)

// Exchange is what a JSON exchange file says, validated against the
// referential.
type Exchange struct {
	Caf        string // département code, canonical ("91", "2A")
	CafName    string
	Actor      cpog.Actor
	ExportedAt time.Time
	AgreedOnly bool
	// Version is the file's format version: a version 1 file knows
	// nothing of agreement dates, explanations and actions, which the
	// import keeps as the database has them.
	Version int
	// Digest is the file's digest, checked against its content.
	Digest string
	// Contract holds only what the file mentions: its weight, modes,
	// baselines, targets and actuals. cpog.Merge turns it into edits.
	Contract *cpog.Contract
}

// DecodeExchange reads and validates a JSON exchange file: format and
// version, digest, referential, Caf, weight, and every target, actual and
// baseline (known code, sub-indicator given when needed, year in the
// period, values in the unit's range, no duplicate). It returns every
// problem at once in an *ImportError.
func DecodeExchange(name string, data []byte, ref *cpog.Referential) (*Exchange, error) {
	return NewDecoder(ref).Decode(name, data)
}

// Decoder reads exchange files one after another, as DecodeExchange does,
// reusing its working memory from one file to the next: a network import
// gives one to each of its workers. It is not safe for concurrent use.
type Decoder struct {
	ref   *cpog.Referential
	canon canonParser
}

// NewDecoder returns a Decoder checking files against ref.
func NewDecoder(ref *cpog.Referential) *Decoder { return &Decoder{ref: ref} }

// Decode reads and validates one file, as DecodeExchange.
func (d *Decoder) Decode(name string, data []byte) (*Exchange, error) {
	ps := &problems{file: name}
	body, kind, ok := sniff(name, data, ps)
	if !ok {
		return nil, ps.err()
	}
	if kind != containerJSON {
		ps.whole("ce fichier n’est pas un fichier d’échange JSON de cpog")
		return nil, ps.err()
	}
	ex, err := decodeExchange(&d.canon, body, d.ref, ps)
	d.canon.shrink()
	return ex, err
}

func decodeExchange(p *canonParser, body []byte, ref *cpog.Referential, ps *problems) (*Exchange, error) {
	switch long, objects := scanJSON(body); {
	case long >= 0:
		ps.line(lineAt(body, long), "texte de plus de %d Ko : un fichier d’échange n’en contient pas (un commentaire a au plus %s caractères)", maxJSONString>>10, cpog.FormatNumber(cpog.MaxText))
		return nil, ps.err()
	case objects > maxObjects:
		ps.whole("plus de %s objets JSON : ce n’est pas le fichier d’échange d’une Caf (quelques centaines de cibles)", cpog.FormatNumber(maxObjects))
		return nil, ps.err()
	}
	if ex := decodeFast(p, body, ref, ps.file); ex != nil {
		return ex, nil
	}
	return decodeSlow(p, body, ref, ps)
}

// decodeSlow reads a file member by member and element by element, so
// that every problem is reported with its line.
func decodeSlow(p *canonParser, body []byte, ref *cpog.Referential, ps *problems) (*Exchange, error) {
	// json.Valid only scans; the slower Unmarshal runs to locate the error
	if !json.Valid(body) {
		err := json.Unmarshal(body, new(json.RawMessage))
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineColumn(body, max(0, int(se.Offset)-1))
			ps.add(Problem{Line: line, Column: col, Message: "JSON mal formé : " + syntaxMessage(se)})
		} else {
			ps.whole("JSON mal formé : %v", err)
		}
		return nil, ps.err()
	}
	if bytes.TrimLeft(body, " \t\r\n")[0] != '{' {
		ps.whole("un fichier d’échange est un objet JSON { \"format\": \"%s\", … }", FormatName)
		return nil, ps.err()
	}
	f, lines := decodeMembers(body, ps)
	canon, _, err := p.file(body)
	return readFile(f, lines, canon, err, ref, ps)
}

// decodeFast reads a file that has nothing to report, the usual case, in
// two passes over its bytes: the canonical form for the digest, and one
// typed decoding. At the first doubt (a problem to report, a member name
// not written exactly, a member given twice) it returns nil, and the slow
// path decodes the file member by member to locate every problem by its
// line.
func decodeFast(p *canonParser, body []byte, ref *cpog.Referential, name string) *Exchange {
	canon, members, err := p.file(body)
	if err != nil {
		return nil
	}
	seen := make(map[string]bool, len(members))
	for _, m := range members {
		// encoding/json matches names regardless of case; the slow path,
		// like the format, does not.
		if seen[m] || !knownMember(m) {
			return nil
		}
		seen[m] = true
	}
	f := &exchangeFile{}
	// the decoder holds the whole value in its buffer: give it the value
	// without its blanks (a file padded with them stays small)
	dec := json.NewDecoder(&compactReader{in: body})
	dec.DisallowUnknownFields()
	if err := dec.Decode(f); err != nil || max(len(f.Targets), len(f.Actuals), len(f.Baselines), len(f.FollowUps)) > maxListElements {
		return nil
	}
	lines := memberLines{
		targets:   make([]int, len(f.Targets)),
		actuals:   make([]int, len(f.Actuals)),
		baselines: make([]int, len(f.Baselines)),
		followUps: make([]int, len(f.FollowUps)),
	}
	ex, err := readFile(f, lines, canon, nil, ref, &problems{file: name})
	if err != nil {
		return nil
	}
	return ex
}

// knownMember tells the top-level members of an exchange file, as written.
func knownMember(name string) bool {
	switch name {
	case "format", "version", "exported_at", "actor", "agreed_only", "referential", "caf",
		"weight", "baseline_year", "modes", "share_keys", "baselines", "targets", "actuals", "follow_ups", "digest":
		return true
	}
	return false
}

// readFile checks a decoded file against the format and the referential
// and builds its contract. canon is the file's canonical form for the
// digest, or canonErr why it could not be computed.
func readFile(f *exchangeFile, lines memberLines, canon []byte, canonErr error, ref *cpog.Referential, ps *problems) (*Exchange, error) {
	if f.Format != FormatName {
		ps.line(lines.member["format"], "format « %s » : ce n’est pas un fichier d’échange cpog (attendu « %s »)", cpog.Cite(f.Format), FormatName)
		return nil, ps.err()
	}
	if f.Version < 1 || f.Version > FormatVersion {
		ps.line(lines.member["version"], "version %d du format d’échange : cette version de cpog lit jusqu’à la version %d (mettez cpog à jour)", f.Version, FormatVersion)
		return nil, ps.err()
	}
	if f.Version == 1 {
		refuseV2Members(f, lines, ps)
	}
	if f.Version < 3 {
		refuseV3Members(f, lines, ps)
	}
	checkDigest(canon, canonErr, f.Digest, lines.member["digest"], ps)
	if f.Referential.ID != ref.ID {
		ps.line(lines.member["referential"], "fichier établi sur le référentiel « %s », la base utilise « %s »", cpog.Cite(f.Referential.ID), ref.ID)
		return nil, ps.err()
	}
	if f.Referential.Revision != ref.Revision {
		ps.line(lines.member["referential"], "fichier établi sur la révision %d du référentiel %s, la base utilise la révision %d", f.Referential.Revision, ref.ID, ref.Revision)
		return nil, ps.err()
	}
	ex := &Exchange{Caf: cpog.NormalizeCafCode(f.Caf.Code), CafName: f.Caf.Name, AgreedOnly: f.AgreedOnly, Version: f.Version, Digest: f.Digest}
	if ex.Caf == "" {
		ps.line(lines.member["caf"], "Caf absente (champ caf.code)")
	}
	c := readHead(f, lines, ref, ex, ps)
	readModes(ref, f.Modes, lines.member["modes"], c, ps)
	readShareKeys(ref, f.ShareKeys, lines.member["share_keys"], c, ps)
	readTargets(ref, f.Targets, lines.targets, c, ps)
	readActuals(ref, f.Actuals, lines.actuals, c, ps)
	readBaselines(ref, f.Baselines, lines.baselines, c, ps)
	readFollowUps(ref, f.FollowUps, lines.followUps, c, ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	ex.Contract = c
	return ex, nil
}

// memberLines locates the members of the file and the elements of its
// lists, for the messages.
type memberLines struct {
	member                                 map[string]int
	targets, actuals, baselines, followUps []int
}

// decodeMembers decodes the object member by member, so that each element
// of the lists is located by its line and a type error in one target does
// not hide the others. The body is known to be well-formed JSON.
func decodeMembers(body []byte, ps *problems) (*exchangeFile, memberLines) {
	f := &exchangeFile{}
	lines := memberLines{member: map[string]int{}}
	lineOf := newLineIndex(body).line
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if _, err := dec.Token(); err != nil {
		ps.whole("JSON illisible : %v", err)
		return f, lines
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			ps.whole("JSON illisible : %v", err)
			return f, lines
		}
		key, _ := tok.(string)
		line := lineOf(int(dec.InputOffset()))
		if prev, ok := lines.member[key]; ok {
			ps.line(line, "champ « %s » en double (déjà ligne %d)", cpog.Cite(key), prev)
		}
		lines.member[key] = line
		var dst any
		switch key {
		case "targets":
			f.Targets, lines.targets = decodeList[fileTarget](dec, body, lineOf, key, line, ps)
			continue
		case "actuals":
			f.Actuals, lines.actuals = decodeList[fileActual](dec, body, lineOf, key, line, ps)
			continue
		case "baselines":
			f.Baselines, lines.baselines = decodeList[fileBaseline](dec, body, lineOf, key, line, ps)
			continue
		case "follow_ups":
			f.FollowUps, lines.followUps = decodeList[fileFollowUp](dec, body, lineOf, key, line, ps)
			if f.FollowUps == nil {
				f.FollowUps = []fileFollowUp{}
			}
			continue
		case "format":
			dst = &f.Format
		case "version":
			dst = &f.Version
		case "exported_at":
			dst = &f.ExportedAt
		case "actor":
			dst = &f.Actor
		case "agreed_only":
			dst = &f.AgreedOnly
		case "referential":
			dst = &f.Referential
		case "caf":
			dst = &f.Caf
		case "weight":
			dst = &f.Weight
		case "baseline_year":
			dst = &f.BaselineYear
		case "modes":
			dst = &f.Modes
		case "share_keys":
			dst = &f.ShareKeys
		case "digest":
			dst = &f.Digest
		default:
			ps.line(line, "champ inconnu « %s »", cpog.Cite(key))
			dst = new(json.RawMessage)
		}
		if err := dec.Decode(dst); err != nil {
			ps.line(line, "%s", decodeMessage(key, err))
		}
	}
	return f, lines
}

// decodeList decodes a list member element by element and returns the
// elements that decoded, with their lines.
func decodeList[T any](dec *json.Decoder, body []byte, lineOf func(int) int, key string, line int, ps *problems) ([]T, []int) {
	tok, err := dec.Token()
	if err != nil {
		ps.line(line, "JSON illisible : %v", err)
		return nil, nil
	}
	if tok == nil {
		return nil, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		ps.line(line, "« %s » doit être une liste [ … ]", key)
		skipRest(dec, tok)
		return nil, nil
	}
	var out []T
	var lines []int
	for i := 0; dec.More(); i++ {
		l := lineOf(elementStart(body, int(dec.InputOffset())))
		if i == maxListElements {
			ps.line(l, "« %s » : plus de %s éléments, ce n’est pas le fichier d’une Caf", key, cpog.FormatNumber(maxListElements))
			skipList(dec)
			break
		}
		var v T
		if err := dec.Decode(&v); err != nil {
			ps.line(l, "%s", decodeMessage(fmt.Sprintf("%s[%d]", key, i), err))
			continue
		}
		out = append(out, v)
		lines = append(lines, l)
	}
	if _, err := dec.Token(); err != nil {
		ps.line(line, "JSON illisible : %v", err)
	}
	return out, lines
}

// skipRest consumes the rest of a value whose first token was read.
func skipRest(dec *json.Decoder, first json.Token) {
	d, ok := first.(json.Delim)
	if !ok || (d != '{' && d != '[') {
		return
	}
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
}

// elementStart skips the separators between the decoder's offset and the
// next element.
func elementStart(b []byte, off int) int {
	for off < len(b) && strings.IndexByte(" \t\r\n,", b[off]) >= 0 {
		off++
	}
	return off
}

// checkDigest compares the digest the file carries with the digest of its
// canonical form as written (canonicalFile), or reports why that could not
// be computed (canonErr).
func checkDigest(canon []byte, canonErr error, digest string, line int, ps *problems) {
	if digest == "" {
		ps.line(line, "empreinte absente (champ digest) : le fichier ne vient pas d’un export cpog")
		return
	}
	if canonErr != nil {
		ps.line(line, "empreinte invérifiable : %v", canonErr)
		return
	}
	if want := Digest(canon); digest != want {
		ps.line(line, "empreinte incorrecte : le fichier a été modifié depuis son export (empreinte lue %s, calculée %s)", short(digest), short(want))
	}
}

func short(d string) string {
	if len(d) > len(DigestPrefix)+12 {
		return d[:len(DigestPrefix)+12] + "…"
	}
	return d
}
