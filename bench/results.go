package bench

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// WriteSection replaces (or appends) the `## title` section of the results file, so each
// benchmark owns its section and re-running it updates only that.
func WriteSection(path, title, body string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	doc := string(old)
	if doc == "" {
		doc = "# Benchmark results\n\nEach section is written by the benchmark it names (`make bench`).\n"
	}
	section := fmt.Sprintf("## %s\n\n%s\n", title, strings.TrimSpace(body))
	re := regexp.MustCompile(`(?ms)^## ` + regexp.QuoteMeta(title) + `\n.*?(?:^## |\z)`)
	if loc := re.FindStringIndex(doc); loc != nil {
		rest := doc[loc[1]:]
		if strings.HasSuffix(doc[loc[0]:loc[1]], "## ") {
			rest = "## " + rest
		}
		doc = doc[:loc[0]] + section + "\n" + strings.TrimLeft(rest, "\n")
	} else {
		doc = strings.TrimRight(doc, "\n") + "\n\n" + section
	}
	return os.WriteFile(path, []byte(strings.TrimRight(doc, "\n")+"\n"), 0o644)
}

// WriteSubsection rewrites part of the `## title` section and keeps the rest, so that several
// benchmarks can share a section: sub == "" replaces the text before the section's first
// `### ` heading; otherwise the `### sub` block is replaced, or appended when missing.
func WriteSubsection(path, title, sub, body string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	cur := ""
	re := regexp.MustCompile(`(?ms)^## ` + regexp.QuoteMeta(title) + `\n(.*?)(?:^## |\z)`)
	if m := re.FindStringSubmatch(string(old)); m != nil {
		cur = m[1]
	}
	body = strings.TrimSpace(body) + "\n"
	var next string
	if sub == "" {
		rest := ""
		if i := regexp.MustCompile(`(?m)^### `).FindStringIndex(cur); i != nil {
			rest = cur[i[0]:]
		}
		next = body + "\n" + rest
	} else {
		block := "### " + sub + "\n\n" + body
		sre := regexp.MustCompile(`(?ms)^### ` + regexp.QuoteMeta(sub) + `\n.*?(?:^### |\z)`)
		if loc := sre.FindStringIndex(cur); loc != nil {
			tail := cur[loc[1]:]
			if strings.HasSuffix(cur[loc[0]:loc[1]], "### ") {
				tail = "### " + tail
			}
			next = cur[:loc[0]] + block + "\n" + tail
		} else {
			next = strings.TrimRight(cur, "\n") + "\n\n" + block
		}
	}
	return WriteSection(path, title, next)
}
