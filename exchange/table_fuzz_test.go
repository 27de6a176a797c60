package exchange_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/exchange"
)

// FuzzImportTable feeds the import of the tool's own CSV and workbook
// with damaged files: every input is refused with located French
// messages, or gives edits of known lines with figures a typed value
// could have.
func FuzzImportTable(f *testing.F) {
	ref := fuzzRef(f)
	db := openDB(f)
	seedNegotiation(f, db)
	// the export's first lines: a seed a fuzzer can minimise
	csvFile := exported(f, db, exchange.CSV, false)
	f.Add(bytes.Join(bytes.SplitAfter(csvFile, []byte("\r\n"))[:12], nil))
	f.Add(exported(f, db, exchange.XLSX, true))
	f.Add([]byte("Code;Année;Cible locale;Commentaire\nCOG-08-29;2025;13 j;'=x\n"))
	f.Add([]byte("Fiche,Code,Sous-indicateur,Année,Position Cnaf\n8,COG-08-23,b,2024,\"81,5\"\n"))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{"f.csv", "f.xlsx"} {
			rep, err := exchange.Import(ctx, db, name, data, exchange.ImportOptions{DryRun: true})
			if err != nil {
				checkImportError(t, err)
				continue
			}
			for _, e := range rep.Change.Edits {
				if e.Key.Code == "" {
					continue
				}
				l := checkKey(t, ref, e.Key, true)
				switch e.Field {
				case cpog.FieldProposed, cpog.FieldCounter, cpog.FieldActual:
					if e.Value.OK {
						if err := cpog.CheckFigure(l, e.Key.Year, e.Value.V); err != nil {
							t.Fatalf("accepted %v %s %v: %v", e.Key, e.Field, e.Value.V, err)
						}
					}
				}
			}
		}
	})
}
