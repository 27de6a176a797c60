package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gowebpki/jcs"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/store"
)

func exportJSON(t testing.TB, db *store.DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, document(t, db, false)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// evaluations is everything the product shows of a contract, line by line.
func evaluations(t testing.TB, db *store.DB) []cpog.Evaluation {
	t.Helper()
	ref, err := db.Referential(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c := contractOf(t, db)
	var out []cpog.Evaluation
	for i := range ref.Indicators {
		for _, l := range ref.Indicators[i].Lines() {
			for _, y := range ref.Years {
				out = append(out, cpog.Evaluate(ref, c, l, y))
			}
		}
	}
	return out
}

func TestJSONRoundTripIntoFreshDatabase(t *testing.T) {
	ctx := context.Background()
	src := openDB(t)
	seedNegotiation(t, src)
	data := exportJSON(t, src)

	dst := openDB(t)
	rep, err := exchange.Import(ctx, dst, "cpog-91.json", data, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.NewContract || rep.ChangeID == 0 || rep.Caf.Code != "91" {
		t.Errorf("report: new contract %v, change %d, Caf %s", rep.NewContract, rep.ChangeID, rep.Caf.Code)
	}
	if code, ok, _ := dst.CurrentCaf(ctx); !ok || code != "91" {
		t.Errorf("current Caf after import into a fresh database: %q %v, want 91", code, ok)
	}
	a, b := contractOf(t, src), contractOf(t, dst)
	if a.Weight != b.Weight || a.BaselineYear != b.BaselineYear {
		t.Errorf("weight %v/%v, baseline year %d/%d", a.Weight, b.Weight, a.BaselineYear, b.BaselineYear)
	}
	for _, part := range []struct {
		name string
		a, b any
	}{{"targets", a.Targets, b.Targets}, {"actuals", a.Actuals, b.Actuals}, {"baselines", a.Baselines, b.Baselines}} {
		if diff := cmp.Diff(part.a, part.b); diff != "" {
			t.Errorf("%s differ (-source +imported):\n%s", part.name, diff)
		}
	}
	if diff := cmp.Diff(evaluations(t, src), evaluations(t, dst)); diff != "" {
		t.Errorf("evaluations differ (-source +imported):\n%s", diff)
	}
	// The same file again changes nothing; its export is the same file.
	again, err := exchange.Import(ctx, dst, "cpog-91.json", data, exchange.ImportOptions{})
	if err != nil || len(again.Change.Edits) != 0 || again.ChangeID != 0 {
		t.Errorf("second import: %v, %d edits", err, len(again.Change.Edits))
	}
	if out := exportJSON(t, dst); !bytes.Equal(out, data) {
		t.Errorf("export of the imported contract differs from the file:\n%s", cmp.Diff(string(data), string(out)))
	}
}

func TestJSONImportIsOneUndoableStep(t *testing.T) {
	ctx := context.Background()
	src := openDB(t)
	seedNegotiation(t, src)
	// The Cnaf counters a proposal and comments another.
	var f map[string]any
	if err := json.Unmarshal(exportJSON(t, src), &f); err != nil {
		t.Fatal(err)
	}
	for _, tg := range f["targets"].([]any) {
		tg := tg.(map[string]any)
		if tg["code"] == "COG-08-28" {
			tg["cnaf"], tg["status"], tg["comment"] = 86.5, "countered", "la Cnaf demande 86,5"
		}
	}
	f["actor"] = "cnaf"
	data := resign(t, f)

	before := evaluations(t, src)
	rep, err := exchange.Import(ctx, src, "cnaf.json", data, exchange.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Change.Edits) != 3 || rep.Change.Actor != cpog.ActorCnaf || rep.Change.Comment != "import de cnaf.json" {
		t.Fatalf("change: %+v", rep.Change)
	}
	got := contractOf(t, src).Target(cpog.LineKey{Code: "COG-08-28"}, 2025)
	if got.Status != cpog.StatusCountered || got.Counter != cpog.Some(86.5) {
		t.Errorf("after import: %+v", got)
	}
	hist, err := src.History(ctx, "91", "COG-08-28")
	if err != nil {
		t.Fatal(err)
	}
	last := hist[len(hist)-1]
	if last.Kind != "import" || last.Actor != cpog.ActorCnaf || last.ChangeID != rep.ChangeID {
		t.Errorf("last event: %+v", last)
	}
	if _, err := src.Undo(ctx, "91"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, evaluations(t, src)); diff != "" {
		t.Errorf("undo of the import did not restore the contract (-before +after):\n%s", diff)
	}
}

// resign writes a document edited in a test with a fresh, valid digest.
func resign(t testing.TB, f map[string]any) []byte {
	t.Helper()
	f["digest"] = ""
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	canon, err := jcs.Transform(b)
	if err != nil {
		t.Fatal(err)
	}
	f["digest"] = exchange.Digest(canon)
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONDeterministicAndDigestIndependentOfLayout(t *testing.T) {
	db := openDB(t)
	seedNegotiation(t, db)
	a, b := exportJSON(t, db), exportJSON(t, db)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports at the same date differ")
	}
	ref, err := db.Referential(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Re-encoded compact with members in another order: same digest.
	var f map[string]any
	dec := json.NewDecoder(bytes.NewReader(a))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	compact, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.DecodeExchange("compact.json", compact, ref); err != nil {
		t.Errorf("re-encoded file refused: %v", err)
	}
	// One figure changed: refused.
	tampered := bytes.Replace(a, []byte(`"proposal": 85.6`), []byte(`"proposal": 95.6`), 1)
	if bytes.Equal(tampered, a) {
		t.Fatal("fixture: figure not found")
	}
	_, err = exchange.DecodeExchange("tampered.json", tampered, ref)
	var ie *exchange.ImportError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "empreinte incorrecte") {
		t.Errorf("tampered file: %v", err)
	}
	if cpog.ErrorCode(err) != cpog.EInvalid {
		t.Errorf("error code %q, want %q", cpog.ErrorCode(err), cpog.EInvalid)
	}
}

func TestJSONRefusesAnotherCaf(t *testing.T) {
	ctx := context.Background()
	src := openDB(t)
	if _, err := src.SelectCaf(ctx, "69", cpog.Some(3)); err != nil {
		t.Fatal(err)
	}
	d, err := exchange.LoadDocument(ctx, src, exchange.ExportOptions{Now: exportDay})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := exchange.WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	dst := openDB(t)
	seedNegotiation(t, dst)
	_, err = exchange.Import(ctx, dst, "lyon.json", buf.Bytes(), exchange.ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "fichier de la Caf 69, la base négocie pour la Caf 91") {
		t.Errorf("import of Caf 69 into Caf 91: %v", err)
	}
}
