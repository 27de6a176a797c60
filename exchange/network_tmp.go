package exchange

// NetworkReport is the outcome of loading network files (temporary, replaced by the store/exchange branch).
type NetworkReport struct {
	Loaded, Older, Rejected []string
}
