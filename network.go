package cpog

// AggregateMethod is how the Caf's local targets add up to a figure that can
// be set against the national target.
type AggregateMethod string

// Aggregation methods.
const (
	// MethodSum adds volumes: the network's places, hours or euros.
	MethodSum AggregateMethod = "sum"
	// MethodWeightedMean averages rates, delays and ratios by each Caf's
	// weight in the branch.
	MethodWeightedMean AggregateMethod = "weighted_mean"
)

// MethodFor is the aggregation an indicator calls for: the volumes the
// branch shares out add up, everything else is a weighted mean.
func MethodFor(ind *Indicator) AggregateMethod {
	if ind.Measure.Shared() {
		return MethodSum
	}
	return MethodWeightedMean
}

// NetworkRow is what the network's contracts say together about one line
// and year.
type NetworkRow struct {
	Key           TargetKey
	National      NationalTarget
	HasNat        bool
	Method        AggregateMethod
	Aggregate     Opt
	Gap           Gap     // aggregate against the national target, + = beyond it
	Shortfall     Opt     // volumes: what the sum lacks to reach the national target
	Covered       Opt     // volumes: the sum as a share of the national target, in %
	Cafs          int     // Caf with a local figure for this line and year
	WeightCovered float64 // their total weight, in % of the branch
	Behind        string  // code of the Caf furthest behind its own reference
	BehindGap     Gap
}

// AggregateNetwork sets the local figures of several Caf's contracts against
// the national target of a line and year.
func AggregateNetwork(r *Referential, contracts []*Contract, l Line, year int) NetworkRow {
	ind := l.Indicator
	nt, hasNat := l.Targets[year]
	row := NetworkRow{Key: TargetKey{LineKey: l.Key(), Year: year}, National: nt, HasNat: hasNat, Method: MethodFor(ind)}
	var sum, wsum float64
	worst := 0.0
	for _, c := range contracts {
		ev := Evaluate(r, c, l, year)
		if !ev.Local.OK {
			continue
		}
		row.Cafs++
		row.WeightCovered += c.Weight
		if row.Method == MethodSum {
			sum += ev.Local.V
		} else {
			sum += ev.Local.V * c.Weight
			wsum += c.Weight
		}
		if ev.Gap.Valid && ev.Gap.Class != AuNiveau {
			score := ev.Gap.Value
			if ev.Gap.HasPercent {
				score = ev.Gap.Percent
			}
			if row.Behind == "" || score < worst || (score == worst && c.Caf.Code < row.Behind) {
				row.Behind, row.BehindGap, worst = c.Caf.Code, ev.Gap, score
			}
		}
	}
	if row.Cafs == 0 {
		row.Gap = Gap{Class: SansObjet}
		return row
	}
	switch row.Method {
	case MethodSum:
		row.Aggregate = Some(sum)
	default:
		if wsum > 0 {
			row.Aggregate = Some(sum / wsum)
		}
	}
	if !hasNat || !row.Aggregate.OK {
		row.Gap = Gap{Class: SansObjet}
		return row
	}
	ref := fromTarget(nt, 1)
	row.Gap = ComputeGap(ind.Unit, ind.Direction, ref, row.Aggregate)
	if row.Method == MethodSum && nt.Single() && nt.Value != 0 {
		short := nt.Value - row.Aggregate.V
		if ind.Direction == LowerIsBetter {
			short = -short
		}
		row.Shortfall = Some(max(0, short))
		row.Covered = Some(Round(row.Aggregate.V/nt.Value*100, 6))
	}
	return row
}
