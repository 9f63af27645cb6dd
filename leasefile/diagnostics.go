package leasefile

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// FormatDiagnostics renders diagnostics for people: for each one a
// "file:line:col: summary: detail" line followed by the source snippet from hcl's
// diagnostic text writer. files maps file names to their source; a file not in the map is
// read from disk, and without source the snippet says so.
func FormatDiagnostics(diags hcl.Diagnostics, files map[string][]byte) string {
	parsed := map[string]*hcl.File{}
	for name, src := range files {
		parsed[name] = sourceFile(name, src)
	}
	var out strings.Builder
	for _, d := range diags {
		out.WriteString(DiagnosticLine(d))
		out.WriteByte('\n')
		if d.Subject == nil {
			continue
		}
		name := d.Subject.Filename
		if _, ok := parsed[name]; !ok {
			if src, err := os.ReadFile(name); err == nil {
				parsed[name] = sourceFile(name, src)
			}
		}
		// The writer prints "Error: <summary>", the snippet and the detail; the first line
		// of ours already says all but the snippet, so keep only that part.
		var buf bytes.Buffer
		w := hcl.NewDiagnosticTextWriter(&buf, parsed, 0, false)
		snippetOnly := &hcl.Diagnostic{Severity: d.Severity, Summary: d.Summary, Subject: d.Subject, Context: d.Context}
		_ = w.WriteDiagnostic(snippetOnly)
		text := buf.String()
		if i := strings.Index(text, "\n\n"); i >= 0 {
			text = text[i+2:]
		}
		out.WriteString(strings.TrimRight(text, "\n"))
		out.WriteString("\n\n")
	}
	return out.String()
}

// sourceFile parses src so the writer can name the enclosing block ("in lease "x"");
// source that does not parse still gets its snippet.
func sourceFile(name string, src []byte) *hcl.File {
	if f, _ := hclparse.NewParser().ParseHCL(src, name); f != nil && f.Body != nil {
		return f
	}
	return &hcl.File{Bytes: src}
}

// DiagnosticLine is the one-line form of a diagnostic: "file:line:col: summary: detail",
// with "warning: " before the summary for warnings.
func DiagnosticLine(d *hcl.Diagnostic) string {
	var b strings.Builder
	if d.Subject != nil {
		fmt.Fprintf(&b, "%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
	}
	if d.Severity == hcl.DiagWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(strings.ReplaceAll(d.Detail, "\n", "; "))
	}
	return b.String()
}

// sortDiagnostics orders diagnostics by position so output reads top to bottom,
// whatever order the checks ran in.
func sortDiagnostics(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a != nil && b == nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		default:
			return a.Start.Byte < b.Start.Byte
		}
	})
}
