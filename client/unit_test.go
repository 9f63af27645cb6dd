package client_test

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/lease"

	"github.com/shaleprotocol/shale/client"
)

func TestFormatFIL(t *testing.T) {
	for _, tc := range []struct {
		atto string
		want string
	}{
		{"0", "0 FIL"},
		{"1", "0.000000000000000001 FIL"},
		{"600000000000000000", "0.6 FIL"},
		{"1000000000000000000", "1 FIL"},
		{"12345678901234567890123", "12345.678901234567890123 FIL"},
		{"-1500000000000000000", "-1.5 FIL"},
	} {
		n, _ := new(big.Int).SetString(tc.atto, 10)
		if got := lease.FormatFIL(n); got != tc.want {
			t.Errorf("FormatFIL(%s) = %q, want %q", tc.atto, got, tc.want)
		}
	}
}

func TestFormatRating(t *testing.T) {
	for _, tc := range []struct {
		sum, count uint64
		want       string
	}{
		{0, 0, "-"},
		{9, 2, "4.50 (2)"},
		{5, 1, "5.00 (1)"},
		{10, 3, "3.33 (3)"},
		{11, 3, "3.67 (3)"}, // 3.666… rounds half up
		{1<<63 + 5, 1<<62 + 1, "2.00 (4611686018427387905)"},
	} {
		if got := client.FormatRating(tc.sum, tc.count); got != tc.want {
			t.Errorf("FormatRating(%d, %d) = %q, want %q", tc.sum, tc.count, got, tc.want)
		}
	}
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	home := t.TempDir()
	for _, tc := range []struct {
		name, body string
		wantErr    string
		check      func(client.Config) string
	}{
		{name: "defaults relative to the file", body: `rpc = "http://x:8545"`, check: func(c client.Config) string {
			if c.RPC != "http://x:8545" || c.Keystore != filepath.Join(dir, "wallet.json") ||
				c.PaymentKey != filepath.Join(dir, "payment.key") || c.SSHKey != filepath.Join(home, ".ssh", "id_ed25519") {
				return "wrong defaults"
			}
			return ""
		}},
		{name: "home and relative paths", body: "keystore = \"~/k.json\"\nstate_dir = \"st\"\n", check: func(c client.Config) string {
			if c.Keystore != filepath.Join(home, "k.json") || c.StateDir != filepath.Join(dir, "st") {
				return "wrong paths"
			}
			return ""
		}},
		{name: "syntax error", body: "rpc = \n", wantErr: "config.hcl:1:"},
		{name: "unknown attribute", body: "rpc = \"x\"\nrcp = \"y\"\n", wantErr: "config.hcl:2:1: Unsupported argument"},
		{name: "wrong type", body: "contract = [1]\n", wantErr: "config.hcl:1:12: Unsuitable value type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "config.hcl")
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			c, err := client.LoadConfig(path, home, true)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(c); msg != "" {
				t.Errorf("%s: %+v", msg, c)
			}
		})
	}
	if _, err := client.LoadConfig(filepath.Join(dir, "missing.hcl"), home, true); err == nil {
		t.Error("a missing config named explicitly must be an error")
	}
	if _, err := client.LoadConfig(filepath.Join(dir, "missing.hcl"), home, false); err != nil {
		t.Errorf("a missing default config: %v", err)
	}
}

func TestKeysInit(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "shale", "config.hcl")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(`rpc = "http://127.0.0.1:8545"`), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, string, int) {
		var out, errb strings.Builder
		env := client.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Home: dir,
			Getenv: func(k string) string {
				if k == "SHALE_CONFIG" {
					return cfg
				}
				return ""
			}}
		code := client.Execute(t.Context(), env, args)
		return out.String(), errb.String(), code
	}
	out, errOut, code := run("keys", "init", "--light")
	if code != 0 {
		t.Fatalf("keys init: %d %s", code, errOut)
	}
	if !strings.Contains(out, "address      0x") || !strings.Contains(out, "payment key  0x") {
		t.Errorf("output:\n%s", out)
	}
	for _, f := range []string{"wallet.json", "password", "payment.key"} {
		st, err := os.Stat(filepath.Join(dir, "shale", f))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", f, st.Mode().Perm())
		}
	}
	_, errOut, code = run("keys", "init", "--light")
	if code == 0 || !strings.Contains(errOut, filepath.Join(dir, "shale", "wallet.json")+" already exists; refusing to overwrite it") {
		t.Errorf("second keys init: exit %d, stderr %q", code, errOut)
	}

	// Without a config file, keys init writes one from the flags, next to the keys.
	fresh := filepath.Join(dir, "fresh", "config.hcl")
	_, errOut, code = run("--config", fresh, "--rpc", "http://node:8545", "--contract", "0x00000000000000000000000000000000000000aa", "keys", "init", "--light")
	if code != 0 {
		t.Fatalf("keys init without config: %s", errOut)
	}
	c, err := client.LoadConfig(fresh, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.RPC != "http://node:8545" || c.Contract != "0x00000000000000000000000000000000000000aa" || c.Keystore != filepath.Join(dir, "fresh", "wallet.json") {
		t.Errorf("written config: %+v", c)
	}
	if _, errOut, code = run("--config", filepath.Join(dir, "absent.hcl"), "sps"); code == 0 || !strings.Contains(errOut, "absent.hcl: no such file") {
		t.Errorf("a missing --config: exit %d %q", code, errOut)
	}
}
