package provider

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"

	"github.com/shaleprotocol/shale/internal/wallet"
	"github.com/shaleprotocol/shale/lease"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/prover"
)

// chainBackend is what the commands need from a chain client: the marketplace's backend and
// the chain id. *ethclient.Client and the simulated chain's client both satisfy it, so tests
// inject the simulated chain where the binary dials chain.rpc.
type chainBackend interface {
	bridge.ChainBackend
}

// loadKey decrypts the provider's keystore. Neither the key nor the password ever appears in
// a log line or an error: errors name the files only.
func loadKey(cfg *Config) (*ecdsa.PrivateKey, common.Address, error) {
	if err := cfg.checkPasswordFile(); err != nil {
		return nil, common.Address{}, err
	}
	key, err := wallet.Load(cfg.Keystore, cfg.PasswordFile)
	if err != nil {
		return nil, common.Address{}, cfg.errorAt("chain.keystore", "%v", err)
	}
	return key.PrivateKey, key.Address, nil
}

// dial connects to chain.rpc and reads the chain id, which proves the endpoint answers (an
// HTTP dial alone never touches the network).
func dial(ctx context.Context, cfg *Config) (*ethclient.Client, error) {
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c, err := ethclient.DialContext(cctx, cfg.RPC)
	if err != nil {
		return nil, fmt.Errorf("dialing %s: %w", cfg.RPC, err)
	}
	if _, err := c.ChainID(cctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("chain at %s does not answer: %w", cfg.RPC, err)
	}
	return c, nil
}

// marketplace binds the configured contract after checking it has code, which catches a
// wrong address or an RPC pointing at another chain before anything is sent.
func marketplace(ctx context.Context, cfg *Config, backend chainBackend) (*contracts.Marketplace, *big.Int, error) {
	chainID, err := backend.ChainID(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reading chain id from %s: %w", cfg.RPC, err)
	}
	if cfg.ChainID != 0 && chainID.Cmp(new(big.Int).SetUint64(cfg.ChainID)) != 0 {
		return nil, nil, cfg.errorAt("chain.chain_id", "%s serves chain %s, not chain %d", cfg.RPC, chainID, cfg.ChainID)
	}
	code, err := backend.CodeAt(ctx, cfg.Contract, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("reading code at %s: %w", cfg.Contract, err)
	}
	if len(code) == 0 {
		return nil, nil, cfg.errorAt("chain.contract", "no contract at %s on chain %s (wrong address, or chain.rpc points at another chain?)", cfg.Contract.Hex(), chainID)
	}
	m, err := contracts.New(cfg.Contract, backend)
	if err != nil {
		return nil, nil, err
	}
	return m, chainID, nil
}

// provider reads addr's registry record; an unregistered address is a zero record, not an
// error, since register and run each have their own answer to it.
func provider(ctx context.Context, m *contracts.Marketplace, addr common.Address) (contracts.Provider, error) {
	p, err := m.Provider(ctx, addr)
	if errors.Is(err, contracts.ErrNotRegistered) {
		return contracts.Provider{}, nil
	}
	return p, err
}

// collateral is what the provider posts per accepted order: the configured amount, or the
// marketplace's minimum when none is configured; less than the minimum is a config error.
func collateral(ctx context.Context, cfg *Config, m *contracts.Marketplace) (*big.Int, error) {
	minColl, err := m.MinCollateral(ctx)
	if err != nil {
		return nil, err
	}
	c := cfg.Collateral
	if c == nil {
		c = minColl
	}
	if c.Cmp(minColl) < 0 {
		return nil, cfg.errorAt("policy.collateral", "collateral %s is below the marketplace's minimum %s", lease.FormatFIL(c), lease.FormatFIL(minColl))
	}
	return c, nil
}

// errForeignKeys means the prover's keys are not the ones the marketplace's verifier checks
// proofs against: every settlement would revert.
var errForeignKeys = errors.New("prover keys do not match the marketplace's verifier")

// vkConstant is one verifying-key constant in gnark's exported Solidity verifier.
var vkConstant = regexp.MustCompile(`uint256 constant ((?:ALPHA|BETA|GAMMA|DELTA|PEDERSEN|CONSTANT|PUB)_[A-Z0-9_]+) = ([0-9]+);`)

// checkVerifier compares the verifying key with the marketplace's deployed verifier: gnark's
// verifier carries each verifying-key point as a code constant (solc pushes it verbatim), so
// keys from another setup or for another K leave constants missing. It costs one code read
// where a test proof would cost a proving run.
func checkVerifier(ctx context.Context, backend chainBackend, contract common.Address, pr *prover.Prover) error {
	caller, err := bindings.NewMarketplaceCaller(contract, backend)
	if err != nil {
		return err
	}
	addr, err := caller.Verifier(&bind.CallOpts{Context: ctx})
	if err != nil {
		return fmt.Errorf("reading the marketplace's verifier address: %w", err)
	}
	code, err := backend.CodeAt(ctx, addr, nil)
	if err != nil {
		return fmt.Errorf("reading the verifier's code at %s: %w", addr.Hex(), err)
	}
	if err := matchVerifierCode(code, pr); err != nil {
		return fmt.Errorf("verifier %s: %w", addr.Hex(), err)
	}
	return nil
}

// matchVerifierCode checks that every verifying-key constant is in the verifier's code.
func matchVerifierCode(code []byte, pr *prover.Prover) error {
	var sol bytes.Buffer
	if err := pr.ExportSolidity(&sol); err != nil {
		return err
	}
	consts := vkConstant.FindAllStringSubmatch(sol.String(), -1)
	if len(consts) == 0 {
		return errors.New("checking the verifier: no verifying-key constants in gnark's exported verifier (template changed?)")
	}
	for _, c := range consts {
		v, ok := new(big.Int).SetString(c[2], 10)
		if !ok {
			return fmt.Errorf("checking the verifier: constant %s = %q", c[1], c[2])
		}
		if !bytes.Contains(code, v.Bytes()) {
			return fmt.Errorf("%w: its code lacks the verifying key's %s (keys from another setup or for another K; use the keys the verifier was exported from)",
				errForeignKeys, c[1])
		}
	}
	return nil
}
