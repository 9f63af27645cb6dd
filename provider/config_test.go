package provider

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/go-hclog"

	"github.com/shaleprotocol/shale/leasefile"
	"github.com/shaleprotocol/shale/leasejob"
)

// minimal is the smallest valid configuration: 9 lines, so a case's own lines start at 10.
const minimal = `chain {
  rpc           = "http://127.0.0.1:8545"
  contract      = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
  keystore      = "key.json"
  password_file = "key.password"
}
provider {
  miner_id = "f01946720"
}
`

func diagLines(t *testing.T, src string) []string {
	t.Helper()
	_, diags := ParseConfig("cfg.hcl", []byte(src))
	var out []string
	for _, d := range diags {
		out = append(out, leasefile.DiagnosticLine(d))
	}
	return out
}

func TestConfigDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"unknown attribute", minimal + `colour = "red"` + "\n",
			[]string{`cfg.hcl:10:1: Unsupported argument: An argument named "colour" is not expected here.`}},
		{"unknown attribute in a block", minimal + "policy {\n  max_lease = 3\n}\n",
			[]string{`cfg.hcl:11:3: Unsupported argument: An argument named "max_lease" is not expected here. Did you mean "max_leases"?`}},
		{"unknown block", minimal + "vault {\n}\n",
			[]string{`cfg.hcl:10:1: Unsupported block type: Blocks of type "vault" are not expected here.`}},
		{"duplicate block", minimal + "policy {\n}\npolicy {\n}\n",
			[]string{`cfg.hcl:12:1: Duplicate policy block: Only one policy block is allowed. Another was defined at cfg.hcl:10,1-7.`}},
		{"missing chain block", "provider {\n  miner_id = \"f01946720\"\n}\n",
			[]string{`cfg.hcl:1:1: Missing chain block: a "chain" block is required: chain { rpc = "http://127.0.0.1:8545"  contract = "0x…"  keystore = "…"  password_file = "…" }`}},
		{"missing required attribute", "chain {\n  rpc = \"http://x:1\"\n  keystore = \"k\"\n  password_file = \"p\"\n}\nprovider {\n  miner_id = \"f01946720\"\n}\n",
			[]string{`cfg.hcl:1:7: Missing required argument: The argument "contract" is required, but no definition was found.`}},
		{"wrong type", strings.Replace(minimal, "}\nprovider", "  confirmations = \"two\"\n}\nprovider", 1),
			[]string{`cfg.hcl:6:20: Unsuitable value type: Unsuitable value: a number is required`}},
		{"bad values", `chain {
  rpc           = "127.0.0.1:8545"
  contract      = "0x1234"
  keystore      = "key.json"
  password_file = "key.password"
  poll_interval = "soon"
}
provider {
  miner_id = "x1"
}
`, []string{
			`cfg.hcl:2:19: Invalid RPC URL: "127.0.0.1:8545": want an http(s):// or ws(s):// URL of an Ethereum JSON-RPC endpoint`,
			`cfg.hcl:3:19: Invalid contract address: "0x1234": want the marketplace's 0x-prefixed 20-byte address`,
			`cfg.hcl:6:19: Invalid duration: ...`,
			`cfg.hcl:9:14: Invalid miner id: ...`,
		}},
		{"bad transaction settings", strings.Replace(minimal, "}\nprovider", "  max_fee = \"1000\"\n  stuck_blocks = 0\n}\nprovider", 1), []string{
			`cfg.hcl:6:13: Invalid maximum fee: invalid amount "1000": missing unit ...`,
			`cfg.hcl:7:18: Invalid stuck_blocks: stuck_blocks must be between 1 and 1000 (blocks a transaction waits before it is re-priced)`,
		}},
		{"fees out of range", strings.Replace(minimal, "}\nprovider", "  max_fee = \"2 millifil\"\n  stuck_blocks = 1001\n}\nprovider", 1), []string{
			`cfg.hcl:6:13: Invalid maximum fee: "2 millifil": want more than 0 and at most 0.001 FIL per gas`,
			`cfg.hcl:7:18: Invalid stuck_blocks: stuck_blocks must be between 1 and 1000 (blocks a transaction waits before it is re-priced)`,
		}},
		{"zero fee", strings.Replace(minimal, "}\nprovider", "  max_fee = \"0 fil\"\n}\nprovider", 1), []string{
			`cfg.hcl:6:13: Invalid maximum fee: "0 fil": want more than 0 and at most 0.001 FIL per gas`,
		}},
		{"bad policy", minimal + `policy {
  min_price    = "0.01/min"
  max_duration = "-1h"
  max_grace    = "0s"
  max_prepay   = "1x"
  images       = ["["]
  max_leases   = -1
  max_exposes  = 17
  collateral   = "0.5"
}
`, []string{
			`cfg.hcl:11:18: Invalid price: ...`,
			`cfg.hcl:12:18: Invalid duration: ...`,
			`cfg.hcl:13:18: Invalid duration: must be positive`,
			`cfg.hcl:14:18: Invalid duration: ...`,
			`cfg.hcl:15:18: Invalid image pattern: ...`,
			`cfg.hcl:16:18: Invalid lease limit: max_leases must not be negative (0 means no limit)`,
			`cfg.hcl:17:18: Invalid expose limit: max_exposes must be between 0 (no exposed ports) and 16`,
			`cfg.hcl:18:18: Invalid amount: invalid amount "0.5": missing unit (units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, e.g. "0.01fil/min", "1 FIL/h" or "5e15attofil/60s")`,
		}},
		{"bad top level", minimal + "listen = \"9100\"\nlog_level = \"loud\"\nsettlement {\n  max_wait = \"0s\"\n}\nnomad {\n  address = \"127.0.0.1:4646\"\n  mhz_per_core = 0\n}\n", []string{
			`cfg.hcl:10:10: Invalid listen address: ...`,
			`cfg.hcl:11:13: Invalid log level: "loud": want trace, debug, info, warn or error`,
			`cfg.hcl:13:14: Invalid duration: must be positive`,
			`cfg.hcl:16:13: Invalid Nomad address: "127.0.0.1:4646": want the agent's http(s):// URL, e.g. "http://127.0.0.1:4646"`,
			`cfg.hcl:17:18: Invalid CPU clock: mhz_per_core must be between 1 and 1048576`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := diagLines(t, tc.src)
			// "..." in a want stands for a detail owned by another package (lease, net):
			// the position and summary are what this package promises.
			if len(got) == len(tc.want) {
				for i, w := range tc.want {
					if p, ok := strings.CutSuffix(w, "..."); ok && strings.HasPrefix(got[i], p) {
						tc.want[i] = got[i]
					}
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// The example shipped for operators parses, and relative paths resolve against the file.
func TestConfigExampleAndDefaults(t *testing.T) {
	cfg, diags := LoadConfig(filepath.Join("..", "examples", "bridge", "shale-bridge.hcl"))
	if diags.HasErrors() {
		t.Fatal(leasefile.FormatDiagnostics(diags, nil))
	}
	half, _ := new(big.Int).SetString("500000000000000000", 10)
	if cfg.Collateral.Cmp(half) != 0 || cfg.MinPrice.Amount.Cmp(big.NewInt(1e16)) != 0 || cfg.MinPrice.Period != time.Minute ||
		cfg.MaxDuration != 24*time.Hour || cfg.MaxLeases != 50 || cfg.MaxExposes != 4 || cfg.Confirmations != 2 || cfg.Datacenters[0] != "dc1" {
		t.Errorf("example config read as %+v", cfg)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "bridge.hcl")
	if err := os.WriteFile(path, []byte(minimal+"state_dir = \"state\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags = LoadConfig(path)
	if diags.HasErrors() {
		t.Fatal(leasefile.FormatDiagnostics(diags, nil))
	}
	want := &Config{
		Path: path, RPC: "http://127.0.0.1:8545", Contract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		Keystore: filepath.Join(dir, "key.json"), PasswordFile: filepath.Join(dir, "key.password"),
		Confirmations: 2, PollInterval: 2 * time.Second, MaxFee: big.NewInt(1000_000_000_000), StuckBlocks: 3, NomadAddress: "http://127.0.0.1:4646", MHzPerCore: leasejob.DefaultMHzPerCore,
		MinerID: "f01946720", MaxWait: 10 * time.Minute, StartTimeout: 5 * time.Minute,
		MaxGrace: 10 * time.Minute, MaxPrepay: time.Hour,
		StateDir: filepath.Join(dir, "state"), Listen: "127.0.0.1:9100", LogLevel: hclog.Info,
	}
	bigEq := cmp.Comparer(func(a, b *big.Int) bool { return (a == nil) == (b == nil) && (a == nil || a.Cmp(b) == 0) })
	if diff := cmp.Diff(want, cfg, bigEq, cmp.AllowUnexported(Config{}), cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".ranges" }, cmp.Ignore())); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
}

// The password unlocks the provider's funds: a file every user can read is refused, with
// the config position to fix.
func TestWorldReadablePasswordRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bridge.hcl")
	if err := os.WriteFile(path, []byte(minimal), 0o600); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "key.password")
	if err := os.WriteFile(pw, []byte("secret-pw\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(pw, 0o644); err != nil { // umask may have cleared bits
		t.Fatal(err)
	}
	cfg, diags := LoadConfig(path)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, _, err := loadKey(cfg)
	want := path + ":5:19: password file " + pw + " is readable by every user (mode 0644); run: chmod 600 " + pw
	if err == nil || err.Error() != want {
		t.Fatalf("loadKey: %v\nwant %s", err, want)
	}
	if strings.Contains(err.Error(), "secret-pw") {
		t.Fatal("the password leaked into an error")
	}
}
