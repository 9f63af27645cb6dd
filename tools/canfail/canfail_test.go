package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// copyModule copies testdata/mod into a fresh directory, with allow as its allow list ("" for
// none).
func copyModule(t *testing.T, allow string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", "mod")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if allow != "" {
		p := filepath.Join(dst, AllowFile)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(allow), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// idleInTestdata are the tests of testdata/mod that cannot fail: they fail nothing, or hand t
// only to helpers of the module that never fail it.
var idleInTestdata = []string{
	"a/a_test.go: FuzzNothing",
	"a/a_test.go: TestAllowed",
	"a/a_test.go: TestLocalQuiet",
	"a/a_test.go: TestNothing",
	"a/a_test.go: TestQuietHelper",
	"a/a_test.go: TestRecursiveQuiet",
	"other/other_test.go: TestIdleInExternalPackage",
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name    string
		allow   string
		want    []string
		wantErr error
	}{
		{"no allow list", "", idleInTestdata, nil},
		{"allowed with a reason", "# comment\n\na/a_test.go: TestAllowed: documents that an empty test compiles\n",
			without(idleInTestdata, "a/a_test.go: TestAllowed"), nil},
		{"allowed without a reason", "a/a_test.go: TestAllowed\n", nil, ErrAllowList},
		{"allowed with an empty reason", "a/a_test.go: TestAllowed:  \n", nil, ErrAllowList},
		{"stale entry: the test can fail", "a/a_test.go: TestDirect: it used to be idle\n", nil, ErrAllowList},
		{"stale entry: no such test", "a/a_test.go: TestGone: removed\n", nil, ErrAllowList},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Check(copyModule(t, tc.allow))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Check error = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				if !strings.Contains(err.Error(), AllowFile) {
					t.Errorf("error %q does not name %s", err, AllowFile)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("Check =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop {
			out = append(out, s)
		}
	}
	return out
}

func TestCheckNeedsAModule(t *testing.T) {
	if _, err := Check(t.TempDir()); !errors.Is(err, ErrNoModule) {
		t.Fatalf("Check of a directory without go.mod = %v, want %v", err, ErrNoModule)
	}
}

// The command exits 1 and names each idle test with the fix; 0 on a clean module; 2 on bad
// usage or a bad allow list.
func TestRun(t *testing.T) {
	clean := t.TempDir()
	if err := os.WriteFile(filepath.Join(clean, "go.mod"), []byte("module example.com/clean\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		args     []string
		code     int
		stdout   []string
		stderrIn string
	}{
		{"idle tests", []string{copyModule(t, "")}, 1, append([]string{"can never fail", AllowFile}, idleInTestdata...), ""},
		{"clean module", []string{clean}, 0, nil, ""},
		{"bad allow list", []string{copyModule(t, "a/a_test.go: TestAllowed\n")}, 2, nil, "reason"},
		{"two roots", []string{clean, clean}, 2, nil, "usage"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tc.args, &out, &errb); code != tc.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tc.code, out.String(), errb.String())
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out.String())
				}
			}
			if tc.stdout == nil && out.Len() != 0 {
				t.Errorf("stdout %q, want none", out.String())
			}
			if !strings.Contains(errb.String(), tc.stderrIn) {
				t.Errorf("stderr %q lacks %q", errb.String(), tc.stderrIn)
			}
		})
	}
}

// The module itself passes: the check CI runs is green on the tree it guards.
func TestModuleCanFail(t *testing.T) {
	idle, err := Check(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if len(idle) > 0 {
		t.Fatalf("tests that can never fail:\n%s", strings.Join(idle, "\n"))
	}
}
