// Command shale-devnet sets up a development chain for Shale (the demo and e2e tests run it
// against `geth --dev`, built by scripts/geth.sh):
//
//	shale-devnet deploy   --rpc URL --keystore F --password-file F [--k 4] [--settle-window 1h] [--min-collateral 0.5fil] [--out deploy.json]
//	shale-devnet fund     --rpc URL --to 0xADDR --amount 100fil
//	shale-devnet keystore --out F --password-file F [--light-kdf]
//
// deploy deploys the committed settlement verifier and the marketplace and prints
// {"chain_id":…,"contract":"0x…","verifier":"0x…","block":N,"k":4}; fund pays from the node's
// unlocked developer account (eth_accounts[0]); keystore creates a fresh account.
package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"
	"time"

	"github.com/shaleprotocol/shale/internal/wallet"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/lease"
)

// verifierK is the batch size of the committed settlement verifier (src/SettlementVerifier.sol):
// a marketplace with another K could never settle against it.
const verifierK = 4

const usage = `usage:
  shale-devnet deploy   --rpc URL --keystore FILE --password-file FILE [--k 4] [--settle-window 1h] [--min-collateral 0.5fil] [--out FILE]
  shale-devnet fund     --rpc URL --to 0xADDR --amount 100fil
  shale-devnet keystore --out FILE --password-file FILE [--light-kdf]
`

func main() {
	ctx := context.Background()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the flag set has printed the command's usage
		}
		fmt.Fprintln(os.Stderr, "shale-devnet:", err)
		os.Exit(1)
	}
}

// run executes one command; it is main without the process around it, so tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("missing command (deploy, fund or keystore)")
	}
	switch args[0] {
	case "deploy":
		return deployCmd(ctx, args[1:], stdout, stderr)
	case "fund":
		return fundCmd(ctx, args[1:], stdout, stderr)
	case "keystore":
		return keystoreCmd(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q (deploy, fund or keystore)", args[0])
	}
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("shale-devnet "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args and rejects positional leftovers and missing required flags.
func parse(fs *flag.FlagSet, args []string, required map[string]*string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	for name, v := range required {
		if strings.TrimSpace(*v) == "" {
			return fmt.Errorf("%s: --%s is required", fs.Name(), name)
		}
	}
	return nil
}

// Deployment is what deploy prints and writes to --out.
type Deployment struct {
	ChainID  *big.Int       `json:"chain_id"`
	Contract common.Address `json:"contract"`
	Verifier common.Address `json:"verifier"`
	Block    uint64         `json:"block"` // the marketplace's deployment block: scan events from here
	K        uint64         `json:"k"`
}

func deployCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("deploy", stderr)
	rpcURL := fs.String("rpc", "", "chain JSON-RPC URL, e.g. http://127.0.0.1:8545")
	keyFile := fs.String("keystore", "", "deployer's keystore file (go-ethereum JSON)")
	pwFile := fs.String("password-file", "", "file holding the keystore's password")
	k := fs.Uint64("k", verifierK, "settlement batch size K (the committed verifier's K)")
	window := fs.String("settle-window", "1h", "how long after a lease ends its SP may settle (whole seconds)")
	minColl := fs.String("min-collateral", "0.5fil", "collateral an SP must post per accepted order")
	out := fs.String("out", "", "also write the deployment JSON to this file")
	if err := parse(fs, args, map[string]*string{"rpc": rpcURL, "keystore": keyFile, "password-file": pwFile}); err != nil {
		return err
	}
	if *k != verifierK {
		return fmt.Errorf("--k %d: the committed settlement verifier is built for K=%d", *k, verifierK)
	}
	settle, err := lease.ParseDuration(*window)
	if err != nil {
		return fmt.Errorf("--settle-window: %w", err)
	}
	if settle <= 0 || settle%time.Second != 0 {
		return fmt.Errorf("--settle-window %q: must be a positive whole number of seconds", *window)
	}
	collateral, err := lease.ParseAmount(*minColl)
	if err != nil {
		return fmt.Errorf("--min-collateral: %w", err)
	}
	key, err := loadKey(*keyFile, *pwFile)
	if err != nil {
		return err
	}
	client, chainID, err := dial(ctx, *rpcURL)
	if err != nil {
		return err
	}
	defer client.Close()
	opts, err := bind.NewKeyedTransactorWithChainID(key, chainID)
	if err != nil {
		return err
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	if bal, err := client.BalanceAt(ctx, from, nil); err != nil {
		return fmt.Errorf("balance of deployer %s: %w", from, err)
	} else if bal.Sign() == 0 {
		return fmt.Errorf("deployer %s has no funds (shale-devnet fund --rpc %s --to %s --amount 10fil)", from, *rpcURL, from)
	}
	verifier, _, err := contracts.DeployVerifier(ctx, client, opts)
	if err != nil {
		return err
	}
	m, rcpt, err := contracts.Deploy(ctx, client, opts, contracts.Config{
		BatchSize: *k, Verifier: verifier, SettleWindow: settle, MinCollateral: collateral,
	})
	if err != nil {
		return err
	}
	d := Deployment{ChainID: chainID, Contract: m.Address, Verifier: verifier, Block: rcpt.BlockNumber.Uint64(), K: *k}
	js, err := json.Marshal(d)
	if err != nil {
		return err
	}
	js = append(js, '\n')
	if *out != "" {
		if err := os.WriteFile(*out, js, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", *out, err)
		}
	}
	_, err = stdout.Write(js)
	return err
}

func fundCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fund", stderr)
	rpcURL := fs.String("rpc", "", "JSON-RPC URL of a `geth --dev` node")
	toText := fs.String("to", "", "address to fund (0x…)")
	amountText := fs.String("amount", "", "amount, e.g. 100fil, 0.5fil or 5attofil")
	if err := parse(fs, args, map[string]*string{"rpc": rpcURL, "to": toText, "amount": amountText}); err != nil {
		return err
	}
	if !common.IsHexAddress(*toText) {
		return fmt.Errorf("--to %q is not a 0x-prefixed 20-byte hex address", *toText)
	}
	to := common.HexToAddress(*toText)
	amount, err := lease.ParseAmount(*amountText)
	if err != nil {
		return fmt.Errorf("--amount: %w", err)
	}
	if amount.Sign() == 0 {
		return fmt.Errorf("--amount %q: must be positive", *amountText)
	}
	client, _, err := dial(ctx, *rpcURL)
	if err != nil {
		return err
	}
	defer client.Close()
	tctx, cancel := context.WithTimeout(ctx, contracts.DefaultTxTimeout)
	defer cancel()
	rcpt, err := sendFromDev(tctx, client, to, amount)
	if err != nil {
		return err
	}
	bal, err := client.BalanceAt(ctx, to, nil)
	if err != nil {
		return fmt.Errorf("balance of %s: %w", to, err)
	}
	fmt.Fprintf(stdout, "funded %s with %s attoFIL in tx %s (block %s); balance %s attoFIL\n",
		to, amount, rcpt.TxHash, rcpt.BlockNumber, bal)
	return nil
}

func keystoreCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("keystore", stderr)
	out := fs.String("out", "", "keystore file to create (must not exist)")
	pwFile := fs.String("password-file", "", "file holding the password to encrypt it with")
	light := fs.Bool("light-kdf", false, "cheap scrypt parameters (fast, for throwaway dev keys only)")
	if err := parse(fs, args, map[string]*string{"out": out, "password-file": pwFile}); err != nil {
		return err
	}
	pw, err := wallet.ReadPassword(*pwFile)
	if err != nil {
		return err
	}
	// Never overwrites an existing key, which may be the only copy of a funded account.
	key, err := wallet.Create(*out, pw, *light)
	if err != nil {
		return fmt.Errorf("creating keystore: %w", err)
	}
	fmt.Fprintln(stdout, key.Address.Hex())
	return nil
}

func loadKey(keyFile, pwFile string) (*ecdsa.PrivateKey, error) {
	key, err := wallet.Load(keyFile, pwFile)
	if err != nil {
		return nil, err
	}
	return key.PrivateKey, nil
}

// dial connects to the chain and proves it answers by reading its chain id (an HTTP dial
// alone never touches the network).
func dial(ctx context.Context, url string) (*ethclient.Client, *big.Int, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c, err := ethclient.DialContext(cctx, url)
	if err != nil {
		return nil, nil, fmt.Errorf("RPC %s: %w", url, err)
	}
	id, err := c.ChainID(cctx)
	if err != nil {
		c.Close()
		return nil, nil, fmt.Errorf("RPC %s unreachable or not an Ethereum JSON-RPC endpoint: %w", url, err)
	}
	return c, id, nil
}

// sendFromDev transfers amount from the node's first account (eth_accounts[0], unlocked by
// `geth --dev`) with eth_sendTransaction, so geth signs; it waits for a successful receipt.
func sendFromDev(ctx context.Context, c *ethclient.Client, to common.Address, amount *big.Int) (*types.Receipt, error) {
	var accounts []common.Address
	if err := c.Client().CallContext(ctx, &accounts, "eth_accounts"); err != nil {
		return nil, fmt.Errorf("eth_accounts: %w", err)
	}
	if len(accounts) == 0 {
		return nil, errors.New("the node has no unlocked account (eth_accounts is empty): fund needs a `geth --dev` node")
	}
	var hash common.Hash
	tx := map[string]any{"from": accounts[0], "to": to, "value": (*hexutil.Big)(amount)}
	if err := c.Client().CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		return nil, fmt.Errorf("eth_sendTransaction from %s: %w", accounts[0], err)
	}
	// Poll every 50 ms rather than bind.WaitMined's 1 s: a dev node mines within milliseconds.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		rcpt, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			if rcpt.Status != types.ReceiptStatusSuccessful {
				return rcpt, fmt.Errorf("transfer tx %s failed", hash)
			}
			return rcpt, nil
		}
		// Keep polling on any error, as bind.WaitMined does: besides NotFound, a node that
		// just started answers "transaction indexing is in progress" for a while.
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for transfer tx %s to be mined: %w (last: %v)", hash, ctx.Err(), err)
		case <-tick.C:
		}
	}
}
