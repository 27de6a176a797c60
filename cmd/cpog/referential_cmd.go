package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cnaf-tools/cpog"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use: "version", Short: "affiche la version de cpog", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.stdout, versionString())
			return err
		},
	}
}

// indicatorJSON is the shape of `cpog indicators --json` (see README).
type indicatorJSON struct {
	N          int                 `json:"n"`
	Code       string              `json:"code"`
	Aliases    []string            `json:"aliases"`
	Fiche      int                 `json:"fiche"`
	Axis       int                 `json:"axis"`
	Label      string              `json:"label"`
	Unit       cpog.Unit           `json:"unit"`
	Direction  cpog.Direction      `json:"direction"`
	Mode       cpog.Mode           `json:"mode"`
	Targets    map[string]*float64 `json:"targets"`
	TargetsRaw map[string]*string  `json:"targets_raw"`
	Band       *bandJSON           `json:"band,omitempty"`
	RelativeTo string              `json:"relative_to,omitempty"`
	Subs       []subJSON           `json:"sub_indicators,omitempty"`
	Notes      string              `json:"notes,omitempty"`
}

type bandJSON struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

type subJSON struct {
	Key        string              `json:"key"`
	Label      string              `json:"label"`
	Targets    map[string]*float64 `json:"targets"`
	TargetsRaw map[string]*string  `json:"targets_raw"`
}

func targetsJSON(years []int, ts map[int]cpog.NationalTarget) (map[string]*float64, map[string]*string) {
	vals, raws := map[string]*float64{}, map[string]*string{}
	for _, y := range years {
		k := strconv.Itoa(y)
		vals[k], raws[k] = nil, nil
		if t, ok := ts[y]; ok {
			raw := t.Raw
			raws[k] = &raw
			if t.Single() {
				v := t.Value
				vals[k] = &v
			}
		}
	}
	return vals, raws
}

func toIndicatorJSON(r *cpog.Referential, ind *cpog.Indicator) indicatorJSON {
	out := indicatorJSON{
		N: ind.N, Code: ind.Code, Aliases: ind.Aliases, Fiche: ind.Fiche, Axis: r.AxisOf(ind),
		Label: ind.Label, Unit: ind.Unit, Direction: ind.Direction, Mode: ind.Mode, Notes: ind.Notes,
	}
	if out.Aliases == nil {
		out.Aliases = []string{}
	}
	out.Targets, out.TargetsRaw = targetsJSON(r.Years, ind.Targets)
	for _, l := range ind.Lines() {
		for _, y := range r.Years {
			t, ok := l.Targets[y]
			if !ok {
				continue
			}
			if t.Kind == cpog.TargetBand && out.Band == nil {
				out.Band = &bandJSON{Min: t.Min, Max: t.Max}
			}
			if t.RelativeTo != "" && out.RelativeTo == "" {
				out.RelativeTo = t.RelativeTo
			}
		}
	}
	for _, s := range ind.Subs {
		sj := subJSON{Key: s.Key, Label: s.Label}
		sj.Targets, sj.TargetsRaw = targetsJSON(r.Years, s.Targets)
		out.Subs = append(out.Subs, sj)
	}
	return out
}

func (a *app) indicatorsCommand() *cobra.Command {
	var asJSON bool
	var fiche int
	cmd := &cobra.Command{
		Use: "indicators [--json] [--fiche N]", Short: "liste les indicateurs de résultat de la COG et leurs cibles nationales",
		Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := a.referential(cmd.Context())
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("fiche") {
				if _, ok := r.Fiche(fiche); !ok {
					return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("fiche %d inconnue (1 à %d)", fiche, len(r.Fiches)))
				}
			}
			var inds []*cpog.Indicator
			for i := range r.Indicators {
				if fiche == 0 || r.Indicators[i].Fiche == fiche {
					inds = append(inds, &r.Indicators[i])
				}
			}
			if asJSON {
				out := make([]indicatorJSON, 0, len(inds))
				for _, ind := range inds {
					out = append(out, toIndicatorJSON(r, ind))
				}
				return writeJSON(a.stdout, out)
			}
			return writeIndicatorTable(a.stdout, r, inds)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON (un tableau d’objets)")
	cmd.Flags().IntVar(&fiche, "fiche", 0, "n’affiche que la fiche thématique `N`")
	return cmd
}

func writeIndicatorTable(w io.Writer, r *cpog.Referential, inds []*cpog.Indicator) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"n°", "code", "fiche", "unité", "sens", "mode"}
	for _, y := range r.Years {
		head = append(head, strconv.Itoa(y))
	}
	head = append(head, "indicateur")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, ind := range inds {
		for _, l := range ind.Lines() {
			code, label := ind.Code, ind.Label
			if l.Sub != "" {
				code, label = ind.Code+" "+l.Sub, "  "+l.Sub+". "+l.Label
			}
			row := []string{strconv.Itoa(ind.N), code, strconv.Itoa(ind.Fiche), ind.Unit.Label(), ind.Direction.Symbol(), string(ind.Mode)}
			for _, y := range r.Years {
				if t, ok := l.Targets[y]; ok {
					row = append(row, t.Raw)
				} else {
					row = append(row, "—")
				}
			}
			if l.Sub != "" && l.Sub == ind.Subs[0].Key {
				fmt.Fprintln(tw, strings.Join([]string{strconv.Itoa(ind.N), ind.Code, strconv.Itoa(ind.Fiche), ind.Unit.Label(), ind.Direction.Symbol(), string(ind.Mode), "", "", "", "", "", ind.Label}, "\t"))
			}
			row = append(row, label)
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
	}
	return tw.Flush()
}

func (a *app) cafsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use: "cafs [--json]", Short: "liste les 101 Caf", Args: args(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cafs, err := a.cafs(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				type cafJSON struct {
					Code string `json:"code"`
					Name string `json:"name"`
					Kind string `json:"kind"`
				}
				out := make([]cafJSON, 0, len(cafs))
				for _, c := range cafs {
					out = append(out, cafJSON{c.Code, c.Name, string(c.Kind)})
				}
				return writeJSON(a.stdout, out)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "code\ttype\tnom")
			for _, c := range cafs {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", c.Code, c.Kind, c.Name)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "sortie JSON")
	return cmd
}
