package exchange

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/cnaf-tools/cpog"
)

// ImportOptions says how to import.
type ImportOptions struct {
	// Caf is the Caf the user works on ("" for the one in use; on a fresh
	// database, a JSON exchange file chooses its own).
	Caf string
	// DryRun validates and lists the changes without writing anything.
	DryRun bool
}

// ImportReport says what an import changed, or would change.
type ImportReport struct {
	File   string // the file's name, as messages cite it
	Kind   Kind
	Caf    cpog.Caf
	Change cpog.Change
	// Lines describe each edit in French, in order.
	Lines []string
	// NewContract is true when the import creates the Caf's contract (a
	// fresh database receiving a file).
	NewContract bool
	DryRun      bool
	// ChangeID is the undoable step written; 0 for a dry run or when
	// nothing changed.
	ChangeID int64
}

// Summary is the one-line French account of the import.
func (r *ImportReport) Summary() string {
	n := len(r.Change.Edits)
	switch {
	case n == 0 && r.NewContract && r.DryRun:
		return fmt.Sprintf("%s : aucune valeur à importer ; la %s serait choisie", r.File, r.Caf.Label())
	case n == 0 && r.NewContract:
		return fmt.Sprintf("%s : aucune valeur à importer ; %s choisie", r.File, r.Caf.Label())
	case n == 0:
		return fmt.Sprintf("%s : rien à importer, la base contient déjà ces valeurs", r.File)
	case r.DryRun:
		return fmt.Sprintf("%s : %s pour la %s (simulation, rien n’a été écrit)", r.File, plural(n, "modification serait faite", "modifications seraient faites"), r.Caf.Label())
	}
	return fmt.Sprintf("%s : %s pour la %s (étape n° %d, annulable avec « cpog undo »)", r.File, plural(n, "modification enregistrée", "modifications enregistrées"), r.Caf.Label(), r.ChangeID)
}

// ImportFile reads, validates and applies an import file: a JSON exchange
// file, the tool's own CSV or workbook edited in a spreadsheet (see
// table_import.go), or actuals in CSV or XLSX. Validation is complete before anything is
// written; the changes are one undoable step of the history, written in one
// transaction. On any problem it returns an *ImportError listing them all
// and the database is left as it was.
func ImportFile(ctx context.Context, st Store, path string, opts ImportOptions) (*ImportReport, error) {
	data, err := readImport(path)
	if err != nil {
		return nil, err
	}
	return Import(ctx, st, filepath.Base(path), data, opts)
}

// Import is ImportFile on content already read; name is how messages cite
// the file.
func Import(ctx context.Context, st Store, name string, data []byte, opts ImportOptions) (*ImportReport, error) {
	ref, err := st.Referential(ctx)
	if err != nil {
		return nil, err
	}
	ps := &problems{file: name}
	body, kind, ok := sniff(name, data, ps)
	if !ok {
		return nil, ps.err()
	}
	if kind == containerJSON {
		ex, err := decodeExchange(new(canonParser), body, ref, ps)
		if err != nil {
			return nil, err
		}
		return importExchange(ctx, st, ref, name, ex, opts)
	}
	if isOwnTable(body, kind) {
		return importTable(ctx, st, ref, cpog.Source{File: name, Digest: Digest(data)}, body, kind, opts)
	}
	values, err := DecodeActuals(name, data, ref)
	if err != nil {
		return nil, err
	}
	return importActuals(ctx, st, ref, cpog.Source{File: name, Digest: Digest(data)}, values, opts)
}

func importExchange(ctx context.Context, st Store, ref *cpog.Referential, name string, ex *Exchange, opts ImportOptions) (*ImportReport, error) {
	ps := &problems{file: name}
	caf, err := st.Caf(ctx, ex.Caf)
	if err != nil {
		if cpog.ErrorCode(err) != cpog.ENotFound {
			return nil, err
		}
		ps.whole("Caf inconnue : « %s » (un code de département : 01 … 95, 2A, 2B, 971 … 976)", cpog.Cite(ex.Caf))
		return nil, ps.err()
	}
	target, err := currentCaf(ctx, st, opts.Caf)
	if err != nil {
		return nil, err
	}
	if target != "" && target != caf.Code {
		ps.whole("fichier de la Caf %s, la base négocie pour la Caf %s", caf.Code, target)
		return nil, ps.err()
	}
	rep := &ImportReport{File: name, Kind: KindExchange, Caf: caf, DryRun: opts.DryRun}
	cur, err := st.Contract(ctx, caf.Code)
	switch {
	case cpog.ErrorCode(err) == cpog.ENotFound:
		rep.NewContract = true
		cur = cpog.NewContract(caf, ref.ID, ex.Contract.Weight, ex.Contract.BaselineYear)
	case err != nil:
		return nil, err
	case cur.BaselineYear != ex.Contract.BaselineYear:
		ps.whole("année de référence %d dans le fichier, %d dans la base", ex.Contract.BaselineYear, cur.BaselineYear)
		return nil, ps.err()
	}
	if ex.Version == 1 {
		// a version 1 file knows nothing of these: they stay as they are
		for k, t := range ex.Contract.Targets {
			was := cur.Targets[k]
			t.AgreedOn, t.Explanation, t.Action = was.AgreedOn, was.Explanation, was.Action
			ex.Contract.Targets[k] = t
		}
	}
	rep.Change = cpog.Change{
		Actor: ex.Actor, Kind: "import", Comment: "import de " + name,
		Edits:  cpog.Merge(ref, cur, ex.Contract),
		Source: cpog.Source{File: name, Digest: ex.Digest, Actor: ex.Actor},
	}
	rep.Change.Summary = fmt.Sprintf("import de %s : %s", name, plural(len(rep.Change.Edits), "modification", "modifications"))
	rep.Lines = describeEdits(ref, cur, rep.Change.Edits)
	if opts.DryRun || (len(rep.Change.Edits) == 0 && !rep.NewContract) {
		return rep, nil
	}
	var create *cpog.Contract
	if rep.NewContract {
		create = cur
	}
	if rep.ChangeID, err = st.ApplyImport(ctx, caf.Code, create, rep.Change); err != nil {
		return nil, err
	}
	return rep, nil
}

func importActuals(ctx context.Context, st Store, ref *cpog.Referential, src cpog.Source, values map[cpog.TargetKey]float64, opts ImportOptions) (*ImportReport, error) {
	name := src.File
	cur, err := currentContract(ctx, st, opts.Caf)
	if err != nil {
		return nil, err
	}
	next := cpog.NewContract(cur.Caf, cur.RefID, 0, cur.BaselineYear)
	next.Actuals = values
	rep := &ImportReport{File: name, Kind: KindActuals, Caf: cur.Caf, DryRun: opts.DryRun}
	rep.Change = cpog.Change{
		Actor: cpog.ActorCaf, Kind: "import", Comment: "import de " + name,
		Edits:  cpog.Merge(ref, cur, next),
		Source: src,
	}
	rep.Change.Summary = fmt.Sprintf("import des réalisés de %s : %s", name, plural(len(rep.Change.Edits), "valeur", "valeurs"))
	return applyImport(ctx, st, ref, cur, rep, opts)
}

// describeEdits writes each edit as the history shows it: "COG-08-29 2025 ·
// proposition Caf : 15 j → 14 j".
func describeEdits(ref *cpog.Referential, cur *cpog.Contract, edits []cpog.Edit) []string {
	out := make([]string, 0, len(edits))
	for _, e := range edits {
		ev := cpog.Event{Key: e.Key, Field: e.Field, New: e.Value, NewText: e.Text}
		ev.Old, ev.OldText = currentField(ref, cur, e)
		unit := cpog.UnitOther
		if ind, err := lookup(ref, e.Key.Code); err == nil && e.Key.Code != "" {
			unit = ind.Unit
		}
		where := "contrat"
		switch {
		case e.Field == cpog.FieldWeight:
			unit = cpog.UnitPercent
		case e.Key.Code != "":
			where = keyText(e.Key)
		}
		if e.Field == cpog.FieldMode {
			ev.OldText, ev.NewText = fieldText(e.Field, ev.OldText), fieldText(e.Field, ev.NewText)
		}
		out = append(out, where+" · "+ev.Describe(unit))
	}
	return out
}

// currentField is the value an edit replaces.
func currentField(ref *cpog.Referential, c *cpog.Contract, e cpog.Edit) (cpog.Opt, string) {
	switch e.Field {
	case cpog.FieldWeight:
		return cpog.Some(c.Weight), ""
	case cpog.FieldMode:
		ind, err := lookup(ref, e.Key.Code)
		if err != nil {
			return cpog.None, string(c.Modes[e.Key.Code])
		}
		return cpog.None, string(c.ModeOf(ind))
	case cpog.FieldBaseline:
		if v, ok := c.Baselines[e.Key.LineKey]; ok {
			return cpog.Some(v), ""
		}
		return cpog.None, ""
	case cpog.FieldActual:
		if v, ok := c.Actuals[e.Key]; ok {
			return cpog.Some(v), ""
		}
		return cpog.None, ""
	}
	t := c.Targets[e.Key]
	switch e.Field {
	case cpog.FieldProposed:
		return t.Proposed, ""
	case cpog.FieldCounter:
		return t.Counter, ""
	case cpog.FieldAgreed:
		return t.Agreed, ""
	case cpog.FieldStatus:
		return cpog.None, string(t.Status)
	case cpog.FieldComment:
		return cpog.None, t.Comment
	case cpog.FieldExplanation:
		return cpog.None, t.Explanation
	case cpog.FieldAction:
		return cpog.None, t.Action
	case cpog.FieldAgreedOn:
		return cpog.None, t.AgreedOn
	}
	return cpog.None, ""
}

// isOwnTable reports whether a CSV or a workbook is the tool's own table
// (its header names columns an actuals file has not, or the workbook has
// a « CPOG » or « Données » sheet) rather than an actuals file.
func isOwnTable(body []byte, kind container) bool {
	switch kind {
	case containerCSV:
		header, _, ok := csvHeader(body)
		return ok && isTableHeader(header)
	case containerXLSX:
		return isOwnWorkbook(body)
	}
	return false
}

// applyImport describes an import's change and, unless it is a dry run or
// changes nothing, applies it as one undoable step.
func applyImport(ctx context.Context, st Store, ref *cpog.Referential, cur *cpog.Contract, rep *ImportReport, opts ImportOptions) (*ImportReport, error) {
	rep.Lines = describeEdits(ref, cur, rep.Change.Edits)
	if opts.DryRun || len(rep.Change.Edits) == 0 {
		return rep, nil
	}
	var err error
	if rep.ChangeID, err = st.ApplyImport(ctx, cur.Caf.Code, nil, rep.Change); err != nil {
		return nil, err
	}
	return rep, nil
}
