package exchange

// The JSON exchange format, version 1 (documented in README-fragment.md).
// The file is deterministic: members in the order below, targets, actuals
// and baselines in referential order, modes sorted by code; the only date
// is exported_at, which the digest covers.

// Identification of the format.
const (
	FormatName    = "cpog-exchange"
	FormatVersion = 1
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
	Baselines    []fileBaseline    `json:"baselines"`
	Targets      []fileTarget      `json:"targets"`
	Actuals      []fileActual      `json:"actuals"`
	Digest       string            `json:"digest"`
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
