package leasefile

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// baseLease is a valid lease; each error case edits one or more lines of it.
const baseLease = `lease "t" {
  provider = "f01946720"
  image    = "shale/debian:bookworm"
  duration = "2h"
  ssh_keys = [var.key]

  resources {
    cpus   = 4
    memory = "12Gi"
  }

  mount {
    cid  = "CID"
    path = "/data/a"
  }

  payment {
    price = "0.01fil/min"
  }
}
`

func parseCase(t *testing.T, src string, opts Options) (hcl.Diagnostics, []string) {
	t.Helper()
	src = "variable \"key\" {}\n" + src // line numbers below count this line
	opts.Vars = map[string]string{"key": testsupport.SSHKey(t, 10, "k")}
	_, diags := Parse("lease.hcl", []byte(strings.ReplaceAll(src, "CID", testsupport.CID(t, "a"))), opts)
	var lines []string
	for _, d := range diags {
		lines = append(lines, DiagnosticLine(d))
	}
	return diags, lines
}

func TestBaseLeaseValid(t *testing.T) {
	if diags, lines := parseCase(t, baseLease, Options{}); diags.HasErrors() {
		t.Fatal(strings.Join(lines, "\n"))
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string // old, new pairs applied to baseLease
		opts  Options
		want  []string
	}{
		{"unknown attribute", []string{`  duration = "2h"`, `  duration = "2h"` + "\n  colour = \"red\""}, Options{},
			[]string{`lease.hcl:6:3: Unsupported argument: An argument named "colour" is not expected here.`}},
		{"misspelt attribute", []string{`  image    =`, `  imag =`}, Options{},
			[]string{
				`lease.hcl:2:11: Missing required argument: The argument "image" is required, but no definition was found.`,
				`lease.hcl:4:3: Unsupported argument: An argument named "imag" is not expected here. Did you mean "image"?`}},
		{"missing fields", []string{`  provider = "f01946720"` + "\n", ``, "  payment {\n    price = \"0.01fil/min\"\n  }\n", ``}, Options{},
			[]string{
				`lease.hcl:2:1: Missing payment block: A lease needs a payment block, e.g. payment { price = "0.01fil/min" }.`,
				`lease.hcl:2:11: Missing required argument: The argument "provider" is required, but no definition was found.`}},
		{"zero and negative resources", []string{`cpus   = 4`, `cpus   = 0`, `memory = "12Gi"`, "memory = -1\n    gpus = -2"}, Options{},
			[]string{
				`lease.hcl:9:14: Invalid cpus: invalid cpus "0": must be positive`,
				`lease.hcl:10:14: Invalid memory: invalid size "-1": must not be negative`,
				`lease.hcl:11:12: Invalid gpus: gpus must be a whole number ≥ 0, got -2.`}},
		{"numbers out of range", []string{`  duration = "2h"`, `  duration = "400d"` + "\n  bandwidth = \"1Ei\"", `cpus   = 4`, `cpus   = 5000`, `memory = "12Gi"`, `memory = "65Ti"` + "\n    gpus = 65\n    disk = \"2Pi\""}, Options{},
			[]string{
				`lease.hcl:5:14: Invalid duration: out of range: 9600h0m0s is over the maximum of 8784h0m0s (366 days)`,
				`lease.hcl:6:15: Invalid bandwidth: out of range: bandwidth 1Ei/s is over the maximum of 100Gi/s; leave it out for no cap`,
				`lease.hcl:10:14: Invalid cpus: out of range: cpus 5000 is over the maximum of 4096`,
				`lease.hcl:11:14: Invalid memory: out of range: memory 65Ti is over the maximum of 64Ti`,
				`lease.hcl:12:12: Invalid gpus: out of range: gpus 65 is over the maximum of 64`,
				`lease.hcl:13:12: Invalid disk: out of range: disk 2Pi is over the maximum of 1Pi`}},
		{"size typo", []string{`"12Gi"`, `"12Gb"`}, Options{},
			[]string{`lease.hcl:10:14: Invalid memory: invalid size "12Gb": unknown unit "Gb"; did you mean "12Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`}},
		{"price without unit", []string{`"0.01fil/min"`, `"0.01/min"`}, Options{},
			[]string{`lease.hcl:19:13: Invalid price: invalid price "0.01/min": missing unit (units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, e.g. "0.01fil/min", "1 FIL/h" or "5e15attofil/60s")`}},
		{"relative mount path", []string{`"/data/a"`, `"data/a"`}, Options{},
			[]string{`lease.hcl:15:12: Invalid mount path: mount path "data/a" must be absolute, e.g. "/data/a"`}},
		{"duplicate mount path", []string{"  payment {", "  mount {\n    cid  = \"CID\"\n    path = \"/data/a\"\n  }\n\n  payment {"}, Options{},
			[]string{`lease.hcl:20:12: Duplicate mount path: "/data/a" is already mounted at lease.hcl:15,12-21.`}},
		{"invalid CID", []string{`= "CID"`, `= "bafybogus"`}, Options{},
			[]string{`lease.hcl:14:12: Invalid CID: "bafybogus" is not a valid CID: invalid cid: invalid cid: length greater than remaining number of bytes in buffer`}},
		{"malformed SSH key", []string{`[var.key]`, `[var.key, "ssh-ed25519 AAAAC3Nza"]`}, Options{},
			[]string{`lease.hcl:6:24: Invalid SSH key: malformed SSH public key "ssh-ed25519 AAAAC3Nza": ssh: no key found; last parsing error for ignored line: illegal base64 data at input byte 8`}},
		{"duration over maximum", []string{`"2h"`, `"30d"`}, Options{MaxDuration: 7 * 24 * time.Hour},
			[]string{`lease.hcl:5:14: Lease too long: duration 720h0m0s is over the provider's maximum of 168h0m0s.`}},
		{"zero duration", []string{`"2h"`, `"0s"`}, Options{},
			[]string{`lease.hcl:5:14: Invalid duration: duration 0s must be a positive whole number of seconds.`}},
		{"default duration over maximum", []string{`  duration = "2h"` + "\n", ``}, Options{MaxDuration: time.Minute},
			[]string{`lease.hcl:2:1: Lease too long: duration 1h0m0s is over the provider's maximum of 1m0s.`}},
		{"undefined variable", []string{`"shale/debian:bookworm"`, `var.image`}, Options{},
			[]string{`lease.hcl:4:17: Unsupported attribute: This object does not have an attribute named "image".`}},
		{"missing file", []string{`[var.key]`, `[file("~/.ssh/nope.pub")]`}, Options{Home: "/home/test", ReadFile: fakeFiles(nil)},
			[]string{`lease.hcl:6:15: Error in function call: Call to function "file" failed: read ~/.ssh/nope.pub: no such file or directory.`}},
		{"several at once", []string{`"f01946720"`, `"f1abc"`, `"12Gi"`, `"12gb"`, `"/data/a"`, `"/data/../a"`, `"0.01fil/min"`, `"5"`}, Options{},
			[]string{
				`lease.hcl:3:14: Invalid provider: "f1abc" is not a Filecoin miner id: expected "f0" followed by digits, e.g. "f01946720"`,
				`lease.hcl:10:14: Invalid memory: invalid size "12gb": unknown unit "gb"; did you mean "12Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`,
				`lease.hcl:15:12: Invalid mount path: mount path "/data/../a" is not clean: write "/a"`,
				`lease.hcl:19:13: Invalid price: invalid price "5": missing unit (units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, e.g. "0.01fil/min", "1 FIL/h" or "5e15attofil/60s")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := baseLease
			for i := 0; i < len(tt.edits); i += 2 {
				if !strings.Contains(src, tt.edits[i]) {
					t.Fatalf("edit %q does not apply", tt.edits[i])
				}
				src = strings.Replace(src, tt.edits[i], tt.edits[i+1], 1)
			}
			diags, lines := parseCase(t, src, tt.opts)
			for _, d := range diags {
				if d.Severity == hcl.DiagError && d.Subject == nil {
					t.Errorf("diagnostic without a source range: %s", DiagnosticLine(d))
				}
			}
			if got, want := strings.Join(lines, "\n"), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestVariableErrors(t *testing.T) {
	src := "variable \"key\" {}\n" + strings.ReplaceAll(baseLease, "CID", testsupport.CID(t, "a"))
	_, diags := Parse("lease.hcl", []byte(src), Options{Vars: map[string]string{"nope": "1"}})
	var lines []string
	for _, d := range diags {
		lines = append(lines, DiagnosticLine(d))
	}
	want := "lease.hcl:1:1: No value for required variable: Variable \"key\" has no default; set it with -var key=VALUE.\n" +
		"lease.hcl:1:1: Value for undeclared variable: -var nope was given but the file declares no variable \"nope\"; add variable \"nope\" {}."
	if got := strings.Join(lines, "\n"); got != want {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestFormatDiagnostics(t *testing.T) {
	src := []byte("lease \"t\" {\n  provider = \"f01946720\"\n  image = \"debian\"\n  ssh_keys = []\n  resources {\n    cpus = 1\n    memory = \"1Gb\"\n  }\n  payment { price = \"1fil/h\" }\n}\n")
	_, diags := Parse("x.hcl", src, Options{})
	got := FormatDiagnostics(diags, map[string][]byte{"x.hcl": src})
	want := `x.hcl:4:14: Invalid SSH key: at least one SSH public key is required to log in
  on x.hcl line 4, in lease "t":
   4:   ssh_keys = []

x.hcl:7:14: Invalid memory: invalid size "1Gb": unknown unit "Gb"; did you mean "1Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))
  on x.hcl line 7, in lease "t":
   7:     memory = "1Gb"

`
	if got != want {
		t.Fatalf("FormatDiagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestHugeNumbers(t *testing.T) {
	for _, n := range []string{"1e100000000", "1e-100000000"} {
		_, lines := parseCase(t, strings.Replace(baseLease, "cpus   = 4", "cpus   = "+n, 1), Options{})
		if want := "lease.hcl:9:14: Number out of range: cpus holds a number that is too large or too small."; strings.Join(lines, "\n") != want {
			t.Errorf("cpus = %s: %q", n, lines)
		}
		_, lines = parseCase(t, strings.Replace(baseLease, `  duration = "2h"`, `  command = "x"`+"\n  args = [1, "+n+"]", 1), Options{})
		if want := "lease.hcl:6:10: Number out of range: args holds a number that is too large or too small."; strings.Join(lines, "\n") != want {
			t.Errorf("args = [%s]: %q", n, lines)
		}
	}
}
