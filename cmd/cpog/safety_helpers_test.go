package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gowebpki/jcs"
)

// The helpers of the safety tests (issue 12): each attack must leave the
// database exactly as it was and be answered in French.

// englishMarks are pieces of the system's and libraries' English that a
// message for the user must not carry.
var englishMarks = []string{"error", "failed", "no such", "cannot", "invalid argument", "permission denied",
	"malformed", "unable", "json:", "panic", "goroutine", "unsupported value", "not a directory", "is a directory",
	"open store", "read schema", "encode", "\x1b"}

// mustRefuse runs a command that must fail with exit status 1 and a
// French message containing want.
func (c *cli) mustRefuse(want string, args ...string) result {
	c.t.Helper()
	r := c.run(args...)
	if r.code != 1 {
		c.t.Errorf("cpog %q: exit %d, want 1 (stdout %q, stderr %q)", args, r.code, r.stdout, r.stderr)
	}
	checkFrench(c.t, args, r.stderr, want)
	return r
}

// checkFrench checks a message is cpog's French, names want and carries
// no English of the layers below.
func checkFrench(t testing.TB, args []string, stderr, want string) {
	t.Helper()
	if !strings.HasPrefix(stderr, "cpog : ") || !strings.Contains(stderr, want) {
		t.Errorf("cpog %q: stderr %q, want a French message with %q", args, stderr, want)
	}
	low := strings.ToLower(stderr)
	for _, m := range englishMarks {
		if strings.Contains(low, m) {
			t.Errorf("cpog %q: stderr %q carries %q", args, stderr, m)
		}
	}
}

// negotiated gives the CLI's database a Caf and a few figures (the
// fixture of that name), and returns its content.
func negotiated(c *cli) map[string][]string {
	c.t.Helper()
	c.startFrom("negotiated")
	return dump(c.t, c.db, historyTables...)
}

// checkIntact checks the database still holds before, passes doctor and
// SQLite's own integrity check.
func (c *cli) checkIntact(before map[string][]string) {
	c.t.Helper()
	if after := dump(c.t, c.db, historyTables...); !reflect.DeepEqual(before, after) {
		c.t.Errorf("the database changed:\nbefore %v\nafter  %v", before, after)
	}
	if r := c.run("doctor"); r.code != 0 {
		c.t.Errorf("doctor after the attack: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	e2eIntegrity(c.t, c.db)
}

// sqliteHeader reports whether a file starts as a SQLite database does.
func sqliteHeader(t testing.TB, path string) bool {
	t.Helper()
	b, err := os.ReadFile(path)
	return err == nil && strings.HasPrefix(string(b), "SQLite format 3\x00")
}

// integrityOK runs integrity_check on a file, read-only.
func integrityOK(t testing.TB, path string) bool {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return false
	}
	defer db.Close()
	var res string
	return db.QueryRow("PRAGMA integrity_check").Scan(&res) == nil && res == "ok"
}

// symlinkOrSkip makes a symlink, or skips where the system refuses it
// (Windows without the privilege).
func symlinkOrSkip(t testing.TB, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("pas de lien symbolique ici (%v)", err)
	}
}

// tempLeft lists the temporary files cpog may have left in a folder.
func tempLeft(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// resignJSON writes an exchange file with its digest computed again, as
// anyone can (RFC 8785, then SHA-256).
func resignJSON(t testing.TB, doc map[string]any) []byte {
	t.Helper()
	doc["digest"] = ""
	canon, err := jcs.Transform(mustJSON(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(canon)
	doc["digest"] = "sha256:" + hex.EncodeToString(sum[:])
	return mustJSON(t, doc)
}
