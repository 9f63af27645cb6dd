package fsutil

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestReplaceDurable(t *testing.T) {
	boom := errors.New("disk full")
	tests := []struct {
		name    string
		write   func(io.Writer) error
		wantErr error
		want    string
	}{
		{"replaces", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, nil, "new"},
		{"failed write keeps the old file", func(w io.Writer) error {
			_, _ = io.WriteString(w, "half")
			return boom
		}, boom, "old"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "f")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := ReplaceDurable(path, 0o600, tc.write)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Fatalf("content %q, want %q", got, tc.want)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 {
				t.Fatalf("temporary file left behind: %v", ents)
			}
			if st, _ := os.Stat(path); tc.wantErr == nil && st.Mode().Perm() != 0o600 {
				t.Fatalf("mode %v, want 0600", st.Mode().Perm())
			}
		})
	}
}

func TestWriteNewRefusesExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := WriteNew(path, []byte("a"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteNew(path, []byte("b"), 0o600); !errors.Is(err, os.ErrExist) {
		t.Fatalf("second WriteNew: %v, want ErrExist", err)
	}
}
