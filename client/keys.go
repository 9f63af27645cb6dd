package client

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/voucher"
)

func (a *App) keysCommand() *cobra.Command {
	keys := &cobra.Command{Use: "keys", Short: "Manage the wallet and the payment key"}
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
			return fmt.Errorf("%s already exists; refusing to overwrite it", p)
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
		if err := writeNew(c.PasswordFile, pw); err != nil {
			return err
		}
	default:
		return err
	}
	ek, err := crypto.GenerateKey()
	if err != nil {
		return err
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return err
	}
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	key := &keystore.Key{Id: id, Address: crypto.PubkeyToAddress(ek.PublicKey), PrivateKey: ek}
	js, err := keystore.EncryptKey(key, strings.TrimRight(string(pw), "\r\n"), n, p)
	if err != nil {
		return err
	}
	if err := writeNew(c.Keystore, js); err != nil {
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
		if err := writeNew(a.path, []byte(configText(c))); err != nil {
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

// writeNew creates path with mode 0600, failing if it exists.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// configText is a first config file: what the flags said plus where the keys went, so later
// commands need no flags.
func configText(c *Config) string {
	return fmt.Sprintf("rpc           = %q\ncontract      = %q\nkeystore      = %q\npassword_file = %q\npayment_key   = %q\nssh_key       = %q\n",
		c.RPC, c.Contract, c.Keystore, c.PasswordFile, c.PaymentKey, c.SSHKey)
}
