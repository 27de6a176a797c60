package main

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"github.com/cnaf-tools/cpog"
)

// devContext matches the English context that lower layers wrap around a
// domain error for developers ("save change: ", "select Caf: ",
// "integrity_check: "). It is compiled on first use, by a failed command
// only.
var devContext = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([A-Za-z_]+( [A-Za-z_]+)*: )+$`) })

// userMessage is an error's text for standard error: a domain error's
// French message without the English context wrapped around it, as the
// interface shows it ("cpog : save change: la base est occupée…" mixed
// the two languages). French context ("lecture de x.csv : …") is kept.
func userMessage(err error) string {
	msg := err.Error()
	var de *cpog.Error
	if errors.As(err, &de) {
		if ctx, ok := strings.CutSuffix(msg, de.Message); ok && devContext().MatchString(ctx) {
			return de.Message
		}
	}
	return msg
}
