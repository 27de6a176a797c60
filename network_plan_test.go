package cpog

import (
	"testing"
	"time"
)

func TestNetworkPlan(t *testing.T) {
	r := planReferential()
	caf := func(code string, fus map[string]FollowUp) *Contract {
		c := NewContract(Caf{Code: code}, r.ID, 1, 2022)
		for n, f := range fus {
			c.FollowUps[ItemKey{Fiche: 8, Side: SideCaisse, N: n}] = f
		}
		return c
	}
	done := FollowUp{Status: FollowDone}
	late := FollowUp{Status: FollowDoing, Due: "2026-01"}
	cs := []*Contract{
		caf("01", map[string]FollowUp{"1.1.1": done, "1.1.2": done, "1.2.1": done}),
		caf("02", map[string]FollowUp{"1.1.1": done, "1.1.2": late}),
		caf("03", map[string]FollowUp{"1.1.1": done, "1.2.1": late, "1.L1": {Label: "x", Status: FollowDone}}),
	}
	rows := NetworkPlan(r, cs, time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	var f8 NetworkPlanRow
	for _, row := range rows {
		if row.Fiche == 8 {
			f8 = row
		}
	}
	// 3 livrables × 3 Caf: 5 done (the local action does not count), 2 late;
	// 02 and 03 have 1 done and 1 late each: the first, 02, is named
	if f8.Livrables != 3 || f8.Cafs != 3 || f8.Done != 5 || f8.Late != 2 || f8.Behind != "02" || f8.BehindDone != 1 || f8.BehindLate != 1 {
		t.Errorf("fiche 8: %+v", f8)
	}
	if got := Round(f8.Share(), 2); got != 55.56 {
		t.Errorf("share %v, want 55,56 %%", got)
	}
	for _, row := range rows {
		if row.Fiche != 8 && (row.Livrables != 0 || row.Behind != "" || row.Share() != 0) {
			t.Errorf("fiche %d without livrables: %+v", row.Fiche, row)
		}
	}
	alike := []*Contract{caf("01", map[string]FollowUp{"1.1.1": done}), caf("02", map[string]FollowUp{"1.1.2": done})}
	if rows := NetworkPlan(r, alike, time.Now()); rows[2].Behind != "" {
		t.Errorf("two Caf at the same point: %q named behind", rows[2].Behind)
	}
	if rows := NetworkPlan(r, nil, time.Now()); rows[2].Share() != 0 || rows[2].Behind != "" {
		t.Errorf("an empty network: %+v", rows[2])
	}
}
