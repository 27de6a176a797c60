package exchange

import (
	"slices"
	"strconv"

	"github.com/cnaf-tools/cpog"
)

// The parts of an exchange file that make its contract (modes, targets,
// actuals and baselines), each checked against the referential.

func readModes(ref *cpog.Referential, modes map[string]string, line int, c *cpog.Contract, ps *problems) {
	codes := make([]string, 0, len(modes))
	for code := range modes {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		ind, err := lookup(ref, code)
		if err != nil {
			ps.line(line, "modes : indicateur inconnu « %s »", code)
			continue
		}
		m, err := cpog.ParseMode(modes[code])
		if err != nil {
			ps.line(line, "modes, %s : %v", ind.Code, err)
			continue
		}
		c.Modes[ind.Code] = m
	}
}

// fileNumber checks an optional figure of the file against its unit.
func fileNumber(v *float64, unit cpog.Unit) (cpog.Opt, error) {
	if v == nil {
		return cpog.None, nil
	}
	if err := cpog.CheckValue(*v, unit); err != nil {
		return cpog.None, err
	}
	return cpog.Some(*v), nil
}

func readTargets(ref *cpog.Referential, ts []fileTarget, lines []int, c *cpog.Contract, ps *problems) {
	seen := make(seenKeys, len(ts))
	if len(c.Targets) == 0 {
		c.Targets = make(map[cpog.TargetKey]cpog.Target, len(ts))
	}
	for i, t := range ts {
		line := lines[i]
		l, err := resolveLine(ref, t.Code, t.Sub, "dans le champ sub")
		if err != nil {
			ps.line(line, "%v", err)
			continue
		}
		if err := checkYear(ref, t.Year); err != nil {
			ps.line(line, "%s : %v", l.Key(), err)
			continue
		}
		k := cpog.TargetKey{LineKey: l.Key(), Year: t.Year}
		if prev, dup := seen.dup(k, strconv.Itoa(line)); dup {
			ps.line(line, "cible %s en double (déjà ligne %s)", keyText(k), prev)
			continue
		}
		var tg cpog.Target
		ok := true
		for _, n := range []struct {
			v    *float64
			dst  *cpog.Opt
			name string
		}{{t.Proposal, &tg.Proposed, "proposition"}, {t.Cnaf, &tg.Counter, "position Cnaf"}, {t.Agreed, &tg.Agreed, "valeur validée"}} {
			o, err := fileNumber(n.v, l.Indicator.Unit)
			if err != nil {
				ps.line(line, "%s, %s : %v", keyText(k), n.name, err)
				ok = false
			}
			*n.dst = o
		}
		status := t.Status
		if status == statusNone {
			status = ""
		}
		switch s := cpog.Status(status); {
		case t.Status == "":
			ps.line(line, "%s : statut absent (none, draft, proposed, countered ou agreed)", keyText(k))
			ok = false
		case !s.Valid():
			ps.line(line, "%s : statut inconnu « %s » (none, draft, proposed, countered ou agreed)", keyText(k), t.Status)
			ok = false
		case s == cpog.StatusAgreed && t.Agreed == nil:
			ps.line(line, "%s : statut validé sans valeur validée (champ agreed)", keyText(k))
			ok = false
		default:
			tg.Status = s
		}
		if t.Mode != "" {
			m, err := cpog.ParseMode(t.Mode)
			switch {
			case err != nil:
				ps.line(line, "%s : %v", keyText(k), err)
				ok = false
			case c.Modes[l.Indicator.Code] == "":
				c.Modes[l.Indicator.Code] = m
			case c.Modes[l.Indicator.Code] != m:
				ps.line(line, "%s : mode « %s » différent de celui de l’indicateur dans modes (« %s »)", keyText(k), m, c.Modes[l.Indicator.Code])
				ok = false
			}
		}
		tg.Comment = t.Comment
		if ok {
			c.Targets[k] = tg
		}
	}
}

func readActuals(ref *cpog.Referential, as []fileActual, lines []int, c *cpog.Contract, ps *problems) {
	seen := seenKeys{}
	for i, a := range as {
		line := lines[i]
		l, err := resolveLine(ref, a.Code, a.Sub, "dans le champ sub")
		if err != nil {
			ps.line(line, "réalisé : %v", err)
			continue
		}
		if err := checkYear(ref, a.Year); err != nil {
			ps.line(line, "réalisé %s : %v", l.Key(), err)
			continue
		}
		k := cpog.TargetKey{LineKey: l.Key(), Year: a.Year}
		if prev, dup := seen.dup(k, strconv.Itoa(line)); dup {
			ps.line(line, "réalisé %s en double (déjà ligne %s)", keyText(k), prev)
			continue
		}
		if a.Value == nil {
			ps.line(line, "réalisé %s : valeur absente", keyText(k))
			continue
		}
		if err := cpog.CheckValue(*a.Value, l.Indicator.Unit); err != nil {
			ps.line(line, "réalisé %s : %v", keyText(k), err)
			continue
		}
		c.Actuals[k] = *a.Value
	}
}

func readBaselines(ref *cpog.Referential, bs []fileBaseline, lines []int, c *cpog.Contract, ps *problems) {
	seen := make(seenKeys, len(bs))
	for i, b := range bs {
		line := lines[i]
		l, err := resolveLine(ref, b.Code, b.Sub, "dans le champ sub")
		if err != nil {
			ps.line(line, "valeur de référence : %v", err)
			continue
		}
		k := cpog.TargetKey{LineKey: l.Key()}
		if prev, dup := seen.dup(k, strconv.Itoa(line)); dup {
			ps.line(line, "valeur de référence de %s en double (déjà ligne %s)", keyText(k), prev)
			continue
		}
		if b.Value == nil {
			ps.line(line, "valeur de référence de %s absente", keyText(k))
			continue
		}
		if err := cpog.CheckValue(*b.Value, l.Indicator.Unit); err != nil {
			ps.line(line, "valeur de référence de %s : %v", keyText(k), err)
			continue
		}
		c.Baselines[k.LineKey] = *b.Value
	}
}
