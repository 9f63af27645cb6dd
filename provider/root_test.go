package provider

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// Execute is all cmd/shale-bridge runs: Go-style single-dash flags are read as long flags,
// an error is printed once to stderr with the command's name and exits 1.
func TestExecute(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.hcl")
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		stdout     string // part of stdout
		stderr     string // part of stderr
		stderrNone bool   // stderr must be empty
	}{
		{name: "help", args: []string{"--help"}, code: 0, stdout: "lease-container", stderrNone: true},
		{name: "single-dash long flag", args: []string{"status", "-config", missing}, code: 1,
			stderr: "shale-bridge: invalid configuration:"},
		{name: "unknown flag", args: []string{"status", "--colour"}, code: 1, stderr: "shale-bridge: unknown flag: --colour"},
		{name: "unknown command", args: []string{"settle"}, code: 1, stderr: `shale-bridge: unknown command "settle"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			ctx := context.Background()
			code := Execute(ctx, ctx, tc.args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) ||
				(tc.stderrNone && stderr.Len() != 0) {
				t.Fatalf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout.String(), stderr.String())
			}
			if n := strings.Count(stderr.String(), "shale-bridge: "); tc.code != 0 && n != 1 {
				t.Fatalf("the error printed %d times:\n%s", n, stderr.String())
			}
		})
	}
}
