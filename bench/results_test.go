package bench

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A section with ### subsections is replaced whole on a re-run: no stale copy of it, or of its
// subsections, stays behind, and the sections around it are untouched.
func TestWriteSectionReplacesWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "RESULTS.md")
	write := func(title, body string) {
		t.Helper()
		if err := WriteSection(path, title, body); err != nil {
			t.Fatal(err)
		}
	}
	write("A", "first A\n\n### A.1\n\nold figure")
	write("B", "only B")
	write("A", "second A\n\n### A.1\n\nnew figure")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{"second A", "new figure", "only B"} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %q in\n%s", want, doc)
		}
	}
	for _, stale := range []string{"first A", "old figure"} {
		if strings.Contains(doc, stale) {
			t.Errorf("stale %q left in\n%s", stale, doc)
		}
	}
	if n := strings.Count(doc, "### A.1"); n != 1 {
		t.Errorf("%d copies of the subsection, want 1:\n%s", n, doc)
	}
}

// The machine line carries the load measured at start and at end, never a fixed phrase.
func TestMachineRecordsLoad(t *testing.T) {
	line := StartMachine().String()
	triple := `\d+\.\d+ \d+\.\d+ \d+\.\d+`
	re := regexp.MustCompile(`load average \(1, 5, 15 min\) ` + triple + ` at start, ` + triple + ` at end`)
	if !re.MatchString(line) {
		t.Fatalf("machine line without measured load: %q", line)
	}
	if !strings.Contains(line, "Date: ") {
		t.Fatalf("machine line without a date: %q", line)
	}
}

// Two writers sharing a section: each re-run replaces only its own part (the text before the
// first subsection, or its ### block), never duplicates it, and keeps the other's.
func TestWriteSubsectionSharesASection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "RESULTS.md")
	write := func(sub, body string) {
		t.Helper()
		if err := WriteSubsection(path, "P", sub, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteSection(path, "Before", "kept before"); err != nil {
		t.Fatal(err)
	}
	write("", "top 1")
	write("X", "x 1")
	write("Y", "y 1")
	if err := WriteSection(path, "After", "kept after"); err != nil {
		t.Fatal(err)
	}
	write("X", "x 2")
	write("", "top 2")
	write("Y", "y 2")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	want := "## Before\n\nkept before\n\n## P\n\ntop 2\n\n### X\n\nx 2\n\n### Y\n\ny 2\n\n## After\n\nkept after\n"
	if !strings.HasSuffix(doc, want) {
		t.Fatalf("document:\n%s\nwant it to end with:\n%s", doc, want)
	}
}
