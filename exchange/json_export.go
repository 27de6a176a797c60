package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
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
	// The digest is that of the file as it is written, its digest member
	// empty, computed by the same canonicaliser as imports use.
	var b bytes.Buffer
	if err := encodeExchange(&b, f); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	canon, _, err := canonicalFile(b.Bytes())
	if err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	f.Digest = Digest(canon)
	if err := encodeExchange(w, f); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}

func encodeExchange(w io.Writer, f *exchangeFile) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
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
		if k, ok := c.ShareKeys[ind.Code]; ok {
			if f.ShareKeys == nil {
				f.ShareKeys = map[string]float64{}
			}
			f.ShareKeys[ind.Code] = k
		}
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
						AgreedOn: &t.AgreedOn, Explanation: &t.Explanation, Action: &t.Action,
					})
				}
				if v, ok := c.Actuals[k]; ok {
					f.Actuals = append(f.Actuals, fileActual{Code: lk.Code, Sub: lk.Sub, Year: y, Value: &v})
				}
			}
		}
	}
	f.FollowUps = fileFollowUps(c)
	return f
}

// fileFollowUps lists the contract's follow-ups in the COG's order, a
// removed local action included (its label empty), so that an import
// removes it too.
func fileFollowUps(c *cpog.Contract) []fileFollowUp {
	keys := make([]cpog.ItemKey, 0, len(c.FollowUps))
	for k := range c.FollowUps {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cpog.CompareItemKeys)
	out := make([]fileFollowUp, 0, len(keys))
	for _, k := range keys {
		fu := c.FollowUps[k]
		status := string(fu.Status)
		if status == "" {
			status = statusNone
		}
		out = append(out, fileFollowUp{Fiche: k.Fiche, Side: string(k.Side), N: k.N, Label: fu.Label, Status: status,
			Due: fu.Due, Pilot: fu.Pilot, Comment: fu.Comment, Evidence: fu.Evidence})
	}
	return out
}
