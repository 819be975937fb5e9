package cli

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

func TestInterrupted_OnlyACanceledFailureIsAnInterruption(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	failure := errors.New("build canceled")
	tests := []struct {
		name     string
		ctx      context.Context
		err      error
		wantCode int
		wantSaid string
	}{
		{"canceled and failed", canceled, failure, 130, "scorebook: interrupted: the published site is unchanged\n"},
		{"canceled after it succeeded", canceled, nil, 0, ""},
		{"failed on its own", context.Background(), failure, 1, ""},
		{"problems found, not canceled", context.Background(), ErrProblems, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			err := interrupted(tc.ctx, Env{Stderr: &stderr}, tc.err, "the published site is unchanged")
			if got := ExitCode(err); got != tc.wantCode {
				t.Errorf("exit status %d, want %d", got, tc.wantCode)
			}
			if stderr.String() != tc.wantSaid {
				t.Errorf("said %q, want %q", stderr.String(), tc.wantSaid)
			}
		})
	}
}

func TestRun_CanceledBuildIsInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := Run(ctx, []string{"build", "-src", "../../..", "-out", t.TempDir() + "/public", "-cache", "off", "-now", "2026-11-27"},
		Env{Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if ExitCode(err) != 130 || !strings.Contains(stderr.String(), "interrupted: the published site is unchanged") {
		t.Fatalf("exit %d (%v), stderr %q", ExitCode(err), err, stderr.String())
	}
}
