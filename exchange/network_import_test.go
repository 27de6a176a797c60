package exchange_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
	"github.com/cnaf-tools/cpog/seed"
)

// writeNetworkFile writes the exchange file of a Caf proposing value for
// COG-08-29 in 2025, exported at the given time.
func writeNetworkFile(t *testing.T, path, caf string, weight, value float64, at time.Time) {
	t.Helper()
	ref, err := seed.Referential()
	if err != nil {
		t.Fatal(err)
	}
	c := cpog.NewContract(cpog.Caf{Code: caf}, ref.ID, weight, 2022)
	c.Targets[key("COG-08-29", "", 2025)] = cpog.Target{Proposed: cpog.Some(value), Status: cpog.StatusProposed}
	var b bytes.Buffer
	if err := exchange.WriteJSON(&b, exchange.Document{Ref: ref, Contract: c, ExportedAt: at}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestImportNetwork: good files are stored, the older file of a Caf is
// passed over, every bad file or path is named with its reason in French,
// and Replace empties the network first.
func TestImportNetwork(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dir := t.TempDir()
	day := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	sub := filepath.Join(dir, "reseau")
	if err := os.MkdirAll(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	writeNetworkFile(t, filepath.Join(sub, "cpog-91.json"), "91", 2.1, 14, day)
	writeNetworkFile(t, filepath.Join(sub, "cpog-69.JSON"), "69", 3.4, 12, day)
	writeNetworkFile(t, filepath.Join(sub, "old-91.json"), "91", 2.1, 99, day.AddDate(0, -1, 0))
	writeNetworkFile(t, filepath.Join(sub, "cpog-99.json"), "99", 1, 10, day)
	if err := os.WriteFile(filepath.Join(sub, "broken.json"), []byte(`{"format":"cpog-exchange",`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "notes.txt"), []byte("pas un fichier d’échange"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "absent")

	rep, err := exchange.ImportNetwork(ctx, db, []string{sub, missing}, exchange.NetworkImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(sub, "cpog-69.JSON"), filepath.Join(sub, "cpog-91.json")}; !reflect.DeepEqual(rep.Loaded, want) {
		t.Errorf("loaded %q, want %q", rep.Loaded, want)
	}
	if want := []string{filepath.Join(sub, "old-91.json")}; !reflect.DeepEqual(rep.Older, want) {
		t.Errorf("older %q, want %q", rep.Older, want)
	}
	// in the files' order, after the paths that could not be read
	wantRejected := []string{
		missing + " : fichier ou dossier introuvable",
		"broken.json, ligne 1, colonne 26 : JSON mal formé",
		filepath.Join(sub, "cpog-99.json") + ` : Caf inconnue "99"`,
	}
	if len(rep.Rejected) != len(wantRejected) {
		t.Fatalf("rejected %q, want %d reasons", rep.Rejected, len(wantRejected))
	}
	for i, w := range wantRejected {
		if !strings.Contains(rep.Rejected[i], w) {
			t.Errorf("rejected[%d] = %q, want it to say %q", i, rep.Rejected[i], w)
		}
	}
	members, err := db.NetworkMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[0].Contract.Caf.Code != "69" || members[1].Contract.Caf.Code != "91" {
		t.Fatalf("network %+v", members)
	}
	if got := members[1].Contract.Target(cpog.LineKey{Code: "COG-08-29"}, 2025).Proposed; got != cpog.Some(14) {
		t.Errorf("Caf 91 proposes %v, want the newer file's 14", got)
	}
	if !members[1].ExportedAt.Equal(day) || members[1].Source != filepath.Join(sub, "cpog-91.json") {
		t.Errorf("member 91: source %q exported %v", members[1].Source, members[1].ExportedAt)
	}

	// Replace: only the files given now make the network.
	rep, err = exchange.ImportNetwork(ctx, db, []string{filepath.Join(sub, "cpog-69.JSON")}, exchange.NetworkImportOptions{Replace: true})
	if err != nil || len(rep.Loaded) != 1 || len(rep.Rejected) != 0 || len(rep.Older) != 0 {
		t.Fatalf("import with Replace: %+v, %v", rep, err)
	}
	if members, err = db.NetworkMembers(ctx); err != nil || len(members) != 1 || members[0].Contract.Caf.Code != "69" {
		t.Errorf("network after Replace: %+v, %v", members, err)
	}
}
