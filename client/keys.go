package client

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shaleprotocol/shale/internal/wallet"

	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/voucher"
)

func (a *App) keysCommand() *cobra.Command {
	keys := &cobra.Command{Use: "keys", Short: "Manage the wallet and the payment key", Args: cobra.ArbitraryArgs, RunE: groupRunE}
	var light bool
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Create the wallet keystore, its password file and the payment key",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.creating = true
			return a.keysInit(light)
		},
	}
	initCmd.Flags().BoolVar(&light, "light", false, "light scrypt parameters (tests only: weak against brute force)")
	keys.AddCommand(initCmd)
	return keys
}

// keysInit never overwrites: a replaced wallet or payment key strands escrow and vouchers.
func (a *App) keysInit(light bool) error {
	c, err := a.config()
	if err != nil {
		return err
	}
	for _, p := range []string{c.Keystore, c.PaymentKey} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s already exists; refusing to overwrite it: your keys are set up (`shale balance` shows the address); to start over, move it away first (escrow and vouchers stay tied to the old keys)", p)
		} else if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	for _, p := range []string{c.Keystore, c.PasswordFile, c.PaymentKey} {
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return err
		}
	}
	pw, err := os.ReadFile(c.PasswordFile)
	switch {
	case err == nil: // a password the user chose
	case errors.Is(err, os.ErrNotExist):
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return err
		}
		pw = []byte(hex.EncodeToString(b[:]) + "\n")
		if err := wallet.WriteNew(c.PasswordFile, pw); err != nil {
			return err
		}
	default:
		return err
	}
	key, err := wallet.Create(c.Keystore, strings.TrimRight(string(pw), "\r\n"), light)
	if err != nil {
		return err
	}
	pk, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	if err := pk.SaveKey(c.PaymentKey); err != nil {
		return err
	}
	if c.Path == "" {
		if err := wallet.WriteNew(a.path, []byte(configText(c))); err != nil {
			return fmt.Errorf("writing config: %w", err)
		}
		a.progress("wrote %s", a.path)
	}
	if a.json() {
		return a.printJSON(map[string]string{
			"address": key.Address.Hex(), "payment_key": pk.Public().String(),
			"keystore": c.Keystore, "password_file": c.PasswordFile, "payment_key_file": c.PaymentKey,
		})
	}
	fmt.Fprintf(a.env.Stdout, "address      %s\npayment key  %s\n", key.Address.Hex(), pk.Public())
	a.progress("wallet %s (password in %s), payment key %s; fund the address before ordering", c.Keystore, c.PasswordFile, c.PaymentKey)
	return nil
}

// configText is a first config file: what the flags said plus where the keys went, so later
// commands need no flags.
func configText(c *Config) string {
	return fmt.Sprintf("rpc           = %q\ncontract      = %q\nkeystore      = %q\npassword_file = %q\npayment_key   = %q\nssh_key       = %q\n",
		c.RPC, c.Contract, c.Keystore, c.PasswordFile, c.PaymentKey, c.SSHKey)
}
