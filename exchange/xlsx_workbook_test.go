package exchange_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

// seedWorkbookPlan gives the contract a plan d'actions: a livrable done, one late
// on the export's day, a local action, and the bilan's texts of a line.
func seedWorkbookPlan(t testing.TB, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	ref, err := db.Referential(ctx)
	if err != nil {
		t.Fatal(err)
	}
	follow := func(n string, f cpog.FollowUp) {
		t.Helper()
		ch, err := cpog.SetFollowUp(ref, contractOf(t, db), cpog.ItemKey{Fiche: 1, Side: cpog.SideCaisse, N: n}, f)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, db, ch)
	}
	follow("1.1.1", cpog.FollowUp{Status: cpog.FollowDone, Due: "2026-03", Pilot: "Service petite enfance", Comment: "maillage achevé"})
	follow("1.1.2", cpog.FollowUp{Status: cpog.FollowDoing, Due: "2026-06", Pilot: "=Direction", Evidence: "https://intranet/preuve"})
	ch, _, err := cpog.AddLocalAction(ref, contractOf(t, db), cpog.ItemKey{Fiche: 1, Side: cpog.SideCaisse, N: "1"},
		cpog.FollowUp{Label: "Réunions d’information dans chaque quartier", Status: cpog.FollowTodo})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, db, ch)
	l := lineOf(t, "COG-08-29", "")
	for field, text := range map[cpog.Field]string{cpog.FieldExplanation: "pic de dossiers au printemps", cpog.FieldAction: "+ renfort de deux agents"} {
		ch, err := cpog.SetTargetText(contractOf(t, db), l, 2024, field, text)
		if err != nil {
			t.Fatal(err)
		}
		apply(t, db, ch)
	}
}

// workbookOf exports a workbook and opens it.
func workbookOf(t *testing.T, d exchange.Document) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

func TestWorkbookAnnexSheet(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	f, _ := workbookOf(t, document(t, db, false))
	rows, err := f.GetRows("CPOG")
	if err != nil {
		t.Fatal(err)
	}
	// Two header rows: the years over their groups, the groups' columns.
	if got := rows[0][:3]; !slices.Equal(got, []string{"Code", "Indicateur", "2023"}) {
		t.Errorf("first header row %q", got)
	}
	if got := rows[1][2:10]; !slices.Equal(got, []string{"Nationale", "Référence", "Caf", "Statut", "Nationale", "Référence", "Caf", "Statut"}) {
		t.Errorf("second header row %q", got)
	}
	merged, err := f.GetMergeCells("CPOG")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, m := range merged {
		refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A1:A2", "B1:B2", "C1:F1", "S1:V1"} {
		if !slices.Contains(refs, want) {
			t.Errorf("no merged header %s in %q", want, refs)
		}
	}
	find := func(code string) int {
		t.Helper()
		for i, r := range rows {
			if len(r) > 0 && r[0] == code {
				return i + 1
			}
		}
		t.Fatalf("no row for %s", code)
		return 0
	}
	// COG-01-01 2025 is agreed at 180,5: 2025 is the third group, K to N.
	r := find("COG-01-01")
	for cell, want := range map[string]string{"M": "180.5", "N": "validé", "K": "8200"} {
		raw, _ := f.GetCellValue("CPOG", cell+strconv.Itoa(r), excelize.Options{RawCellValue: true})
		if raw != want {
			t.Errorf("COG-01-01 %s%d = %q, want %q", cell, r, raw, want)
		}
	}
	if h, _ := f.GetRowHeight("CPOG", r); h < 60 {
		t.Errorf("COG-01-01's long label in a row %v points high: it would be cut", h)
	}
	label, _ := f.GetCellValue("CPOG", "B"+strconv.Itoa(r))
	if !strings.HasSuffix(label, "revitalisation rurales (ZRR)") {
		t.Errorf("label %q", label)
	}
	style, _ := f.GetCellStyle("CPOG", "B"+strconv.Itoa(r))
	if st, _ := f.GetStyle(style); st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("label not wrapped: %+v", st.Alignment)
	}
	// sub-indicators carry their key in the code column; a band is text
	find("COG-08-23 b")
	if v, _ := f.GetCellValue("CPOG", "K"+strconv.Itoa(find("COG-12-52"))); v != "43 %/57 %" {
		t.Errorf("band national %q", v)
	}
	// titles of axes and fiches have no code
	if !slices.ContainsFunc(rows, func(r []string) bool {
		return len(r) > 1 && r[0] == "" && strings.HasPrefix(r[1], "Fiche 08 · ")
	}) {
		t.Error("no title row for fiche 8")
	}

	panes, err := f.GetPanes("CPOG")
	if err != nil || !panes.Freeze || panes.XSplit != 2 || panes.YSplit != 2 {
		t.Errorf("panes %+v %v", panes, err)
	}
	layout, err := f.GetPageLayout("CPOG")
	if err != nil {
		t.Fatal(err)
	}
	if *layout.Orientation != "landscape" || *layout.Size != 9 || *layout.FitToWidth != 1 || *layout.FitToHeight != 0 {
		t.Errorf("page layout: orientation %s size %d fit %d×%d", *layout.Orientation, *layout.Size, *layout.FitToWidth, *layout.FitToHeight)
	}
	props, err := f.GetSheetProps("CPOG")
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	hf, err := f.GetHeaderFooter("CPOG")
	if err != nil || !strings.Contains(hf.OddFooter, "&P / &N") || !strings.Contains(hf.OddHeader, "Caf de l'Essonne (91)") {
		t.Errorf("header and footer %+v %v", hf, err)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(n excelize.DefinedName) bool {
		return n.Name == "_xlnm.Print_Titles" && n.Scope == "CPOG" && n.RefersTo == "'CPOG'!$1:$2"
	}) {
		t.Errorf("no print titles for CPOG in %+v", names)
	}
	tables, err := f.GetTables("Données")
	if err != nil || len(tables) != 1 || !strings.HasPrefix(tables[0].Range, "A1:S") {
		t.Errorf("Données table %+v %v", tables, err)
	}
}

func TestWorkbookBilanAndEngagements(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	seedWorkbookPlan(t, db)
	d, err := exchange.LoadDocument(context.Background(), db, exchange.ExportOptions{Now: exportDay, Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := workbookOf(t, d)
	if got := f.GetSheetList(); !slices.Contains(got, "Bilan 2024") {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("Bilan 2024")
	if err != nil {
		t.Fatal(err)
	}
	text := func(r []string) string { return strings.Join(r, "|") }
	if !strings.HasPrefix(rows[0][0], "Bilan annuel 2024 · Caf de l'Essonne (91) · à rendre le 15 mars 2025") {
		t.Errorf("title %q", rows[0])
	}
	var synth, line, late, done []string
	for _, r := range rows {
		switch {
		case len(r) > 1 && r[0] == "01" && synth == nil:
			synth = r
		case len(r) > 0 && r[0] == "COG-08-29":
			line = r
		case len(r) > 2 && r[1] == "1.1.2":
			late = r
		case len(r) > 2 && r[1] == "1.1.1":
			done = r
		}
	}
	// the synthèse first: fiche 1, its 11 lines, 3 livrables of 24… done
	if synth == nil || !strings.Contains(text(synth), "1 réalisés sur") || !strings.Contains(text(synth), "1 en retard") {
		t.Errorf("synthèse of fiche 1: %q", synth)
	}
	// COG-08-29 2024: no Caf target, the reference 15 j against 15,5 j
	want := []string{"COG-08-29", "", "Délai moyen de démarche des prestations légales", "—", "15 j", "15.5 j", "96.77%", "~ proche",
		"pic de dossiers au printemps", "'+ renfort de deux agents"}
	if !slices.Equal(line, want) {
		t.Errorf("bilan row\n got %q\nwant %q", line, want)
	}
	if late == nil || late[5] != "oui" || !strings.Contains(late[3], "en cours") || late[6] != "'=Direction" {
		t.Errorf("late livrable %q", late)
	}
	if done == nil || !strings.Contains(done[3], "réalisé") || done[8] != "maillage achevé" {
		t.Errorf("done livrable %q", done)
	}

	plan, err := f.GetRows("Engagements")
	if err != nil {
		t.Fatal(err)
	}
	if got := plan[0]; !slices.Equal(got[:6], []string{"Fiche", "Côté", "N°", "Niveau", "Libellé", "Chaque Caf"}) {
		t.Errorf("Engagements header %q", got)
	}
	var levels []string
	var local, etat []string
	for _, r := range plan[1:] {
		if r[0] == "01" && r[1] == "caisse" && len(levels) < 3 {
			levels = append(levels, r[3])
		}
		if len(r) > 3 && r[3] == "Action locale" {
			local = r
		}
		if r[1] == "État" && etat == nil {
			etat = r
		}
	}
	if !slices.Equal(levels, []string{"Engagement", "Action", "Livrable"}) {
		t.Errorf("levels %q", levels)
	}
	if local == nil || local[2] != "1.L1" || local[4] != "Réunions d’information dans chaque quartier" || !strings.Contains(local[6], "à faire") {
		t.Errorf("local action %q", local)
	}
	if etat == nil {
		t.Error("no État engagement")
	}
}

func TestWorkbookDeterministic(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	seedWorkbookPlan(t, db)
	d := document(t, db, false)
	var a, b bytes.Buffer
	if err := exchange.WriteXLSX(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := exchange.WriteXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of one document differ")
	}
}
