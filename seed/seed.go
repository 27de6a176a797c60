// Package seed ships the national referential (the COG 2023-2027 with its
// 55 result indicators) and the list of the 101 Caf inside the binary, as
// data files read with go:embed, and turns them into validated domain
// values. The store installs what it returns.
package seed

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cnaf-tools/cpog"
)

//go:embed data/cog-2023-2027.json data/caf-list.csv
var files embed.FS

const (
	referentialFile = "data/cog-2023-2027.json"
	cafFile         = "data/caf-list.csv"
)

// fileReferential is the JSON shape of the embedded referential.
type fileReferential struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Revision int    `json:"revision"`
	Signed   string `json:"signed"`
	Years    []int  `json:"years"`
	Axes     []struct {
		N     int    `json:"n"`
		Title string `json:"title"`
	} `json:"axes"`
	Fiches []struct {
		N     int    `json:"n"`
		Axis  int    `json:"axis"`
		Title string `json:"title"`
	} `json:"fiches"`
	Indicators []fileIndicator `json:"indicators"`
}

type fileIndicator struct {
	N          int               `json:"n"`
	Code       string            `json:"code"`
	Aliases    []string          `json:"aliases"`
	Fiche      int               `json:"fiche"`
	Label      string            `json:"label"`
	Unit       string            `json:"unit"`
	Direction  string            `json:"direction"`
	Mode       string            `json:"mode"`
	RelativeTo string            `json:"relative_to"`
	Targets    map[string]string `json:"targets"`
	Subs       []struct {
		Key     string            `json:"key"`
		Label   string            `json:"label"`
		Targets map[string]string `json:"targets"`
	} `json:"subs"`
	Notes string `json:"notes"`
}

// Referential parses and validates the embedded COG 2023-2027.
func Referential() (*cpog.Referential, error) {
	raw, err := files.ReadFile(referentialFile)
	if err != nil {
		return nil, fmt.Errorf("read embedded referential: %w", err)
	}
	return parseReferential(raw)
}

func parseReferential(raw []byte) (*cpog.Referential, error) {
	var f fileReferential
	var err error
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err = dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("decode referential: %w", err)
	}
	r := &cpog.Referential{ID: f.ID, Title: f.Title, Revision: f.Revision, Signed: f.Signed, Years: f.Years}
	for _, a := range f.Axes {
		r.Axes = append(r.Axes, cpog.Axis{N: a.N, Title: a.Title})
	}
	for _, fi := range f.Fiches {
		r.Fiches = append(r.Fiches, cpog.Fiche{N: fi.N, Axis: fi.Axis, Title: fi.Title})
	}
	for _, fi := range f.Indicators {
		ind := cpog.Indicator{
			N: fi.N, Code: fi.Code, Aliases: fi.Aliases, Fiche: fi.Fiche, Label: fi.Label,
			Unit: cpog.Unit(fi.Unit), Direction: cpog.Direction(fi.Direction), Mode: cpog.Mode(fi.Mode),
			Notes: fi.Notes,
		}
		if ind.Aliases == nil {
			ind.Aliases = []string{}
		}
		if ind.Targets, err = parseTargets(fi.Code, fi.Targets, ind.Unit, fi.RelativeTo); err != nil {
			return nil, err
		}
		for _, s := range fi.Subs {
			ts, err := parseTargets(fi.Code+" "+s.Key, s.Targets, ind.Unit, fi.RelativeTo)
			if err != nil {
				return nil, err
			}
			ind.Subs = append(ind.Subs, cpog.SubIndicator{Key: s.Key, Label: s.Label, Targets: ts})
		}
		r.Indicators = append(r.Indicators, ind)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("embedded referential: %w", err)
	}
	return r, nil
}

func parseTargets(code string, in map[string]string, unit cpog.Unit, relativeTo string) (map[int]cpog.NationalTarget, error) {
	out := make(map[int]cpog.NationalTarget, len(in))
	for ys, raw := range in {
		y, err := strconv.Atoi(ys)
		if err != nil {
			return nil, fmt.Errorf("%s: year %q: %w", code, ys, err)
		}
		t, err := cpog.ParseNationalTarget(raw, unit, relativeTo)
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", code, y, err)
		}
		out[y] = t
	}
	return out, nil
}

// Cafs parses the embedded list of the 101 Caf, in département order.
func Cafs() ([]cpog.Caf, error) {
	raw, err := files.ReadFile(cafFile)
	if err != nil {
		return nil, fmt.Errorf("read embedded Caf list: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read Caf list header: %w", err)
	}
	if strings.Join(header, ",") != "code,departement,kind,name" {
		return nil, fmt.Errorf("embedded Caf list: unexpected header %v", header)
	}
	var out []cpog.Caf
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read Caf list: %w", err)
		}
		c := cpog.Caf{Code: rec[0], Departement: rec[1], Kind: cpog.CafKind(rec[2]), Name: rec[3]}
		if c.Kind != cpog.KindCaf && c.Kind != cpog.KindCCSS {
			return nil, fmt.Errorf("embedded Caf list: %s: unknown kind %q", c.Code, c.Kind)
		}
		if seen[c.Code] {
			return nil, fmt.Errorf("embedded Caf list: %s listed twice", c.Code)
		}
		seen[c.Code] = true
		out = append(out, c)
	}
	cpog.SortCafs(out)
	return out, nil
}

// Checksum is the SHA-256 of the embedded data files; the store records it
// at installation and doctor compares it, so that a database installed from
// another referential is detected.
func Checksum() string {
	h := sha256.New()
	for _, name := range []string{referentialFile, cafFile} {
		b, _ := files.ReadFile(name)
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}
