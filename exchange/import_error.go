package exchange

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// Problem is one thing wrong in an import file, located as precisely as the
// format allows: a line (and column) of a CSV or JSON file, or a cell of a
// sheet. Message is in French.
type Problem struct {
	File    string
	Line    int    // 1-based; 0 when the problem is about the whole file
	Column  int    // 1-based; 0 when unknown
	Sheet   string // XLSX
	Cell    string // XLSX, e.g. "C4"
	Message string
}

// Where is the location of the problem as the user reads it:
// "reels.csv, ligne 4" or "reels.xlsx, feuille « Réalisés », cellule C4".
func (p Problem) Where() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Cell != "":
		if p.Sheet != "" {
			fmt.Fprintf(&b, ", feuille « %s »", cpog.Cite(p.Sheet))
		}
		fmt.Fprintf(&b, ", cellule %s", p.Cell)
	case p.Line > 0:
		fmt.Fprintf(&b, ", ligne %d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ", colonne %d", p.Column)
		}
	}
	return b.String()
}

func (p Problem) String() string { return p.Where() + " : " + p.Message }

// maxProblems bounds the list: a file in the wrong format would otherwise
// yield one problem per line.
const maxProblems = 50

// ImportError lists every problem found in an import file, so that the
// user fixes them all at once. Nothing was written when it is returned.
type ImportError struct {
	File     string
	Problems []Problem
	// More counts the problems found beyond those listed.
	More int
}

func (e *ImportError) Error() string {
	var b strings.Builder
	n := len(e.Problems) + e.More
	if n == 1 {
		fmt.Fprintf(&b, "import refusé, la base n’a pas été modifiée :")
	} else {
		fmt.Fprintf(&b, "import refusé, %d problèmes, la base n’a pas été modifiée :", n)
	}
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if e.More > 0 {
		fmt.Fprintf(&b, "\n  … et %d autres problèmes", e.More)
	}
	return b.String()
}

// Unwrap makes an import error an invalid-input error for cpog.ErrorCode.
func (e *ImportError) Unwrap() error { return cpog.Errorf(cpog.EInvalid, e.Error()) }

// problems collects the problems of one file.
type problems struct {
	file string
	list []Problem
	more int
}

func (ps *problems) add(p Problem) {
	p.File = ps.file
	if len(ps.list) >= maxProblems {
		ps.more++
		return
	}
	ps.list = append(ps.list, p)
}

func (ps *problems) whole(msg string, args ...any) {
	ps.add(Problem{Message: fmt.Sprintf(msg, args...)})
}

func (ps *problems) line(line int, msg string, args ...any) {
	ps.add(Problem{Line: line, Message: fmt.Sprintf(msg, args...)})
}

func (ps *problems) empty() bool { return len(ps.list) == 0 && ps.more == 0 }

// err is the ImportError, or nil when nothing was found. Problems are
// listed in the order of the file, those about the whole file first.
func (ps *problems) err() error {
	if ps.empty() {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return &ImportError{File: ps.file, Problems: list, More: ps.more}
}
