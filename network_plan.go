package cpog

import "time"

// NetworkPlanRow is a fiche of the network's plan d'actions: how far the
// imported Caf have brought the COG's livrables of the fiche.
type NetworkPlanRow struct {
	Fiche     int
	Livrables int // the fiche's livrables (caisse side), for one Caf
	Cafs      int // the Caf of the network
	Done      int // livrables réalisés, all Caf together
	Late      int // livrables late, all Caf together
	// Behind is the Caf furthest behind on the fiche: the fewest
	// livrables réalisés, then the most late; "" when no Caf, no livrable,
	// or every Caf at the same point (naming one would single it out for
	// nothing). BehindDone and BehindLate are its counts.
	Behind                 string
	BehindDone, BehindLate int
}

// Share is the share of the network's livrables réalisés, in percent (0
// without livrable or Caf).
func (r NetworkPlanRow) Share() float64 {
	if r.Livrables == 0 || r.Cafs == 0 {
		return 0
	}
	return float64(r.Done) / float64(r.Livrables*r.Cafs) * 100
}

// NetworkPlan tallies the network's follow-up of each fiche's livrables
// as of a day. Contracts come in département order: of two Caf equally
// behind, the first is named.
func NetworkPlan(r *Referential, contracts []*Contract, today time.Time) []NetworkPlanRow {
	out := make([]NetworkPlanRow, 0, len(r.Fiches))
	empty := &Contract{} // the COG's items alone, no Caf's local action
	for _, f := range r.Fiches {
		row := NetworkPlanRow{Fiche: f.N, Cafs: len(contracts)}
		var livrables []ItemKey
		for _, it := range PlanItems(r, empty, f.N, SideCaisse) {
			if it.Followed {
				livrables = append(livrables, it.Key)
			}
		}
		row.Livrables = len(livrables)
		first, alike := true, true
		for _, c := range contracts {
			done, late := 0, 0
			for _, k := range livrables {
				fu := c.FollowUps[k]
				if fu.Status == FollowDone {
					done++
				}
				if fu.Late(today) {
					late++
				}
			}
			row.Done += done
			row.Late += late
			if !first && (done != row.BehindDone || late != row.BehindLate) {
				alike = false
			}
			if len(livrables) > 0 && (first || done < row.BehindDone || done == row.BehindDone && late > row.BehindLate) {
				row.Behind, row.BehindDone, row.BehindLate = c.Caf.Code, done, late
				first = false
			}
		}
		if alike {
			row.Behind = ""
		}
		out = append(out, row)
	}
	return out
}
