package exchange

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/cnaf-tools/cpog"
)

// WriteJSON writes the JSON exchange file of the contract: the Caf and its
// weight, the referential's id and revision, every target with its
// proposal, Cnaf position, agreed value, status, mode and comment, the
// actuals and baselines, and the digest of the whole (see canonical.go).
func WriteJSON(w io.Writer, d Document) error {
	if err := d.check(); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	f := buildExchange(d)
	digest, err := fileDigest(f)
	if err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	f.Digest = digest
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}

func buildExchange(d Document) *exchangeFile {
	c := d.view()
	w := c.Weight
	f := &exchangeFile{
		Format: FormatName, Version: FormatVersion,
		ExportedAt:   d.ExportedAt.UTC().Format(time.RFC3339),
		Actor:        string(d.actor()),
		AgreedOnly:   d.AgreedOnly,
		Referential:  fileReferential{ID: d.Ref.ID, Revision: d.Ref.Revision},
		Caf:          fileCaf{Code: c.Caf.Code, Name: c.Caf.Name},
		Weight:       &w,
		BaselineYear: c.BaselineYear,
		Modes:        make(map[string]string, len(d.Ref.Indicators)),
		Baselines:    []fileBaseline{},
		Targets:      []fileTarget{},
		Actuals:      []fileActual{},
	}
	for i := range d.Ref.Indicators {
		ind := &d.Ref.Indicators[i]
		mode := string(c.ModeOf(ind))
		f.Modes[ind.Code] = mode
		for _, l := range ind.Lines() {
			lk := l.Key()
			if v, ok := c.Baselines[lk]; ok {
				f.Baselines = append(f.Baselines, fileBaseline{Code: lk.Code, Sub: lk.Sub, Value: &v})
			}
			for _, y := range d.Ref.Years {
				k := cpog.TargetKey{LineKey: lk, Year: y}
				if t, ok := c.Targets[k]; ok {
					status := string(t.Status)
					if status == "" {
						status = statusNone
					}
					f.Targets = append(f.Targets, fileTarget{
						Code: lk.Code, Sub: lk.Sub, Year: y,
						Proposal: t.Proposed.Ptr(), Cnaf: t.Counter.Ptr(), Agreed: t.Agreed.Ptr(),
						Status: status, Mode: mode, Comment: t.Comment,
					})
				}
				if v, ok := c.Actuals[k]; ok {
					f.Actuals = append(f.Actuals, fileActual{Code: lk.Code, Sub: lk.Sub, Year: y, Value: &v})
				}
			}
		}
	}
	return f
}

// fileDigest is the digest of a file about to be written, computed on the
// shape an import decodes (generic maps and lists), built here directly
// rather than by encoding and decoding the file, which would double the
// export's time. The round-trip tests check that both agree.
func fileDigest(f *exchangeFile) (string, error) {
	return digestOf(f.generic())
}

func num(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

// generic is the file as encoding/json decodes it into any.
func (f *exchangeFile) generic() map[string]any {
	modes := make(map[string]any, len(f.Modes))
	for k, v := range f.Modes {
		modes[k] = v
	}
	baselines := make([]any, len(f.Baselines))
	for i, b := range f.Baselines {
		baselines[i] = map[string]any{"code": b.Code, "sub": b.Sub, "value": num(b.Value)}
	}
	targets := make([]any, len(f.Targets))
	for i, t := range f.Targets {
		targets[i] = map[string]any{
			"code": t.Code, "sub": t.Sub, "year": float64(t.Year),
			"proposal": num(t.Proposal), "cnaf": num(t.Cnaf), "agreed": num(t.Agreed),
			"status": t.Status, "mode": t.Mode, "comment": t.Comment,
		}
	}
	actuals := make([]any, len(f.Actuals))
	for i, a := range f.Actuals {
		actuals[i] = map[string]any{"code": a.Code, "sub": a.Sub, "year": float64(a.Year), "value": num(a.Value)}
	}
	return map[string]any{
		"format": f.Format, "version": float64(f.Version), "exported_at": f.ExportedAt,
		"actor": f.Actor, "agreed_only": f.AgreedOnly,
		"referential": map[string]any{"id": f.Referential.ID, "revision": float64(f.Referential.Revision)},
		"caf":         map[string]any{"code": f.Caf.Code, "name": f.Caf.Name},
		"weight":      num(f.Weight), "baseline_year": float64(f.BaselineYear),
		"modes": modes, "baselines": baselines, "targets": targets, "actuals": actuals,
		"digest": f.Digest,
	}
}
