package cpog_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cnaf-tools/cpog"
)

// mergeRef is a two-indicator referential: a rate, and one measured per
// channel, so that lines with and without sub-indicators are both covered.
func mergeRef() *cpog.Referential {
	return &cpog.Referential{
		ID: "test", Years: []int{2024, 2025},
		Axes: []cpog.Axis{{N: 1}}, Fiches: []cpog.Fiche{{N: 1, Axis: 1}},
		Indicators: []cpog.Indicator{
			{N: 1, Code: "COG-01-01", Fiche: 1, Unit: cpog.UnitPercent, Direction: cpog.HigherIsBetter, Mode: cpog.ModeSame,
				Targets: map[int]cpog.NationalTarget{2024: {Kind: cpog.TargetValue, Value: 80}}},
			{N: 2, Code: "COG-01-02", Fiche: 1, Unit: cpog.UnitCount, Direction: cpog.HigherIsBetter, Mode: cpog.ModeShare,
				Subs: []cpog.SubIndicator{{Key: "a"}, {Key: "b"}}},
		},
	}
}

func TestMerge(t *testing.T) {
	caf := cpog.Caf{Code: "91"}
	k := func(code, sub string, y int) cpog.TargetKey {
		return cpog.TargetKey{LineKey: cpog.LineKey{Code: code, Sub: sub}, Year: y}
	}
	k1, k2a, k2b := k("COG-01-01", "", 2024), k("COG-01-02", "a", 2025), k("COG-01-02", "b", 2024)
	contract := func(fill func(c *cpog.Contract)) *cpog.Contract {
		c := cpog.NewContract(caf, "test", 0, 2023)
		if fill != nil {
			fill(c)
		}
		return c
	}
	base := func(c *cpog.Contract) {
		c.Weight = 2
		c.Targets[k1] = cpog.Target{Proposed: cpog.Some(82), Status: cpog.StatusProposed, Comment: "vu"}
		c.Targets[k2a] = cpog.Target{Proposed: cpog.Some(10), Counter: cpog.Some(12), Agreed: cpog.Some(12), Status: cpog.StatusAgreed}
		c.Actuals[k1] = 79
		c.Baselines[k2a.LineKey] = 7
	}
	tests := []struct {
		name      string
		cur, next *cpog.Contract
		want      []cpog.Edit
	}{
		{name: "empty file changes nothing", cur: contract(base), next: contract(nil)},
		{name: "identical file changes nothing", cur: contract(base), next: contract(base)},
		{
			name: "weight",
			cur:  contract(base), next: contract(func(c *cpog.Contract) { c.Weight = 2.5 }),
			want: []cpog.Edit{{Field: cpog.FieldWeight, Value: cpog.Some(2.5)}},
		},
		{
			name: "counter-proposal of the Cnaf",
			cur:  contract(base),
			next: contract(func(c *cpog.Contract) {
				c.Targets[k1] = cpog.Target{Proposed: cpog.Some(82), Counter: cpog.Some(84), Status: cpog.StatusCountered, Comment: "vu"}
			}),
			want: []cpog.Edit{
				{Key: k1, Field: cpog.FieldCounter, Value: cpog.Some(84)},
				{Key: k1, Field: cpog.FieldStatus, Text: "countered"},
			},
		},
		{
			name: "a missing number in the file clears the field",
			cur:  contract(base),
			next: contract(func(c *cpog.Contract) {
				c.Targets[k2a] = cpog.Target{Proposed: cpog.Some(10), Status: cpog.StatusDraft}
			}),
			want: []cpog.Edit{
				{Key: k2a, Field: cpog.FieldCounter, Value: cpog.None},
				{Key: k2a, Field: cpog.FieldAgreed, Value: cpog.None},
				{Key: k2a, Field: cpog.FieldStatus, Text: "draft"},
			},
		},
		{
			name: "new target, comment, actual, baseline and mode in referential order",
			cur:  contract(base),
			next: contract(func(c *cpog.Contract) {
				c.Modes["COG-01-02"] = cpog.ModePath
				c.Modes["COG-01-01"] = cpog.ModeSame // the default: no edit
				c.Targets[k2b] = cpog.Target{Proposed: cpog.Some(5), Status: cpog.StatusDraft, Comment: "=1+1"}
				c.Actuals[k1] = 81
				c.Actuals[k2b] = 4
				c.Baselines[k2a.LineKey] = 7 // unchanged
				c.Baselines[k2b.LineKey] = 3
			}),
			want: []cpog.Edit{
				{Key: k1, Field: cpog.FieldActual, Value: cpog.Some(81)},
				{Key: cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-01-02"}}, Field: cpog.FieldMode, Text: "path"},
				{Key: cpog.TargetKey{LineKey: k2b.LineKey}, Field: cpog.FieldBaseline, Value: cpog.Some(3)},
				{Key: k2b, Field: cpog.FieldProposed, Value: cpog.Some(5)},
				{Key: k2b, Field: cpog.FieldComment, Text: "=1+1"},
				{Key: k2b, Field: cpog.FieldStatus, Text: "draft"},
				{Key: k2b, Field: cpog.FieldActual, Value: cpog.Some(4)},
			},
		},
		{
			name: "keys outside the referential are ignored",
			cur:  contract(nil),
			next: contract(func(c *cpog.Contract) {
				c.Targets[k("COG-99-99", "", 2024)] = cpog.Target{Proposed: cpog.Some(1)}
				c.Targets[k("COG-01-01", "", 2031)] = cpog.Target{Proposed: cpog.Some(1)}
				c.Actuals[k("COG-01-02", "", 2024)] = 1 // the indicator itself has sub-indicators
			}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cpog.Merge(mergeRef(), tt.cur, tt.next)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Merge edits (-want +got):\n%s", diff)
			}
		})
	}
}
