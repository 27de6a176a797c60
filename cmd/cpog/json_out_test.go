package main

import (
	"bytes"
	"encoding/json"
	"testing"
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
