package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/cnaf-tools/cpog"
)

// TestWriteJSONOneObjectPerLine: the --json outputs are JSON arrays with
// one object per line, as the README says.
func TestWriteJSONOneObjectPerLine(t *testing.T) {
	type row struct {
		Code string   `json:"code"`
		Gap  *float64 `json:"gap"`
		Text string   `json:"text"`
	}
	one := 1.5
	rows := []row{{"COG-08-29", &one, "a < b & « c »\nd"}, {"COG-01-01", nil, ""}}
	var b bytes.Buffer
	if err := writeJSON(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := "[\n" +
		`{"code":"COG-08-29","gap":1.5,"text":"a < b & « c »\nd"},` + "\n" +
		`{"code":"COG-01-01","gap":null,"text":""}` + "\n" +
		"]\n"
	if b.String() != want {
		t.Errorf("output\n%s\nwant\n%s", b.String(), want)
	}
	var back []row
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != 2 {
		t.Errorf("not a JSON array of 2: %v", err)
	}
	b.Reset()
	if err := writeJSON(&b, []row{}); err != nil || b.String() != "[]\n" {
		t.Errorf("empty list: %q, %v", b.String(), err)
	}
}

// TestWriteJSONStreamsWholeRows: a listing longer than the buffer comes out
// whole and valid; a value JSON cannot hold stops it with an error, and a
// short listing is then not written at all.
func TestWriteJSONStreamsWholeRows(t *testing.T) {
	type row struct {
		N    int     `json:"n"`
		Text string  `json:"text"`
		V    float64 `json:"v"`
	}
	rows := make([]row, 3*jsonChunk/40)
	for i := range rows {
		rows[i] = row{N: i, Text: strings.Repeat("é", i%50)}
	}
	var b bytes.Buffer
	if err := writeJSON(&b, rows); err != nil {
		t.Fatal(err)
	}
	if b.Len() < 2*jsonChunk {
		t.Fatalf("%d bytes: the test must cross the buffer", b.Len())
	}
	var back []row
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || !reflect.DeepEqual(back, rows) {
		t.Fatalf("not the rows back (%v)", err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != len(rows)+2 {
		t.Errorf("%d lines, want one per row and the brackets: %d", lines, len(rows)+2)
	}
	b.Reset()
	bad := []row{{N: 1}, {N: 2, V: math.Inf(1)}}
	err := writeJSON(&b, bad)
	var e *cpog.Error
	if !errors.As(err, &e) || e.Code != cpog.EInternal {
		t.Errorf("a value JSON cannot hold: %v, want an internal error", err)
	}
	if b.Len() != 0 {
		t.Errorf("a short listing that fails wrote %q", b.String())
	}
}
