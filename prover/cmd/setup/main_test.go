package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRejects covers argument handling; the ceremony itself is tested in package prover.
func TestRunRejects(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		cmd  string
		args []string
		want string
	}{
		{"bogus", nil, "unknown command"},
		{"p1-contribute", []string{"-out", filepath.Join(dir, "x")}, "missing input file"},
		{"p1-contribute", []string{"-in", filepath.Join(dir, "absent"), "-out", filepath.Join(dir, "x")}, "no such file"},
		{"p1-seal", []string{"-beacon", "zz"}, "-beacon"},
		{"p2-seal", []string{"-beacon", "01"}, "-keys is required"},
		{"dev", []string{"-k", "0"}, "K out of range"},
	}
	for _, tc := range cases {
		err := run(context.Background(), tc.cmd, tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: %v, want %q", tc.cmd, tc.args, err, tc.want)
		}
	}
}
