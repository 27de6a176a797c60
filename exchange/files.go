package exchange

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"os"

	"github.com/cnaf-tools/cpog/internal/safefile"
)

// FileMode is the mode of every file cpog creates: a negotiation's figures
// are not for other accounts of the machine.
const FileMode fs.FileMode = safefile.Mode

// CreateFile writes a new file with mode 0600 through write. Without force
// an existing file is never touched; with force the new content replaces
// it. Either way the content is written to a temporary file of the same
// folder, flushed to disk, then given the name in one step, so that a
// failed or interrupted export never leaves an empty or half-written file;
// on error nothing is left behind. A folder, a device, a FIFO or a socket
// is never replaced.
func CreateFile(path string, force bool, write func(io.Writer) error) error {
	return createFile(context.Background(), path, safefile.Options{Force: force}, write)
}

// createFile is CreateFile that stops, leaving nothing, when ctx is
// cancelled, and that never replaces the files opts protects.
func createFile(ctx context.Context, path string, opts safefile.Options, write func(io.Writer) error) error {
	return safefile.Write(ctx, path, opts, func(f *os.File) error {
		bw := bufio.NewWriterSize(&ctxWriter{ctx: ctx, w: f}, 64<<10)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// ctxWriter fails its writes once ctx is cancelled, so that an export
// interrupted by a signal stops at its next write.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
