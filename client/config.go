package client

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/shaleprotocol/shale/leasefile"
)

// Config is the client's configuration file (HCL), e.g.
//
//	rpc           = "http://127.0.0.1:8545"
//	contract      = "0x…"
//	keystore      = "~/.config/shale/wallet.json"
//	password_file = "~/.config/shale/password"
//	payment_key   = "~/.config/shale/payment.key"
//	ssh_key       = "~/.ssh/id_ed25519"
//	state_dir     = "~/.local/state/shale"
//	start_block   = 0
//
// Relative paths are relative to the file's directory; "~/" is the home directory.
type Config struct {
	RPC          string `hcl:"rpc,optional"`
	Contract     string `hcl:"contract,optional"`
	Keystore     string `hcl:"keystore,optional"`
	PasswordFile string `hcl:"password_file,optional"`
	PaymentKey   string `hcl:"payment_key,optional"`
	SSHKey       string `hcl:"ssh_key,optional"`
	StateDir     string `hcl:"state_dir,optional"`
	// StartBlock is where event scans begin: the marketplace's deployment block. Public
	// RPC endpoints bound eth_getLogs ranges, so scanning from genesis may be refused.
	StartBlock uint64 `hcl:"start_block,optional"`

	// Path is the file the config was read from ("" when none existed).
	Path string
}

// DefaultConfigPath is $SHALE_CONFIG, else ~/.config/shale/config.hcl.
func DefaultConfigPath(getenv func(string) string, home string) string {
	if p := getenv("SHALE_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(home, ".config", "shale", "config.hcl")
}

// LoadConfig reads path and fills defaults. A missing file is not an error unless required:
// `keys init` runs before anyone wrote one, and flags can supply everything else.
func LoadConfig(path, home string, required bool) (Config, error) {
	var c Config
	src, err := os.ReadFile(path)
	switch {
	case err == nil:
		c.Path = path
		f, diags := hclparse.NewParser().ParseHCL(src, path)
		if !diags.HasErrors() {
			diags = append(diags, gohcl.DecodeBody(f.Body, nil, &c)...)
		}
		if diags.HasErrors() {
			return Config{}, configError(diags)
		}
	case errors.Is(err, os.ErrNotExist) && !required:
	default:
		return Config{}, fmt.Errorf("reading config: %w; pass an existing file with --config or $SHALE_CONFIG, or create one with `shale keys init`", err)
	}
	dir := filepath.Dir(path)
	abs := func(p, def string) string {
		if p == "" {
			p = def
		}
		return expandPath(p, dir, home)
	}
	c.Keystore = abs(c.Keystore, "wallet.json")
	c.PasswordFile = abs(c.PasswordFile, "password")
	c.PaymentKey = abs(c.PaymentKey, "payment.key")
	c.SSHKey = abs(c.SSHKey, filepath.Join(home, ".ssh", "id_ed25519"))
	c.StateDir = abs(c.StateDir, dir)
	return c, nil
}

// configError keeps only the one-line "file:line:col: summary: detail" forms: config
// mistakes are short, and the line is what a person needs.
func configError(diags hcl.Diagnostics) error {
	var lines []string
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			lines = append(lines, leasefile.DiagnosticLine(d))
		}
	}
	return fmt.Errorf("config: %s", strings.Join(lines, "\n"))
}

func expandPath(p, dir, home string) string {
	switch {
	case p == "~":
		return home
	case strings.HasPrefix(p, "~/"):
		return filepath.Join(home, p[2:])
	case filepath.IsAbs(p):
		return p
	default:
		return filepath.Join(dir, p)
	}
}
