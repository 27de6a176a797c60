package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cnaf-tools/cpog"
)

// DecodeActuals reads actuals from a CSV (French ';' with decimal commas,
// or plain ',', detected from the header) or an XLSX workbook, with the
// columns code;année;valeur[;sous-indicateur]. It validates every row
// against the referential and returns every problem at once in an
// *ImportError.
func DecodeActuals(name string, data []byte, ref *cpog.Referential) (map[cpog.TargetKey]float64, error) {
	ps := &problems{file: name}
	body, kind, ok := sniff(name, data, ps)
	if !ok {
		return nil, ps.err()
	}
	var out map[cpog.TargetKey]float64
	switch kind {
	case containerCSV:
		out = decodeActualsCSV(body, ref, ps)
	case containerXLSX:
		out = decodeActualsXLSX(body, ref, ps)
	default:
		ps.whole("un fichier de réalisés est un CSV ou un classeur XLSX (colonnes %s)", expectedHeader)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// separator guesses the field separator from the header line: ';' for a
// French Excel, ',' for a plain CSV, a tab for a paste from a sheet.
func separator(body []byte) (rune, bool) {
	first, _, _ := bytes.Cut(bytes.TrimLeft(body, "\r\n"), []byte("\n"))
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(first) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	for _, sep := range []rune{';', ',', '\t'} {
		if counts[sep] > 0 {
			return sep, true
		}
	}
	return 0, false
}

func decodeActualsCSV(body []byte, ref *cpog.Referential, ps *problems) map[cpog.TargetKey]float64 {
	sep, ok := separator(body)
	if !ok {
		ps.line(firstLine(body), "en-tête attendu : %s (séparateur ; ou ,)", expectedHeader)
		return nil
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	lineLoc := func(line int) func(int) Problem {
		return func(int) Problem { return Problem{Line: line} }
	}
	var h header
	haveHeader := false
	out := map[cpog.TargetKey]float64{}
	seen := seenKeys{}
	rows := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps.line(pe.Line, "CSV illisible : %s", csvMessage(pe))
				if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
					return nil // the rest of the file is read through a broken quote
				}
				continue
			}
			ps.whole("CSV illisible : %v", err)
			return nil
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if !haveHeader {
			haveHeader = true
			if h, ok = readHeader(rec, ref, lineLoc(line), ps); !ok {
				return nil
			}
			h.comma = sep == ','
			continue
		}
		rows++
		readActualRow(ref, h, rawRow{cells: rec, loc: lineLoc(line), where: fmt.Sprintf("ligne %d", line)}, seen, out, ps)
	}
	switch {
	case !haveHeader:
		ps.whole("fichier sans en-tête ni données (attendu : %s)", expectedHeader)
	case rows == 0:
		ps.whole("aucune ligne de données après l’en-tête %s", expectedHeader)
	case len(out) == 0 && ps.empty():
		ps.whole("%s", noActuals)
	}
	return out
}

// noActuals refuses a file whose every value is empty: a template
// imported before it was filled, most likely.
const noActuals = "aucun réalisé à importer : la colonne des valeurs est vide sur toutes les lignes"

func firstLine(body []byte) int {
	return lineAt(body, len(body)-len(bytes.TrimLeft(body, "\r\n")))
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvMessage(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "guillemet isolé dans un champ sans guillemets"
	case errors.Is(pe.Err, csv.ErrQuote):
		return "guillemet non fermé"
	}
	return pe.Err.Error()
}
