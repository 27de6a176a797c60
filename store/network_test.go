package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cnaf-tools/cpog"
)

func newNetworkMember(caf string, at time.Time, targets map[cpog.TargetKey]cpog.Target) cpog.NetworkMember {
	c := cpog.NewContract(cpog.Caf{Code: caf}, "cog-2023-2027", 2.5, 2022)
	c.Targets = targets
	return cpog.NetworkMember{Contract: c, Source: "cpog-" + caf + ".json", ExportedAt: at}
}

func networkRowCount(t *testing.T, path string) int {
	t.Helper()
	raw := rawDB(t, path)
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT (SELECT count(*) FROM network_member) + (SELECT count(*) FROM network_mode)
		+ (SELECT count(*) FROM network_baseline) + (SELECT count(*) FROM network_target)`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestNetworkMembersRoundTrip: what is stored reads back the same, modes
// equal to the referential's default left out; a newer file of a Caf
// replaces all its rows, an older one is passed over, and within one batch
// the newest (of two at the same date, the later given) wins.
func TestNetworkMembersRoundTrip(t *testing.T) {
	db, path := newStore(t)
	day := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	k1 := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-29"}, Year: 2025}
	k2 := cpog.TargetKey{LineKey: cpog.LineKey{Code: "COG-08-23", Sub: "b"}, Year: 2024}
	essonne := newNetworkMember("91", day, map[cpog.TargetKey]cpog.Target{
		k1: {Proposed: cpog.Some(14), Counter: cpog.Some(13), Status: cpog.StatusCountered},
		k2: {Proposed: cpog.Some(81.5), Agreed: cpog.Some(-0.25), Status: cpog.StatusAgreed},
	})
	essonne.Contract.Modes["COG-01-01"] = cpog.ModePath
	essonne.Contract.Modes["COG-08-29"] = cpog.ModeSame // the default
	essonne.Contract.Baselines[cpog.LineKey{Code: "COG-08-23", Sub: "c"}] = 88.5
	lyon := newNetworkMember("69", day, map[cpog.TargetKey]cpog.Target{k1: {}})
	stored, err := db.PutNetworkMembers(ctx, []cpog.NetworkMember{essonne, lyon})
	if err != nil || !reflect.DeepEqual(stored, []bool{true, true}) {
		t.Fatalf("PutNetworkMembers: %v, %v", stored, err)
	}
	got, err := db.NetworkMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	delete(essonne.Contract.Modes, "COG-08-29")
	for _, m := range []*cpog.NetworkMember{&essonne, &lyon} {
		caf, err := db.Caf(ctx, m.Contract.Caf.Code)
		if err != nil {
			t.Fatal(err)
		}
		m.Contract.Caf = caf
	}
	if diff := cmp.Diff([]cpog.NetworkMember{lyon, essonne}, got); diff != "" {
		t.Errorf("network read back (-stored +read):\n%s", diff)
	}

	// a newer file of the Essonne with one target: the other rows go
	newer := newNetworkMember("91", day.Add(time.Hour), map[cpog.TargetKey]cpog.Target{k1: {Proposed: cpog.Some(12), Status: cpog.StatusDraft}})
	older := newNetworkMember("91", day.Add(-time.Hour), map[cpog.TargetKey]cpog.Target{k1: {Proposed: cpog.Some(99)}})
	same := newNetworkMember("91", day.Add(time.Hour), map[cpog.TargetKey]cpog.Target{k1: {Proposed: cpog.Some(11), Status: cpog.StatusDraft}})
	stored, err = db.PutNetworkMembers(ctx, []cpog.NetworkMember{newer, older, same})
	if err != nil || !reflect.DeepEqual(stored, []bool{false, false, true}) {
		t.Fatalf("PutNetworkMembers of three files of one Caf: %v, %v; want only the last of the newest stored", stored, err)
	}
	if stored, err = db.PutNetworkMembers(ctx, []cpog.NetworkMember{older}); err != nil || stored[0] {
		t.Fatalf("an older file replaced a newer one: %v, %v", stored, err)
	}
	got, err = db.NetworkMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := got[1].Contract
	if want := map[cpog.TargetKey]cpog.Target{k1: {Proposed: cpog.Some(11), Status: cpog.StatusDraft}}; !reflect.DeepEqual(c.Targets, want) ||
		len(c.Modes) != 0 || len(c.Baselines) != 0 || !got[1].ExportedAt.Equal(day.Add(time.Hour)) {
		t.Errorf("Essonne after the newer file: %+v", got[1])
	}
	if n := networkRowCount(t, path); n != 4 {
		t.Errorf("%d network rows, want 4 (two members, a target each)", n)
	}
	if err := db.ClearNetwork(ctx); err != nil {
		t.Fatal(err)
	}
	if n := networkRowCount(t, path); n != 0 {
		t.Errorf("%d network rows after ClearNetwork", n)
	}
}
