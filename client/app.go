package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"time"

	"github.com/shaleprotocol/shale/internal/wallet"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/voucher"
)

// Backend is what the CLI needs from a chain: the marketplace's needs plus chain id and
// balances. *ethclient.Client and ethclient/simulated's client satisfy it.
type Backend interface {
	contracts.Backend
	ChainID(ctx context.Context) (*big.Int, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
}

// Env is the outside world of one CLI run; tests replace any part of it.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Home           string
	// Dial connects to the config's RPC URL; nil dials it with ethclient. Tests return an
	// in-process chain here.
	Dial func(ctx context.Context, rpc string) (Backend, error)
	// PollInterval is how often the chain is polled while waiting; 0 means 2 s.
	PollInterval time.Duration
	// Executable is the program ssh-config puts in ProxyCommand; "" means os.Executable.
	Executable string
}

// DefaultEnv is the process's own stdio, environment and home directory.
func DefaultEnv() Env {
	home, _ := os.UserHomeDir()
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Home: home}
}

// ExitError carries a remote command's exit status out of a command, so `shale ssh` exits
// with it.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// App is the state shared by the commands of one run: global flags, the loaded config and
// lazily opened chain handles.
type App struct {
	env Env

	configPath, rpcFlag, contractFlag, output string
	path                                      string // the config file, whether it exists or not
	creating                                  bool   // keys init: the config may not exist yet

	cfg     *Config
	backend Backend
	market  *contracts.Marketplace
	chainID *big.Int
}

func (a *App) json() bool { return a.output == "json" }

func (a *App) progress(format string, args ...interface{}) {
	fmt.Fprintf(a.env.Stderr, format+"\n", args...)
}

func (a *App) printJSON(v interface{}) error {
	enc := json.NewEncoder(a.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// config loads the config file once, with the global flags applied over it.
func (a *App) config() (*Config, error) {
	if a.cfg != nil {
		return a.cfg, nil
	}
	path := a.configPath
	explicit := (path != "" || a.env.Getenv("SHALE_CONFIG") != "") && !a.creating
	if path == "" {
		path = DefaultConfigPath(a.env.Getenv, a.env.Home)
	}
	c, err := LoadConfig(path, a.env.Home, explicit)
	if err != nil {
		return nil, err
	}
	a.path = path
	if a.rpcFlag != "" {
		c.RPC = a.rpcFlag
	}
	if a.contractFlag != "" {
		c.Contract = a.contractFlag
	}
	a.cfg = &c
	return a.cfg, nil
}

// configName is the config file's path for error messages, or how to make one.
func (a *App) configName() string {
	if a.path == "" {
		return "the config file"
	}
	if a.cfg != nil && a.cfg.Path == "" {
		return a.path + " (absent: `shale keys init` writes it)"
	}
	return a.path
}

// chain connects to the RPC endpoint and binds the marketplace.
func (a *App) chain(ctx context.Context) (*contracts.Marketplace, error) {
	if a.market != nil {
		return a.market, nil
	}
	c, err := a.config()
	if err != nil {
		return nil, err
	}
	if c.RPC == "" {
		return nil, errors.New("no chain RPC endpoint: set rpc in the config file or pass --rpc")
	}
	if !common.IsHexAddress(c.Contract) {
		return nil, fmt.Errorf("marketplace contract %q is not an address: set contract in the config file or pass --contract", c.Contract)
	}
	dial := a.env.Dial
	if dial == nil {
		dial = func(ctx context.Context, rpc string) (Backend, error) { return ethclient.DialContext(ctx, rpc) }
	}
	b, err := dial(ctx, c.RPC)
	if err != nil {
		return nil, fmt.Errorf("connecting to %s: %w; check rpc in %s (or --rpc) and that the node is up", c.RPC, err, a.configName())
	}
	id, err := b.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading chain id from %s: %w; rpc must be an Ethereum JSON-RPC endpoint (Lotus: http://host:1234/rpc/v1): check rpc in %s (or --rpc)", c.RPC, err, a.configName())
	}
	m, err := contracts.New(common.HexToAddress(c.Contract), b)
	if err != nil {
		return nil, err
	}
	a.backend, a.market, a.chainID = b, m, id
	return m, nil
}

// wallet decrypts the keystore with the password file into transaction options.
func (a *App) wallet(ctx context.Context) (*bind.TransactOpts, error) {
	c, err := a.config()
	if err != nil {
		return nil, err
	}
	if _, err := a.chain(ctx); err != nil {
		return nil, err
	}
	if _, err := os.Stat(c.Keystore); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no wallet at %s: create one with `shale keys init`", c.Keystore)
	}
	key, err := wallet.Load(c.Keystore, c.PasswordFile)
	if err != nil {
		return nil, fmt.Errorf("unlocking wallet %s: %w; password_file (%s) must hold that keystore's password", c.Keystore, err, c.PasswordFile)
	}
	opts, err := bind.NewKeyedTransactorWithChainID(key.PrivateKey, a.chainID)
	if err != nil {
		return nil, err
	}
	opts.Context = ctx
	return opts, nil
}

// address is the wallet's address without decrypting it: keystores name it in clear.
func (a *App) address() (common.Address, error) {
	c, err := a.config()
	if err != nil {
		return common.Address{}, err
	}
	js, err := os.ReadFile(c.Keystore)
	if err != nil {
		return common.Address{}, fmt.Errorf("reading wallet keystore (create one with `shale keys init`): %w", err)
	}
	var k struct {
		Address string `json:"address"`
	}
	if err := json.Unmarshal(js, &k); err != nil || !common.IsHexAddress(k.Address) {
		return common.Address{}, fmt.Errorf("wallet keystore %s names no address: point keystore in %s at a go-ethereum keystore file, or create one with `shale keys init`", c.Keystore, a.configName())
	}
	return common.HexToAddress(k.Address), nil
}

func (a *App) paymentKey() (*voucher.PrivateKey, error) {
	c, err := a.config()
	if err != nil {
		return nil, err
	}
	k, err := voucher.LoadKey(c.PaymentKey)
	if err != nil {
		return nil, fmt.Errorf("payment key (create one with `shale keys init`): %w", err)
	}
	return k, nil
}

func (a *App) sshSigner() (ssh.Signer, error) {
	c, err := a.config()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(c.SSHKey)
	if err != nil {
		return nil, fmt.Errorf("reading SSH key: %w; set ssh_key in %s to your private key (the one whose .pub the order authorizes)", err, a.configName())
	}
	s, err := ssh.ParsePrivateKey(b)
	if err != nil {
		return nil, fmt.Errorf("SSH key %s: %w; ssh_key must be an OpenSSH private key file without a passphrase", c.SSHKey, err)
	}
	return s, nil
}
