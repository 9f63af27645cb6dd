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
