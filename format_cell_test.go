package cpog

import "testing"

func TestCellFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{None.Format(UnitPercent), "—"},
		{Some(22.5).Format(UnitPercent), "22,5 %"},
		{Some(4500).Format(UnitCount), "4 500"},
		{Reference{}.Format(UnitDays), "—"},
		{Reference{Valid: true, Value: 15}.Format(UnitDays), "15 j"},
		{Reference{Valid: true, Band: true, Min: 43, Max: 57}.Format(UnitPercent), "43–57 %"},
		{Gap{}.Format(UnitPercent), "—"},
		{Gap{Valid: true, Value: -0.5}.Format(UnitPercent), "−0,5 pt"},
		{Gap{Valid: true, Value: 400}.Format(UnitCount), "+400"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
