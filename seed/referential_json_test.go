package seed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cnaf-tools/cpog"
)

// The referential's source is data/cog-2023-2027.json, written and reviewed
// against the COG's text. The tests parse and validate it here, and check
// that the Go the binary carries (referential_gen.go) is that file's.

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
	Measure    string            `json:"measure"`
	RelativeTo string            `json:"relative_to"`
	Targets    map[string]string `json:"targets"`
	Subs       []struct {
		Key     string            `json:"key"`
		Label   string            `json:"label"`
		Targets map[string]string `json:"targets"`
	} `json:"subs"`
	Notes string `json:"notes"`
}

// fileEngagements is the JSON shape of the fiches' tables of engagements,
// actions and livrables.
type fileEngagements struct {
	Source      string `json:"source"`
	Echeances   string `json:"echeances"`
	EachCafRule string `json:"each_caf_rule"`
	Fiches      []struct {
		Fiche       int              `json:"fiche"`
		SourceLines string           `json:"source_lines"`
		Caisse      []fileEngagement `json:"caisse"`
		Etat        []fileEngagement `json:"etat"`
		Notes       []string         `json:"notes"`
	} `json:"fiches"`
}

type fileEngagement struct {
	N       string `json:"n"`
	Printed string `json:"printed"`
	Label   string `json:"label"`
	Actions []struct {
		N         string `json:"n"`
		Label     string `json:"label"`
		Livrables []struct {
			N       string `json:"n"`
			Printed string `json:"printed"`
			Label   string `json:"label"`
			EachCaf bool   `json:"each_caf"`
		} `json:"livrables"`
	} `json:"actions"`
}

func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func parseReferential(raw, engagements []byte) (*cpog.Referential, error) {
	var f fileReferential
	var err error
	if err = decodeStrict(raw, &f); err != nil {
		return nil, fmt.Errorf("decode referential: %w", err)
	}
	var fe fileEngagements
	if err = decodeStrict(engagements, &fe); err != nil {
		return nil, fmt.Errorf("decode engagements: %w", err)
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
			Measure: cpog.Measure(fi.Measure), Notes: fi.Notes,
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
	for _, fi := range fe.Fiches {
		for _, side := range []struct {
			side cpog.Side
			list []fileEngagement
		}{{cpog.SideCaisse, fi.Caisse}, {cpog.SideEtat, fi.Etat}} {
			for _, e := range side.list {
				r.Engagements = append(r.Engagements, engagement(fi.Fiche, side.side, e))
			}
		}
		for _, n := range fi.Notes {
			r.EngagementNotes = append(r.EngagementNotes, cpog.EngagementNote{Fiche: fi.Fiche, Text: n})
		}
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("embedded referential: %w", err)
	}
	return r, nil
}

func engagement(fiche int, side cpog.Side, e fileEngagement) cpog.Engagement {
	out := cpog.Engagement{Fiche: fiche, Side: side, N: e.N, Printed: e.Printed, Label: e.Label}
	for _, a := range e.Actions {
		act := cpog.Action{N: a.N, Label: a.Label}
		for _, l := range a.Livrables {
			act.Livrables = append(act.Livrables, cpog.Livrable{N: l.N, Printed: l.Printed, Label: l.Label, EachCaf: l.EachCaf})
		}
		out.Actions = append(out.Actions, act)
	}
	return out
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

// checksum computes Checksum from the data files' contents, by name.
func checksum(contents map[string][]byte) string {
	h := sha256.New()
	for _, name := range []string{referentialFile, engagementsFile, cafFile} {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(contents[name])
	}
	return hex.EncodeToString(h.Sum(nil))
}
