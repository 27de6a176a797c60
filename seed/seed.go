// Package seed ships the national referential (the COG 2023-2027 with its
// 55 result indicators) and the list of the 101 Caf inside the binary, and
// turns them into validated domain values. The store installs what it
// returns.
package seed

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// The referential is compiled in as Go (referential_gen.go, generated from
// data/cog-2023-2027.json and data/cog-2023-2027-engagements.json by
// TestGeneratedReferential): parsing the JSON cost every command a
// millisecond at start. The Caf list is read only at
// installation and stays a data file.
//
//go:generate go test -run TestGeneratedReferential -update

//go:embed data/caf-list.csv
var files embed.FS

const (
	referentialFile = "data/cog-2023-2027.json"
	engagementsFile = "data/cog-2023-2027-engagements.json"
	cafFile         = "data/caf-list.csv"
)

// Referential returns the embedded COG 2023-2027, a fresh copy at each
// call. Its sources, data/cog-2023-2027.json (indicators) and
// data/cog-2023-2027-engagements.json (the tables of engagements, actions
// and livrables), are parsed and validated by the tests, which also check
// the generated copy is those files'.
func Referential() (*cpog.Referential, error) {
	return embeddedReferential(), nil
}

// Cafs parses the embedded list of the 101 Caf, in département order.
func Cafs() ([]cpog.Caf, error) {
	raw, err := files.ReadFile(cafFile)
	if err != nil {
		return nil, fmt.Errorf("read embedded Caf list: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read Caf list header: %w", err)
	}
	if strings.Join(header, ",") != "code,departement,kind,name" {
		return nil, fmt.Errorf("embedded Caf list: unexpected header %v", header)
	}
	var out []cpog.Caf
	seen := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read Caf list: %w", err)
		}
		c := cpog.Caf{Code: rec[0], Departement: rec[1], Kind: cpog.CafKind(rec[2]), Name: rec[3]}
		if !c.Kind.Valid() {
			return nil, fmt.Errorf("embedded Caf list: %s: unknown kind %q", c.Code, c.Kind)
		}
		if seen[c.Code] {
			return nil, fmt.Errorf("embedded Caf list: %s listed twice", c.Code)
		}
		seen[c.Code] = true
		out = append(out, c)
	}
	cpog.SortCafs(out)
	return out, nil
}

// Checksum is the SHA-256 of the data files the binary was built from; the
// store records it at installation and doctor compares it, so that a
// database installed from another referential is detected.
func Checksum() string { return embeddedChecksum }
