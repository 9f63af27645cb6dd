package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// runCmd runs one shale-devnet command in-process and returns its stdout.
func runCmd(args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	if err != nil {
		err = fmt.Errorf("%w (stderr: %s)", err, stderr.String())
	}
	return stdout.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := runCmd(args...)
	if err != nil {
		t.Fatalf("shale-devnet %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// TestDevnet runs keystore, fund and deploy against a real `geth --dev`, the way the demo does.
func TestDevnet(t *testing.T) {
	t.Parallel()
	g := testsupport.StartGeth(t, testsupport.GethOptions{})
	ctx := context.Background()
	dir := t.TempDir()
	pw := filepath.Join(dir, "password")
	if err := os.WriteFile(pw, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "deployer.json")

	addrText := strings.TrimSpace(mustRun(t, "keystore", "--out", key, "--password-file", pw, "--light-kdf"))
	if !common.IsHexAddress(addrText) {
		t.Fatalf("keystore printed %q, want an address", addrText)
	}
	deployer := common.HexToAddress(addrText)
	if _, err := loadKey(key, pw); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd("keystore", "--out", key, "--password-file", pw, "--light-kdf"); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("keystore over an existing file: %v, want an error saying it exists", err)
	}

	// Deploying from an empty account fails up front with the fix.
	if _, err := runCmd("deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", pw); err == nil || !strings.Contains(err.Error(), "no funds") {
		t.Fatalf("deploy unfunded: %v, want a no-funds error", err)
	}

	mustRun(t, "fund", "--rpc", g.RPC, "--to", deployer.Hex(), "--amount", "100fil")
	if got, want := g.Balance(deployer), new(big.Int).Mul(testsupport.FIL, big.NewInt(100)); got.Cmp(want) != 0 {
		t.Fatalf("deployer balance %s, want %s", got, want)
	}
	other := testsupport.NewAccount(t).Addr
	mustRun(t, "fund", "--rpc", g.RPC, "--to", other.Hex(), "--amount", "5attofil")
	mustRun(t, "fund", "--rpc", g.RPC, "--to", other.Hex(), "--amount", "0.000000000000000002 FIL")
	if got := g.Balance(other); got.Cmp(big.NewInt(7)) != 0 {
		t.Fatalf("balance %s, want exactly 7 attoFIL", got)
	}

	outFile := filepath.Join(dir, "deploy.json")
	printed := mustRun(t, "deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", pw,
		"--settle-window", "2h", "--min-collateral", "0.25fil", "--out", outFile)
	written, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(written) != printed {
		t.Fatalf("--out holds %q, stdout %q", written, printed)
	}
	var d struct {
		ChainID  *big.Int       `json:"chain_id"`
		Contract common.Address `json:"contract"`
		Verifier common.Address `json:"verifier"`
		Block    uint64         `json:"block"`
		K        uint64         `json:"k"`
	}
	if err := json.Unmarshal(written, &d); err != nil {
		t.Fatalf("deployment JSON %s: %v", written, err)
	}
	if d.ChainID.Cmp(g.ChainID) != 0 || d.K != 4 {
		t.Fatalf("deployment %+v: want chain id %s, k 4", d, g.ChainID)
	}
	// The contract appears exactly at the reported block, so event scans can start there.
	for block, want := range map[uint64]bool{d.Block - 1: false, d.Block: true} {
		code, err := g.Client.CodeAt(ctx, d.Contract, new(big.Int).SetUint64(block))
		if err != nil {
			t.Fatal(err)
		}
		if (len(code) > 0) != want {
			t.Fatalf("code at block %d: %d bytes; deployment block %d", block, len(code), d.Block)
		}
	}
	m, err := contracts.New(d.Contract, g.Client)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := m.BatchSize(ctx); err != nil || k != 4 {
		t.Fatalf("BatchSize = %d, %v", k, err)
	}
	if w, err := m.SettleWindow(ctx); err != nil || w != 2*time.Hour {
		t.Fatalf("SettleWindow = %v, %v", w, err)
	}
	if c, err := m.MinCollateral(ctx); err != nil || c.Cmp(new(big.Int).Div(testsupport.FIL, big.NewInt(4))) != 0 {
		t.Fatalf("MinCollateral = %v, %v", c, err)
	}
	if code, err := g.Client.CodeAt(ctx, d.Verifier, nil); err != nil || len(code) == 0 {
		t.Fatalf("no verifier code at %s: %v", d.Verifier, err)
	}

	// Errors name the problem.
	dead := fmt.Sprintf("http://127.0.0.1:%d", testsupport.FreePort(t))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"fund", "--rpc", dead, "--to", other.Hex(), "--amount", "1fil"}, "unreachable"},
		{[]string{"deploy", "--rpc", dead, "--keystore", key, "--password-file", pw}, "unreachable"},
		{[]string{"fund", "--rpc", g.RPC, "--to", other.Hex(), "--amount", "10"}, "unit"},
		{[]string{"fund", "--rpc", g.RPC, "--to", other.Hex(), "--amount", "0fil"}, "positive"},
		{[]string{"fund", "--rpc", g.RPC, "--to", "0x1234", "--amount", "1fil"}, "address"},
		{[]string{"fund", "--rpc", g.RPC, "--to", other.Hex()}, "--amount is required"},
		{[]string{"deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", pw, "--k", "8"}, "K=4"},
		{[]string{"deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", pw, "--min-collateral", "1.5attofil"}, "whole number of attoFIL"},
		{[]string{"deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", pw, "--settle-window", "1.5s"}, "whole number of seconds"},
		{[]string{"deploy", "--rpc", g.RPC, "--keystore", key, "--password-file", key}, "cannot decrypt keystore"},
		{[]string{"launch"}, "unknown command"},
		{nil, "missing command"},
	} {
		if _, err := runCmd(c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("shale-devnet %s: %v, want an error containing %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}
