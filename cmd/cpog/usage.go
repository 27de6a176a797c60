package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// flagUsages lists a command's options the way a French user reads them:
// "--caf CODE" rather than pflag's "--caf string", "(défaut : xlsx)"
// rather than `(default "xlsx")`. A flag's value name is the word its
// usage puts in backquotes, as pflag has it; a flag without one shows
// none.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		name, usage := pflag.UnquoteUsage(f)
		switch {
		case f.Value.Type() == "bool":
			name = ""
		case !strings.Contains(f.Usage, "`"):
			name = "VALEUR"
		}
		if name != "" {
			left += " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			usage += fmt.Sprintf(" (défaut : %s)", d)
		}
		rows = append(rows, row{left, usage})
		width = max(width, len([]rune(left)))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%s%s   %s\n", r.left, strings.Repeat(" ", width-len([]rune(r.left))), r.usage)
	}
	return strings.TrimRight(b.String(), "\n")
}
