package leasefile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// withExposes puts blocks before the payment block, whose line (18 with parseCase's
// variable line) the first block then takes.
func withExposes(blocks ...string) string {
	return strings.Replace(baseLease, "  payment {", strings.Join(blocks, "\n")+"\n  payment {", 1)
}

func TestExposeBlocks(t *testing.T) {
	src := "variable \"key\" {}\n" + strings.ReplaceAll(withExposes(
		`  expose { port = 8888 }`,
		`  expose {
    port     = "5432"
    protocol = "tcp"
    public   = true
  }`), "CID", testsupport.CID(t, "a"))
	spec, diags := Parse("lease.hcl", []byte(src), Options{Vars: map[string]string{"key": testsupport.SSHKey(t, 10, "k")}})
	if diags.HasErrors() {
		t.Fatal(FormatDiagnostics(diags, map[string][]byte{"lease.hcl": []byte(src)}))
	}
	want := []lease.Expose{{Port: 8888, Protocol: "http"}, {Port: 5432, Protocol: "tcp", Public: true}}
	if fmt.Sprint(spec.Exposes) != fmt.Sprint(want) {
		t.Fatalf("exposes %+v, want %+v", spec.Exposes, want)
	}
}

func TestExposeErrors(t *testing.T) {
	tooMany := make([]string, lease.MaxExposes+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf("  expose { port = %d }", 8000+i)
	}
	tests := []struct {
		name   string
		blocks []string
		want   []string
	}{
		{"port zero", []string{`  expose { port = 0 }`},
			[]string{`lease.hcl:18:19: Invalid port: out of range: port 0 is not between 1 and 65535`}},
		{"port too large", []string{`  expose { port = 70000 }`},
			[]string{`lease.hcl:18:19: Invalid port: out of range: port 70000 is not between 1 and 65535`}},
		{"negative port", []string{`  expose { port = -1 }`},
			[]string{`lease.hcl:18:19: Invalid port: port must be a whole number between 1 and 65535, got -1.`}},
		{"fractional port", []string{`  expose { port = 80.5 }`},
			[]string{`lease.hcl:18:19: Invalid port: port must be a whole number between 1 and 65535, got 80.5.`}},
		{"missing port", []string{`  expose { protocol = "tcp" }`},
			[]string{`lease.hcl:18:12: Missing required argument: The argument "port" is required, but no definition was found.`}},
		{"bad protocol", []string{`  expose {` + "\n" + `    port = 53` + "\n" + `    protocol = "udp"` + "\n  }"},
			[]string{`lease.hcl:20:16: Invalid protocol: protocol "udp" is not supported: use "http" or "tcp"`}},
		{"public not a bool", []string{`  expose {` + "\n" + `    port = 80` + "\n" + `    public = "yes please"` + "\n  }"},
			[]string{`lease.hcl:20:14: Incorrect attribute value type: public must be bool: a bool is required.`}},
		{"duplicate port", []string{`  expose { port = 80 }`, `  expose {` + "\n" + `    port = 80` + "\n" + `    protocol = "tcp"` + "\n  }"},
			[]string{`lease.hcl:20:12: Duplicate exposed port: port 80 is already exposed at lease.hcl:18,19-21.`}},
		{"too many", tooMany,
			[]string{fmt.Sprintf(`lease.hcl:%d:3: Too many exposed ports: A lease exposes at most %d ports; this is number %d.`, 18+lease.MaxExposes, lease.MaxExposes, lease.MaxExposes+1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags, lines := parseCase(t, withExposes(tt.blocks...), Options{})
			if !diags.HasErrors() {
				t.Fatal("no error")
			}
			if got, want := strings.Join(lines, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
