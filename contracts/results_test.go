package contracts_test

import (
	"os"
	"regexp"
	"strings"

	"github.com/shaleprotocol/shale/bench"
)

// Sections of bench/RESULTS.md these tests write (titles must stay exactly these).
const (
	gasSection    = "Contracts: gas per operation"
	proverSection = "Prover: constraints, prove time, commitment hash"
)

// updateSection rewrites part of one "## section" of the results file and keeps the rest, so
// several tests can share a section: sub == "" replaces the text before the section's first
// "### " heading; otherwise the "### sub" block is replaced, or appended when missing. The
// file is written with bench.WriteSection.
func updateSection(path, section, sub, body string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	cur := ""
	re := regexp.MustCompile(`(?ms)^## ` + regexp.QuoteMeta(section) + `\n(.*?)(?:^## |\z)`)
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
	return bench.WriteSection(path, section, next)
}
