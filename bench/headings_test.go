package bench

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// verb matches a fmt verb inside a quoted regexp (QuoteMeta leaves % alone, escapes the dot).
var verb = regexp.MustCompile(`%[-+# 0-9]*(?:\\\.[0-9]+)?[dsvfgq]`)

// writerPatterns are the module's Go string literals, line by line, as patterns: fmt verbs match
// any text, and a leading "## " or "### " is dropped (titles are passed without it).
func writerPatterns(t *testing.T, root string) []*regexp.Regexp {
	t.Helper()
	fset := token.NewFileSet()
	seen := map[string]bool{}
	var out []*regexp.Regexp
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "node_modules" || n == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || d.Name() == "headings_test.go" { // this file names headings that have no writer
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, line := range strings.Split(s, "\n") {
				line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "### "), "## "))
				if line == "" || seen[line] {
					continue
				}
				seen[line] = true
				// A line that is mostly verbs ("%s", "%s: %v") would match any heading.
				if fixed := verb.ReplaceAllString(line, ""); len(fixed) < 10 || verb.FindStringIndex(line) != nil && verb.FindStringIndex(line)[0] == 0 {
					continue
				}
				if re, err := regexp.Compile("^" + verb.ReplaceAllString(regexp.QuoteMeta(line), ".+") + "$"); err == nil {
					out = append(out, re) // binary literals (not UTF-8) are no headings
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every heading of bench/RESULTS.md is one a committed benchmark writes, so a re-run replaces
// each section and subsection instead of leaving a hand-made or stale copy beside it.
func TestEveryResultsHeadingHasAWriter(t *testing.T) {
	root := filepath.Join("..")
	patterns := writerPatterns(t, root)
	f, err := os.Open(filepath.Join(root, "bench", "RESULTS.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	headings := 0
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !strings.HasPrefix(line, "## ") && !strings.HasPrefix(line, "### ") {
			continue
		}
		headings++
		title := strings.TrimSpace(strings.TrimLeft(line, "#"))
		found := false
		for _, p := range patterns {
			if p.MatchString(title) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("bench/RESULTS.md:%d: %q is written by no benchmark: a re-run would leave it stale beside the new copy", n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if headings == 0 {
		t.Fatal("bench/RESULTS.md has no sections")
	}
}

// The matcher itself: a title with formatted parts matches its format, a hand-made one does not.
func TestWriterPatterns(t *testing.T) {
	dir := t.TempDir()
	src := "package x\n\nconst a = \"Settlement(K) per lease, K = %s (TestBenchSettlement)\"\n\nvar b = `intro\n### Unpack vs sha256sum (%d runs each)\n`\n\nvar c = \"## Driver: %.2f× faster\"\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	patterns := writerPatterns(t, dir)
	for _, tc := range []struct {
		title string
		want  bool
	}{
		{"Settlement(K) per lease, K = 4, 8, 32 (TestBenchSettlement)", true},
		{"Unpack vs sha256sum (3 runs each)", true},
		{"Driver: 1.07× faster", true},
		{"On-chain gas", false},
		{"Settlement(K) per lease, K = 4 (BenchmarkProve)", false},
	} {
		got := false
		for _, p := range patterns {
			got = got || p.MatchString(tc.title)
		}
		if got != tc.want {
			t.Errorf("%q has a writer: %v, want %v", tc.title, got, tc.want)
		}
	}
}
