package bridge

import (
	"bytes"
	"strings"
	"testing"
)

// Every value the page prints is escaped: an order reason, a last error, a node name or a
// dataset name carrying markup shows as text.
func TestPageEscapesMarkup(t *testing.T) {
	const evil = `<img src=x onerror=alert(1)><script>alert(2)</script>"'&`
	d := PageData{
		Provider: "0xabc", Settled: "1 FIL", Pending: "0 FIL",
		Orders:     []OrderView{{LeaseID: "31337-0x01", State: Rejected, Reason: evil, LastError: evil}},
		Rejections: []OrderView{{LeaseID: "31337-0x01", State: Rejected, Reason: evil}},
		Nodes:      []PageNode{{Name: evil, ID: "n1", Endpoint: evil, Version: evil, Datasets: []string{evil}}},
		NodesError: evil,
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{"<img", "<script", "onerror=alert(1)>"} {
		if strings.Contains(out, raw) {
			t.Fatalf("page contains %q unescaped", raw)
		}
	}
	// Eight places print the value, each escaped.
	if n := strings.Count(out, "&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;"); n != 8 {
		t.Fatalf("escaped value printed %d times, want 8:\n%s", n, out)
	}
}
