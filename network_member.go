package cpog

import "time"

// NetworkMember is one Caf's contract in the network dataset, with where it
// came from.
type NetworkMember struct {
	Contract   *Contract
	Source     string
	ExportedAt time.Time
}
