package exchange

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/internal/safefile"
)

// ExportOptions says what to export and how.
type ExportOptions struct {
	Format     Format
	AgreedOnly bool
	// Force replaces an existing file (atomically); without it an
	// existing file is never touched.
	Force bool
	// Caf is the Caf to export ("" for the one in use).
	Caf string
	// Now is the export date (zero: the current time).
	Now time.Time
	// Actor issues a JSON exchange file (the Caf when empty).
	Actor cpog.Actor
	// Year is the bilan annuel's year (zero: the year of the next bilan
	// due, within the referential's years).
	Year int
	// BilanDue is the day the Caf's bilan is due (zero: the COG's).
	BilanDue cpog.DueDay
}

func (o ExportOptions) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// LoadDocument reads from the database what an export writes.
func LoadDocument(ctx context.Context, st Store, opts ExportOptions) (Document, error) {
	caf, err := currentCaf(ctx, st, opts.Caf)
	if err != nil {
		return Document{}, err
	}
	if caf == "" {
		return Document{}, noCafError()
	}
	ref, err := st.Referential(ctx)
	if err != nil {
		return Document{}, err
	}
	c, err := st.Contract(ctx, caf)
	if err != nil {
		return Document{}, err
	}
	hist, err := st.History(ctx, caf, "")
	if err != nil {
		return Document{}, err
	}
	d := Document{Ref: ref, Contract: finiteContract(c), History: finiteEvents(hist), ExportedAt: opts.now(), AgreedOnly: opts.AgreedOnly, Actor: opts.Actor,
		BilanDue: opts.BilanDue}
	d.BilanYear = bilanYear(ref, opts)
	return d, nil
}

// bilanYear is the year whose bilan an export carries: the one asked, else
// the one due next, within the referential's years.
func bilanYear(ref *cpog.Referential, opts ExportOptions) int {
	if opts.Year != 0 {
		return opts.Year
	}
	return cpog.NextBilanYear(ref, opts.BilanDue, opts.now())
}

// Write writes a document in a format.
func Write(w io.Writer, f Format, d Document) error {
	switch f {
	case XLSX:
		return WriteXLSX(w, d)
	case CSV:
		return WriteCSV(w, d)
	case JSON:
		return WriteJSON(w, d)
	case Markdown:
		return WriteMarkdown(w, d)
	case HTML:
		return WriteHTML(w, d)
	case BilanHTML:
		return WriteBilanHTML(w, d)
	case BilanMarkdown:
		return WriteBilanMarkdown(w, d)
	case ActualsTemplate:
		return WriteActualsTemplate(w, d)
	}
	return fmt.Errorf("format inconnu : %q", f)
}

// ExportTo writes the contract of the Caf in use to w.
func ExportTo(ctx context.Context, st Store, w io.Writer, opts ExportOptions) error {
	d, err := LoadDocument(ctx, st, opts)
	if err != nil {
		return err
	}
	return Write(w, opts.Format, d)
}

// ExportFile writes the contract of the Caf in use to a new file with mode
// 0600 and returns its path; an empty path means FileName in the
// current directory, a directory FileName in it. An existing file is
// refused unless opts.Force; the database and its companion files, and
// anything that is not a regular file, are refused even then. The export
// stops, leaving nothing, when ctx is cancelled. The actuals template is a
// CSV, or a workbook when path ends in .xlsx.
func ExportFile(ctx context.Context, st Store, path string, opts ExportOptions) (string, error) {
	d, err := LoadDocument(ctx, st, opts)
	if err != nil {
		return "", err
	}
	name := FileName(d.Contract.Caf.Code, opts.Format, d.BilanYear, d.ExportedAt)
	if path == "" {
		path = name
	} else if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, name)
	}
	fo := safefile.Options{Force: opts.Force, Protect: safefile.Companions(st.Path())}
	write := func(w io.Writer) error { return Write(w, opts.Format, d) }
	if opts.Format == ActualsTemplate && strings.EqualFold(filepath.Ext(path), ".xlsx") {
		write = func(w io.Writer) error { return WriteActualsTemplateXLSX(w, d) }
	}
	if err := createFile(ctx, path, fo, write); err != nil {
		return "", err
	}
	return path, nil
}
