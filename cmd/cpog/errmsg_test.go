package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cnaf-tools/cpog"
	"github.com/cnaf-tools/cpog/store"
)

func TestUserMessage(t *testing.T) {
	busy := store.FormatError(errors.New("database is locked (5) (SQLITE_BUSY)"))
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("save change: %w", busy), busy.Error()},
		{fmt.Errorf("undo: %w", fmt.Errorf("select Caf: %w", busy)), busy.Error()},
		{fmt.Errorf("lecture de x.csv : %w", cpog.Errorf(cpog.EInvalid, "vide")), "lecture de x.csv : vide"},
		{fmt.Errorf("open store: %s n’est pas une base cpog lisible : %w", "/a b.db", cpog.Errorf(cpog.EInvalid, "illisible")),
			"open store: /a b.db n’est pas une base cpog lisible : illisible"},
		{errors.New("disk full"), "disk full"},
		{fmt.Errorf("save change: %w", errors.New("disk full")), "save change: disk full"},
	} {
		if got := userMessage(tc.err); got != tc.want {
			t.Errorf("userMessage(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
