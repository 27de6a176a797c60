package exchange

// The JSON exchange format, version 3 (documented in README.md): version
// 1 with the date of each agreement, the bilan's explanation and
// corrective action of each target, and the indicators' own share keys
// (version 2), and the plan d'actions' follow-ups (version 3). Versions 1
// and 2 still import.
// The file is deterministic: members in the order below, targets, actuals
// and baselines in referential order, modes sorted by code; the only date
// is exported_at, which the digest covers.

// Identification of the format.
const (
	FormatName    = "cpog-exchange"
	FormatVersion = 3
)

type exchangeFile struct {
	Format       string            `json:"format"`
	Version      int               `json:"version"`
	ExportedAt   string            `json:"exported_at"`
	Actor        string            `json:"actor"`
	AgreedOnly   bool              `json:"agreed_only"`
	Referential  fileReferential   `json:"referential"`
	Caf          fileCaf           `json:"caf"`
	Weight       *float64          `json:"weight"`
	BaselineYear int               `json:"baseline_year"`
	Modes        map[string]string `json:"modes"`
	// ShareKeys are the indicators' own share keys, in percent (v2).
	ShareKeys map[string]float64 `json:"share_keys,omitempty"`
	Baselines []fileBaseline     `json:"baselines"`
	Targets   []fileTarget       `json:"targets"`
	Actuals   []fileActual       `json:"actuals"`
	// FollowUps are the plan d'actions' follow-ups (v3): livrables, the
	// État's engagements, the Caf's local actions.
	FollowUps []fileFollowUp `json:"follow_ups,omitempty"`
	Digest    string         `json:"digest"`
}

// fileFollowUp is the Caf's follow-up of an item of its plan d'actions.
type fileFollowUp struct {
	Fiche    int    `json:"fiche"`
	Side     string `json:"side"`
	N        string `json:"n"`
	Label    string `json:"label"`
	Status   string `json:"status"`
	Due      string `json:"due"`
	Pilot    string `json:"pilot"`
	Comment  string `json:"comment"`
	Evidence string `json:"evidence"`
}

type fileReferential struct {
	ID       string `json:"id"`
	Revision int    `json:"revision"`
}

type fileCaf struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type fileBaseline struct {
	Code  string   `json:"code"`
	Sub   string   `json:"sub"`
	Value *float64 `json:"value"`
}

type fileTarget struct {
	Code     string   `json:"code"`
	Sub      string   `json:"sub"`
	Year     int      `json:"year"`
	Proposal *float64 `json:"proposal"`
	Cnaf     *float64 `json:"cnaf"`
	Agreed   *float64 `json:"agreed"`
	Status   string   `json:"status"`
	Mode     string   `json:"mode"`
	Comment  string   `json:"comment"`
	// AgreedOn, Explanation and Action are version 2's: the day of the
	// agreement ("2026-11-20", "" before), the bilan's explanation of a
	// gap and its corrective action.
	AgreedOn    *string `json:"agreed_on,omitempty"`
	Explanation *string `json:"explanation,omitempty"`
	Action      *string `json:"action,omitempty"`
}

type fileActual struct {
	Code  string   `json:"code"`
	Sub   string   `json:"sub"`
	Year  int      `json:"year"`
	Value *float64 `json:"value"`
}

// statusNone is how the file writes "nothing typed yet", as `cpog gap
// --json` does.
const statusNone = "none"
