package exchange

import (
	"slices"
	"strconv"
	"time"

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
	seen := map[string]string{}
	for _, code := range codes {
		ind, err := lookup(ref, code)
		if err != nil {
			ps.line(line, "modes : indicateur inconnu « %s »", cpog.Cite(code))
			continue
		}
		// "08-29" and "COG-08-29" name one indicator: one mode each
		if prev, dup := seen[ind.Code]; dup {
			ps.line(line, "modes : l’indicateur %s a deux modes (« %s » et « %s »)", ind.Code, cpog.Cite(prev), cpog.Cite(code))
			continue
		}
		seen[ind.Code] = code
		m, err := cpog.ParseMode(modes[code])
		if err != nil {
			ps.line(line, "modes, %s : %v", ind.Code, err)
			continue
		}
		if err := cpog.CheckMode(ind, m); err != nil {
			ps.line(line, "modes : %v", err)
			continue
		}
		c.Modes[ind.Code] = m
	}
}

// fileNumber checks an optional figure of the file as a typed one would be
// checked: within what the line allows that year.
func fileNumber(l cpog.Line, year int, v *float64) (cpog.Opt, error) {
	if v == nil {
		return cpog.None, nil
	}
	if err := cpog.CheckFigure(l, year, *v); err != nil {
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
			o, err := fileNumber(l, t.Year, n.v)
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
			ps.line(line, "%s : statut inconnu « %s » (none, draft, proposed, countered ou agreed)", keyText(k), cpog.Cite(t.Status))
			ok = false
		case s == cpog.StatusAgreed && t.Agreed == nil:
			ps.line(line, "%s : statut validé sans valeur validée (champ agreed)", keyText(k))
			ok = false
		default:
			tg.Status = s
		}
		if t.Mode != "" {
			m, err := cpog.ParseMode(t.Mode)
			if err == nil {
				err = cpog.CheckMode(l.Indicator, m)
			}
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
		for _, txt := range []struct {
			what string
			s    *string
		}{{"commentaire", &t.Comment}, {"explication de l’écart", t.Explanation}, {"action corrective", t.Action}} {
			if txt.s == nil {
				continue
			}
			if err := cpog.CheckText(txt.what, *txt.s); err != nil {
				ps.line(line, "%s : %v", keyText(k), err)
				ok = false
			}
		}
		tg.Comment = t.Comment
		if t.AgreedOn != nil && *t.AgreedOn != "" {
			if _, err := time.Parse(time.DateOnly, *t.AgreedOn); err != nil {
				ps.line(line, "%s : date d’accord illisible « %s » (attendu : 2026-11-20)", keyText(k), cpog.Cite(*t.AgreedOn))
				ok = false
			}
			tg.AgreedOn = *t.AgreedOn
		}
		if t.Explanation != nil {
			tg.Explanation = *t.Explanation
		}
		if t.Action != nil {
			tg.Action = *t.Action
		}
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
		if err := cpog.CheckFigure(l, a.Year, *a.Value); err != nil {
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
		if err := cpog.CheckFigure(l, c.BaselineYear, *b.Value); err != nil {
			ps.line(line, "valeur de référence de %s : %v", keyText(k), err)
			continue
		}
		c.Baselines[k.LineKey] = *b.Value
	}
}

// readShareKeys reads the indicators' own share keys: shared volumes only,
// each a percentage of the branch.
func readShareKeys(ref *cpog.Referential, keys map[string]float64, line int, c *cpog.Contract, ps *problems) {
	codes := make([]string, 0, len(keys))
	for code := range keys {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	seen := map[string]string{}
	for _, code := range codes {
		ind, err := lookup(ref, code)
		if err != nil {
			ps.line(line, "share_keys : indicateur inconnu « %s »", cpog.Cite(code))
			continue
		}
		if prev, dup := seen[ind.Code]; dup {
			ps.line(line, "share_keys : l’indicateur %s a deux clés (« %s » et « %s »)", ind.Code, cpog.Cite(prev), cpog.Cite(code))
			continue
		}
		seen[ind.Code] = code
		if _, err := cpog.SetShareKey(c, ind, cpog.Some(keys[code])); err != nil {
			ps.line(line, "share_keys : %v", err)
			continue
		}
		c.ShareKeys[ind.Code] = keys[code]
	}
}

func readFollowUps(ref *cpog.Referential, fs []fileFollowUp, lines []int, c *cpog.Contract, ps *problems) {
	seen := map[cpog.ItemKey]int{}
	for i, f := range fs {
		line := lines[i]
		k := cpog.ItemKey{Fiche: f.Fiche, Side: cpog.Side(f.Side), N: f.N}
		if prev, dup := seen[k]; dup {
			ps.line(line, "suivi de %s en double (déjà ligne %d)", k, prev)
			continue
		}
		seen[k] = line
		status := f.Status
		if status == statusNone {
			status = ""
		}
		fu := cpog.FollowUp{Label: f.Label, Status: cpog.FollowStatus(status), Due: f.Due, Pilot: f.Pilot, Comment: f.Comment, Evidence: f.Evidence}
		if f.Status == "" {
			ps.line(line, "suivi de %s : avancement absent (none, todo, doing, done ou na)", k)
			continue
		}
		if err := cpog.CheckFileFollowUp(ref, k, fu); err != nil {
			ps.line(line, "suivi : %v", err)
			continue
		}
		c.FollowUps[k] = fu
	}
}

// refuseV3Members reports what a version 1 or 2 file cannot hold.
func refuseV3Members(f *exchangeFile, lines memberLines, ps *problems) {
	if f.FollowUps != nil {
		ps.line(lines.member["follow_ups"], "champ « follow_ups » de la version 3 dans un fichier de version %d", f.Version)
	}
}

// refuseV2Members reports what a version 1 file cannot hold.
func refuseV2Members(f *exchangeFile, lines memberLines, ps *problems) {
	if f.ShareKeys != nil {
		ps.line(lines.member["share_keys"], "champ « share_keys » de la version 2 dans un fichier de version 1")
	}
	for i, t := range f.Targets {
		if t.AgreedOn != nil || t.Explanation != nil || t.Action != nil {
			ps.line(lines.targets[i], "champs agreed_on, explanation ou action de la version 2 dans un fichier de version 1")
		}
	}
}
