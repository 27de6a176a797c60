package exchange

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/cnaf-tools/cpog"
)

// NetworkStore is what a network import needs of the database; *store.DB
// satisfies it.
type NetworkStore interface {
	Referential(ctx context.Context) (*cpog.Referential, error)
	Cafs(ctx context.Context) ([]cpog.Caf, error)
	// ClearNetwork empties the network dataset.
	ClearNetwork(ctx context.Context) error
	// PutNetworkMembers stores members in one transaction, the newest file
	// of each Caf winning, and reports which were stored.
	PutNetworkMembers(ctx context.Context, ms []cpog.NetworkMember) ([]bool, error)
	// NetworkWeight is the total weight of the network's members, in %
	// of the branch, and how many they are.
	NetworkWeight(ctx context.Context) (float64, int, error)
}

// NetworkImportOptions tune ImportNetwork.
type NetworkImportOptions struct {
	// Replace empties the network dataset before loading the files.
	Replace bool
}

// NetworkReport is the outcome of a network import.
type NetworkReport struct {
	Loaded   []string // files stored
	Older    []string // files passed over: a newer file of the same Caf is kept
	Rejected []string // "file : reason", in French
	// Warnings are what is stored but doubtful, in French: weights that
	// add up to more than the whole branch.
	Warnings []string
}

// ImportNetwork reads, validates and stores other Caf's exchange files into
// the network dataset; a directory stands for the JSON files it holds. A
// bad file is reported and skipped; the good ones are stored in one
// transaction. The error is for the database, not for the files.
func ImportNetwork(ctx context.Context, st NetworkStore, paths []string, opts NetworkImportOptions) (NetworkReport, error) {
	var rep NetworkReport
	ref, err := st.Referential(ctx)
	if err != nil {
		return rep, err
	}
	if opts.Replace {
		if err := st.ClearNetwork(ctx); err != nil {
			return rep, err
		}
	}
	files, bad := networkFiles(paths)
	rep.Rejected = append(rep.Rejected, bad...)
	cafs, err := st.Cafs(ctx)
	if err != nil {
		return rep, err
	}
	byCode := map[string]cpog.Caf{}
	for _, c := range cafs {
		byCode[c.Code] = c
	}
	// decoding and checking the files is independent work: one worker per
	// processor, at most networkWorkers, each reading one file at a time,
	// so that the import holds a few files at once, never all of them; the
	// results are kept in the files' order
	type decoded struct {
		member cpog.NetworkMember
		reject string
	}
	results := make([]decoded, len(files))
	budget := newByteBudget(MaxImportSize)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), networkWorkers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dec := NewDecoder(ref)
			for i := range jobs {
				results[i].member, results[i].reject = decodeNetworkFile(dec, files[i], ref, byCode, budget)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var members []cpog.NetworkMember
	for _, r := range results {
		if r.reject != "" {
			rep.Rejected = append(rep.Rejected, r.reject)
			continue
		}
		members = append(members, r.member)
	}
	if len(members) == 0 {
		return rep, nil
	}
	stored, err := st.PutNetworkMembers(ctx, members)
	if err != nil {
		return rep, err
	}
	for i, m := range members {
		if stored[i] {
			rep.Loaded = append(rep.Loaded, m.Source)
		} else {
			rep.Older = append(rep.Older, m.Source)
		}
	}
	total, n, err := st.NetworkWeight(ctx)
	if err != nil {
		return rep, err
	}
	if w := cpog.CheckNetworkWeight(total); w != nil {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%v (%d Caf chargées) : vérifiez le poids déclaré dans les fichiers", w, n))
	}
	return rep, nil
}

// networkWorkers bounds the files read and decoded at once: each may be
// MaxImportSize, and a network import must stay within a laptop's memory
// whatever the number of processors.
const networkWorkers = 4

// networkFiles expands directories into the JSON files they hold, sorted;
// it also returns the paths it could not read, with their reason.
func networkFiles(paths []string) (files, bad []string) {
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s : fichier ou dossier introuvable", p))
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s : dossier illisible (%v)", p, err))
		}
	}
	sort.Strings(files)
	return files, bad
}

// decodeNetworkFile reads and checks one Caf's exchange file; a non-empty
// reason rejects it.
func decodeNetworkFile(dec *Decoder, f string, ref *cpog.Referential, byCode map[string]cpog.Caf, budget *byteBudget) (cpog.NetworkMember, string) {
	data, held, err := readNetworkFile(f, budget)
	if err != nil {
		return cpog.NetworkMember{}, err.Error()
	}
	defer budget.release(held)
	ex, err := dec.Decode(filepath.Base(f), data)
	if err != nil {
		return cpog.NetworkMember{}, strings.TrimSpace(err.Error())
	}
	caf, ok := byCode[ex.Caf]
	if !ok {
		return cpog.NetworkMember{}, fmt.Sprintf("%s : Caf inconnue %q", cpog.CitePath(f), cpog.Cite(ex.Caf))
	}
	if cpog.ValidateWeight(ex.Contract.Weight) != nil {
		return cpog.NetworkMember{}, fmt.Sprintf("%s : le poids de la Caf %s manque ou est invalide : il faut le poids pour additionner le réseau", cpog.CitePath(f), ex.Caf)
	}
	c := ex.Contract
	c.Caf, c.RefID = caf, ref.ID
	if c.BaselineYear == 0 {
		c.BaselineYear = ref.FirstYear() - 1
	}
	return cpog.NetworkMember{Contract: c, Source: f, ExportedAt: ex.ExportedAt}, ""
}
