package cpog

import (
	"fmt"
	"strings"
	"time"
)

// FormatDate writes a day as a contract does: "22 novembre 2026",
// "1er mars 2027".
func FormatDate(t time.Time) string {
	months := [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	day := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, months[t.Month()-1], t.Year())
}

// ParseDate reads a day as a French user types it, "03/12/2026" or
// "3/12/2026", or as files write it, "2026-12-03".
func ParseDate(text string) (time.Time, error) {
	s := strings.TrimSpace(text)
	for _, layout := range []string{"02/01/2006", "2/1/2006", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EInvalid, fmt.Sprintf("date illisible : %s (attendu : JJ/MM/AAAA, ex. 03/12/2026)", quoteText(text)))
}
