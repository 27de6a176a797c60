package exchange

import (
	"errors"
	"fmt"
	"sync"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/internal/safefile"
)

// byteBudget bounds the bytes of the files a network import holds at
// once, whatever their number and the number of workers: a hundred small
// files are decoded side by side, two files at the size limit one after
// the other. Decoding a file takes a few times its size.
type byteBudget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	free  int64
}

func newByteBudget(total int64) *byteBudget {
	b := &byteBudget{total: total, free: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes (at most the whole budget) are free.
func (b *byteBudget) acquire(n int64) {
	n = min(n, b.total)
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *byteBudget) release(n int64) {
	n = min(n, b.total)
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// readNetworkFile opens a network file, checks the open file, takes its
// size from the budget and reads it through the size limit; the caller
// releases held once done with the data. Errors are French and name the
// file.
func readNetworkFile(path string, budget *byteBudget) (data []byte, held int64, err error) {
	f, err := safefile.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	size := int64(MaxImportSize)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	if size > MaxImportSize {
		return nil, 0, networkTooLarge(path)
	}
	// a file that grows while it is read holds more than its share, by
	// at most MaxImportSize: ReadAll stops there
	budget.acquire(size)
	data, err = safefile.ReadAll(f, path, MaxImportSize)
	var tl *safefile.TooLargeError
	switch {
	case errors.As(err, &tl):
		budget.release(size)
		return nil, 0, networkTooLarge(path)
	case err != nil:
		budget.release(size)
		return nil, 0, err
	}
	return data, size, nil
}

func networkTooLarge(path string) error {
	return cpog.Errorf(cpog.EInvalid, fmt.Sprintf("%s : fichier trop volumineux (au plus %d Mo)", cpog.CitePath(path), MaxImportSize>>20))
}
