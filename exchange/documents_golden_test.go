package exchange_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog/exchange"
)

// documentWriters are the printed documents, by golden file name.
var documentWriters = []struct {
	name  string
	write func(io.Writer, exchange.Document) error
}{
	{"annex.html", exchange.WriteHTML},
	{"annex.md", exchange.WriteMarkdown},
	{"bilan.html", exchange.WriteBilanHTML},
	{"bilan.md", exchange.WriteBilanMarkdown},
}

// render writes one document of the fixture.
func render(t testing.TB, write func(io.Writer, exchange.Document) error, d exchange.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestDocumentsGolden compares the annex and the bilan, in HTML and
// Markdown, of the fixed contract with testdata/documents; `go test
// ./exchange -update` rewrites them (read the diff before committing).
func TestDocumentsGolden(t *testing.T) {
	d := fixtureDocument(t, "91")
	for _, w := range documentWriters {
		t.Run(w.name, func(t *testing.T) {
			got := render(t, w.write, d)
			path := filepath.Join("testdata", "documents", w.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./exchange -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (go test ./exchange -update rewrites it):\n%s", w.name, path, firstDiff(string(want), got))
			}
			// the same document twice gives the same bytes
			if again := render(t, w.write, d); again != got {
				t.Errorf("%s is not deterministic", w.name)
			}
		})
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			// quoted: a narrow no-break space and a space look alike
			return fmt.Sprintf("line %d:\n- %+q\n+ %+q", i+1, w, g)
		}
	}
	return ""
}
