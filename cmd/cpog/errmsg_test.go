package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

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

func TestBusyTimeoutEnv(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"", 0, true}, // the store's default
		{"300", 300 * time.Millisecond, true},
		{" 1500 ", 1500 * time.Millisecond, true},
		{"0", 0, false},
		{"-5", 0, false},
		{"5s", 0, false},
		{"99999999999", 0, false},
	} {
		got, err := busyTimeout(func(k string) string {
			if k == busyTimeoutEnv {
				return tc.value
			}
			return ""
		})
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s=%q: %v, %v", busyTimeoutEnv, tc.value, got, err)
		}
		if err != nil && (cpog.ErrorCode(err) != cpog.EInvalid || !strings.Contains(err.Error(), "millisecondes")) {
			t.Errorf("%s=%q: error %q is not a French usage message", busyTimeoutEnv, tc.value, err)
		}
	}
}
