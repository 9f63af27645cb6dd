package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

var fil = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// TestBinary runs the built `shale` binary as a person would, against a chain it reaches
// only through its JSON-RPC URL, and OpenSSH through `shale proxy` as ProxyCommand.
func TestBinary(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "shale")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	rpcURL, ec, deployer := httpChain(t)
	market := deploy(ctx, t, ec, deployer)
	cfg := filepath.Join(dir, "home", "config.hcl")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	sshKey := testsupport.SSHKeyFile(t, 2)
	if err := os.WriteFile(sshKey+".pub", []byte(testsupport.SSHKey(t, 2, "me")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf("rpc = %q\ncontract = %q\nssh_key = %q\n", rpcURL, market.Address.Hex(), sshKey)), 0o600); err != nil {
		t.Fatal(err)
	}
	shale := func(args ...string) (string, string, int) {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = append(os.Environ(), "SHALE_CONFIG="+cfg, "HOME="+dir)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}
	must := func(args ...string) string {
		t.Helper()
		out, errOut, code := shale(args...)
		if code != 0 {
			t.Fatalf("shale %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
		}
		return out
	}

	var keys struct{ Address string }
	if err := json.Unmarshal([]byte(must("keys", "init", "--light", "-o", "json")), &keys); err != nil {
		t.Fatal(err)
	}
	send(ctx, t, ec, deployer, common.HexToAddress(keys.Address), new(big.Int).Mul(fil, big.NewInt(5)))
	if out := must("balance"); !strings.Contains(out, "wallet        5 FIL\n") {
		t.Errorf("balance:\n%s", out)
	}

	// The test plays the provider: a registered gateway in front of a container.
	gw := sptest.StartGateway(t)
	sp := fund(ctx, t, ec, deployer)
	if _, err := market.RegisterProvider(ctx, sp, "f01000", gw.Addr().String(), sha256.Sum256(gw.HostKey().Marshal()), ""); err != nil {
		t.Fatal(err)
	}
	// --no-pay: the vouchers below must come from the proxy, then from `pay --background`.
	// A short prepay: the client meters its own time, so the background payer below sends a
	// voucher only once the proxy's prepaid window runs out.
	id := strings.TrimSpace(must("give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image="+testsupport.BusyboxImage, "--prepay=10s", "--no-wait", "--no-pay"))
	lid, err := lease.ParseLeaseID(id)
	if err != nil {
		t.Fatalf("give-me-container printed %q: %v", id, err)
	}
	startLease(ctx, t, market, sp, gw, lid)

	if out, _, code := shale("ssh", id, "--", "echo hi; exit 7"); code != 7 || out != "hi\n" {
		t.Errorf("shale ssh: exit %d, stdout %q", code, out)
	}
	sshConfig := filepath.Join(dir, "ssh_config")
	if err := os.WriteFile(sshConfig, []byte(must("ssh-config")), 0o600); err != nil {
		t.Fatal(err)
	}
	host := fmt.Sprintf("shale-%x", lid.Order[:4])
	cmd := exec.CommandContext(ctx, "ssh", "-F", sshConfig, "-o", "BatchMode=yes", "-o", "IdentityAgent=none",
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", host, "echo through ProxyCommand")
	cmd.Env = append(os.Environ(), "SHALE_CONFIG="+cfg, "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil || string(out) != "through ProxyCommand\n" {
		t.Errorf("openssh via shale proxy: %v\n%s", err, out)
	}
	testsupport.Eventually(t, time.Minute, "a voucher paid by shale proxy", func() error {
		if gw.LastVoucher(lid) == nil {
			return fmt.Errorf("none")
		}
		return nil
	})

	// A detached payer outlives the command that started it and stops when the lease ends.
	before := gw.LastVoucher(lid).Seq
	pid, err := strconv.Atoi(strings.TrimSpace(must("pay", "--background", id)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	logPath := filepath.Join(dir, "home", "pay-"+id+".log")
	// Its first voucher, not its log line, shows it connected: the terminate below must reach
	// a connected payer.
	testsupport.Eventually(t, time.Minute, "a voucher from the background payer", func() error {
		if v := gw.LastVoucher(lid); v.Seq == before {
			b, _ := os.ReadFile(logPath)
			return fmt.Errorf("none yet; its log %q", b)
		}
		return nil
	})
	if out := must("terminate", id); !strings.Contains(out, "lease "+id+" terminated; paid ") {
		t.Errorf("terminate: %s", out)
	}
	testsupport.Eventually(t, time.Minute, "the background payer to exit", func() error {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if f := strings.Fields(string(b)); len(f) > 2 && f[2] != "Z" {
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("pid %d state %s; its log:\n%s", pid, f[2], log)
		}
		return nil
	})
	if b, _ := os.ReadFile(logPath); !strings.Contains(string(b), "lease ended") {
		t.Errorf("payer log:\n%s", b)
	}
	if _, errOut, code := shale("ssh", id, "--", "true"); code != 1 || errOut != "shale: lease ended: "+id+" is Terminated on chain\n" {
		t.Errorf("ssh after terminate: exit %d, %q", code, errOut)
	}
}

// httpChain is a simulated chain served over HTTP JSON-RPC, mining every 100 ms so
// transactions sent by another process get mined.
func httpChain(t *testing.T) (string, *ethclient.Client, *bind.TransactOpts) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	port := testsupport.FreePort(t)
	sim := simulated.NewBackend(types.GenesisAlloc{addr: {Balance: new(big.Int).Mul(fil, big.NewInt(1_000_000))}},
		func(nc *node.Config, _ *ethconfig.Config) {
			nc.HTTPHost, nc.HTTPPort, nc.HTTPModules = "127.0.0.1", port, []string{"eth", "net", "web3"}
		})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				sim.Commit()
			case <-stop:
				return
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		wg.Wait()
		_ = sim.Close()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	ec, err := ethclient.Dial(url)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := bind.NewKeyedTransactorWithChainID(key, big.NewInt(1337))
	if err != nil {
		t.Fatal(err)
	}
	return url, ec, opts
}

func deploy(ctx context.Context, t *testing.T, ec *ethclient.Client, opts *bind.TransactOpts) *contracts.Marketplace {
	verifier, _, err := contracts.DeployVerifier(ctx, ec, opts)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := contracts.Deploy(ctx, ec, opts, contracts.Config{
		BatchSize: 4, Verifier: verifier, SettleWindow: time.Hour, MinCollateral: new(big.Int).Div(fil, big.NewInt(2)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// send moves amount attoFIL from opts' account to addr and waits until it is mined.
func send(ctx context.Context, t *testing.T, ec *ethclient.Client, from *bind.TransactOpts, to common.Address, amount *big.Int) {
	t.Helper()
	nonce, err := ec.PendingNonceAt(ctx, from.From)
	if err != nil {
		t.Fatal(err)
	}
	price, err := ec.SuggestGasPrice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := from.Signer(from.From, types.NewTx(&types.LegacyTx{Nonce: nonce, GasPrice: price, Gas: 21000, To: &to, Value: amount}))
	if err != nil {
		t.Fatal(err)
	}
	if err := ec.SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, ec, tx); err != nil {
		t.Fatal(err)
	}
}

func fund(ctx context.Context, t *testing.T, ec *ethclient.Client, from *bind.TransactOpts) *bind.TransactOpts {
	key, _ := crypto.GenerateKey()
	opts, err := bind.NewKeyedTransactorWithChainID(key, big.NewInt(1337))
	if err != nil {
		t.Fatal(err)
	}
	send(ctx, t, ec, from, opts.From, new(big.Int).Mul(fil, big.NewInt(100)))
	return opts
}

// startLease serves the order the client just created, as the bridge and driver would.
func startLease(ctx context.Context, t *testing.T, m *contracts.Marketplace, sp *bind.TransactOpts, gw *gateway.Server, id lease.LeaseID) {
	t.Helper()
	evs, err := m.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if v, ok := e.Value.(*bindings.MarketplaceOrderCreated); ok && v.OrderId == id.Order {
			sptest.Serve(ctx, t, m, sp, gw, id.ChainID, v)
			return
		}
	}
	t.Fatal("no OrderCreated event")
}
