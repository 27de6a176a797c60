package exchange_test

import (
	"os"
	"testing"
)

// longEnv runs the tests that drive other programs (a browser, a
// spreadsheet): some twenty seconds of a two-core machine, too long for
// every `go test ./...`; .ci/run sets it, so that CI always prints.
const longEnv = "CPOG_TORTURE"

// requireLong skips a test that prints with another program unless longEnv
// is set, and says how to run it.
func requireLong(t *testing.T, what string) {
	t.Helper()
	if os.Getenv(longEnv) == "" {
		t.Skipf("%s : lancez avec %s=1, comme .ci/run / set %s=1 to run it, as .ci/run does", what, longEnv, longEnv)
	}
}
