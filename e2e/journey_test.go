package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"
	"github.com/shaleprotocol/shale/leasejob"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// journey is the whole product on local real parts, driven only through the commands a
// provider and a client run: geth --dev, the contracts deployed by shale-devnet, a Nomad
// agent with the plugin holding Fashion-MNIST as deal data, shale-bridge, and the shale CLI.
type journey struct {
	t       *testing.T
	ctx     context.Context
	dir     string
	geth    *testsupport.Geth
	nomad   *testsupport.Nomad
	market  *contracts.Marketplace
	shale   string // the client CLI
	home    string // the client's HOME
	cfg     string // the client's config file
	cid     string
	spAddr  common.Address
	bridge  *exec.Cmd
	bridgeL string // bridge /healthz and /metrics address
}

// run executes a command, failing the test on a non-zero exit; it returns stdout.
func (j *journey) run(stdin string, name string, args ...string) string {
	j.t.Helper()
	out, errOut, code := j.try(stdin, name, args...)
	if code != 0 {
		j.t.Fatalf("%s %s: exit %d\nstdout:\n%s\nstderr:\n%s", filepath.Base(name), strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (j *journey) try(stdin string, name string, args ...string) (string, string, int) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "HOME="+j.home, "SHALE_CONFIG="+j.cfg)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		j.t.Fatalf("%s: %v", name, err)
	}
	j.t.Logf("$ %s %s\n%s%s", filepath.Base(name), strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String(), stderr.String(), code
}

func (j *journey) shaleJSON(into any, args ...string) {
	j.t.Helper()
	out := j.run("", j.shale, append(args, "-o", "json")...)
	if err := json.Unmarshal([]byte(out), into); err != nil {
		j.t.Fatalf("shale %s -o json: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// fil parses the CLI's exact "1.2 FIL" form.
func fil(t *testing.T, s string) *big.Int {
	t.Helper()
	a, err := lease.ParseAmount(strings.ReplaceAll(s, " FIL", "fil"))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// startProvider brings up the chain, the contracts, Nomad with the dataset, and the bridge.
func startProvider(t *testing.T) *journey {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	j := &journey{t: t, ctx: ctx, dir: t.TempDir()}
	j.home = filepath.Join(j.dir, "client-home")
	j.cfg = filepath.Join(j.home, ".config", "shale", "config.hcl")
	devnet := testsupport.GoBinary(t, "shale-devnet")
	bridgeBin := testsupport.GoBinary(t, "shale-bridge")
	j.shale = testsupport.GoBinary(t, "shale")

	j.geth = testsupport.StartGeth(t, testsupport.GethOptions{Period: 1})
	deployer := j.geth.FundedAccount(100)
	depKey, depPw := deployer.Keystore(t, j.dir, "deployer secret")
	deployJSON := filepath.Join(j.dir, "deploy.json")
	j.run("", devnet, "deploy", "--rpc", j.geth.RPC, "--keystore", depKey, "--password-file", depPw, "--out", deployJSON)
	var dep struct {
		Contract string `json:"contract"`
		Block    uint64 `json:"block"`
	}
	raw, err := os.ReadFile(deployJSON)
	if err != nil || json.Unmarshal(raw, &dep) != nil {
		t.Fatalf("deploy output %s: %v", raw, err)
	}
	j.market, err = contracts.New(common.HexToAddress(dep.Contract), j.geth.Client)
	if err != nil {
		t.Fatal(err)
	}

	// The provider's node: Fashion-MNIST imported as a deal (CAR store), as an operator does.
	carDir := filepath.Join(j.dir, "cars")
	j.cid = strings.TrimSpace(j.run("", testsupport.PluginBinary(t), "deals", "import", "-store", carDir, fashionMNIST))
	j.nomad = testsupport.StartNomad(t, testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carDir)})

	sp := j.geth.FundedAccount(100)
	j.spAddr = sp.Addr
	spKey, spPw := sp.Keystore(t, j.dir, "provider secret")
	j.bridgeL = fmt.Sprintf("127.0.0.1:%d", testsupport.FreePort(t))
	bridgeCfg := filepath.Join(j.dir, "shale-bridge.hcl")
	cfg := fmt.Sprintf(`
chain {
  rpc           = %q
  contract      = %q
  keystore      = %q
  password_file = %q
  confirmations = 1
  start_block   = %d
  poll_interval = "500ms"
}
nomad {
  address = %q
}
provider {
  miner_id = "f01946720"
}
policy {
  min_price    = "0.001fil/min"
  max_duration = "24h"
  images       = ["shale/*"]
}
settlement {
  max_wait = "2s"
}
state_dir = %q
listen    = %q
`, j.geth.RPC, dep.Contract, spKey, spPw, dep.Block, j.nomad.Addr, filepath.Join(j.dir, "bridge-state"), j.bridgeL)
	if err := os.WriteFile(bridgeCfg, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	testsupport.Eventually(t, time.Minute, "node fingerprints the dataset", func() error {
		node, _, err := j.nomad.API.Nodes().Info(j.nomad.NodeID, nil)
		if err != nil {
			return err
		}
		if node.Attributes[leasejob.DatasetAttr(j.cid)] != "true" {
			return fmt.Errorf("no dataset attribute yet")
		}
		return nil
	})
	j.run("", bridgeBin, "register", "-config", bridgeCfg)

	j.bridge = exec.Command(bridgeBin, "run", "-config", bridgeCfg)
	logFile, err := os.Create(filepath.Join(j.dir, "bridge.log"))
	if err != nil {
		t.Fatal(err)
	}
	j.bridge.Stdout, j.bridge.Stderr = logFile, logFile
	if err := j.bridge.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = j.bridge.Process.Signal(os.Interrupt)
		_ = j.bridge.Wait()
		logFile.Close()
		if t.Failed() {
			b, _ := os.ReadFile(logFile.Name())
			t.Logf("shale-bridge log:\n%s", b)
		}
	})
	testsupport.Eventually(t, time.Minute, "bridge healthy", func() error {
		resp, err := http.Get("http://" + j.bridgeL + "/healthz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	})
	return j
}

// newClient creates the client's keys and SSH key under its HOME and funds its wallet.
func (j *journey) newClient(fund int64) common.Address {
	j.t.Helper()
	sshDir := filepath.Join(j.home, ".ssh")
	if err := os.MkdirAll(sshDir, 0o700); err != nil {
		j.t.Fatal(err)
	}
	j.run("", "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f", filepath.Join(sshDir, "id_ed25519"))
	var keys struct {
		Address string `json:"address"`
	}
	j.shaleJSON(&keys, "keys", "init", "--light", "--rpc", j.geth.RPC, "--contract", j.market.Address.Hex())
	addr := common.HexToAddress(keys.Address)
	j.geth.Fund(addr, new(big.Int).Mul(testsupport.FIL, big.NewInt(fund)))
	return addr
}

// TestJourney is the README's demo as a test: the client finds the provider and its dataset,
// leases a container next to the data, trains a classifier on it over SSH while paying by the
// second, terminates early, and the provider's bridge settles with a proof for the time the
// lease ran, not the prepaid voucher; every balance is exact.
func TestJourney(t *testing.T) {
	j := startProvider(t)
	client := j.newClient(10)

	// 1. The provider and its dataset are on chain.
	var sps []struct {
		MinerID  string   `json:"miner_id"`
		Endpoint string   `json:"endpoint"`
		Datasets []string `json:"datasets"`
		Rating   string   `json:"rating"`
	}
	j.shaleJSON(&sps, "sps", "--dataset", j.cid)
	if len(sps) != 1 || sps[0].MinerID != "f01946720" || sps[0].Endpoint != j.nomad.GatewayAddr || !contains(sps[0].Datasets, j.cid) {
		t.Fatalf("shale sps --dataset %s = %+v", j.cid, sps)
	}

	// 2. Lease a CPU box next to the data.
	var rec struct {
		Lease    string `json:"lease"`
		State    string `json:"state"`
		Endpoint string `json:"endpoint"`
		Escrow   string `json:"escrow"`
	}
	j.shaleJSON(&rec, "lease", "apply", "--var", "dataset="+j.cid, "--var", "gpus=0", "--var", "cpus=1", "--var", "memory=1Gi",
		filepath.Join(testsupport.Root(t), "examples", "leases", "fashion-mnist.hcl"))
	if rec.State != "Running" || rec.Endpoint != j.nomad.GatewayAddr {
		t.Fatalf("lease apply = %+v", rec)
	}
	escrow := fil(t, rec.Escrow)
	if want := lease.MustParsePrice("0.01fil/min").Escrow(2 * time.Hour); escrow.Cmp(want) != 0 {
		t.Fatalf("escrow %s, want %s (price × duration)", escrow, want)
	}
	id, err := lease.ParseLeaseID(rec.Lease)
	if err != nil {
		t.Fatal(err)
	}

	// 3. Train on the mounted data over SSH, paying while connected.
	train, err := os.ReadFile(filepath.Join(testsupport.Root(t), "examples", "fashion-mnist", "train.py"))
	if err != nil {
		t.Fatal(err)
	}
	j.run(string(train), j.shale, "ssh", rec.Lease, "--", "cat > train.py")
	out := j.run("", j.shale, "ssh", rec.Lease, "--", "python3 train.py /data/fashion-mnist")
	m := regexp.MustCompile(`(?m)^test accuracy: ([0-9.]+)%$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no accuracy line in:\n%s", out)
	}
	if acc, _ := strconv.ParseFloat(m[1], 64); acc < 70 {
		t.Fatalf("test accuracy %s%%: the classifier did not learn", m[1])
	}
	// The mount is the provider's verified, read-only copy.
	if _, errOut, code := j.try("", j.shale, "ssh", rec.Lease, "--", "touch /data/fashion-mnist/x"); code == 0 || !strings.Contains(errOut, "Read-only file system") {
		t.Fatalf("writing into the deal data: exit %d, stderr %q; want a read-only refusal", code, errOut)
	}

	// An interactive session in a real terminal (tmux): the remote PTY follows the local size,
	// Ctrl-C interrupts the remote command and not the session.
	j.interactive(rec.Lease)

	// 4. Terminate early, at least a minute in: `shale terminate` ends the lease on chain first
	// (its end is now), then the gateway takes the signed terminate; the bridge collects the
	// final voucher, which the payer signed up to its 1-minute prepay ahead, and settles it with
	// a proof. The contract pays the time the lease ran on chain, not the voucher.
	running, err := j.market.Order(j.ctx, id.Order)
	if err != nil {
		t.Fatal(err)
	}
	testsupport.Eventually(t, 3*time.Minute, "a minute of lease time on chain", func() error {
		h, err := j.geth.Client.HeaderByNumber(j.ctx, nil)
		if err != nil {
			return err
		}
		if ran := time.Unix(int64(h.Time), 0).Sub(running.StartedAt); ran < 61*time.Second {
			return fmt.Errorf("ran %s", ran)
		}
		return nil
	})
	j.run("", j.shale, "terminate", rec.Lease)
	var settled contracts.Order
	testsupport.Eventually(t, 3*time.Minute, "settlement on chain", func() error {
		o, err := j.market.Order(j.ctx, id.Order)
		if err != nil {
			return err
		}
		if o.State != contracts.StateSettled {
			return fmt.Errorf("order %s", o.State)
		}
		settled = o
		return nil
	})
	if settled.Paid.Sign() <= 0 || settled.Paid.Cmp(escrow) >= 0 {
		t.Fatalf("paid %s of escrow %s", settled.Paid, escrow)
	}
	if n := settleEvents(t, j, id.Order); n != 1 {
		t.Fatalf("%d OrderSettled events, want 1", n)
	}
	// Exactly the time used at the order's price, rounded up: ceil(price × (end − start) / period).
	ran := settled.EndTime.Unix() - settled.StartedAt.Unix()
	if ran < 60 || settled.EndTime.After(settled.StartedAt.Add(2*time.Hour-time.Second)) {
		t.Fatalf("lease ran %d s on chain (started %v, ended %v): not an early terminate after a minute", ran, settled.StartedAt, settled.EndTime)
	}
	period := new(big.Int).SetUint64(settled.PricePeriod)
	used := new(big.Int).Mul(settled.PriceAmount, big.NewInt(ran))
	used.Add(used, period).Sub(used, big.NewInt(1)).Quo(used, period)
	if settled.Paid.Cmp(used) != 0 {
		t.Fatalf("paid %s for %d s at %s attoFIL/%d s, want %s", settled.Paid, ran, settled.PriceAmount, settled.PricePeriod, used)
	}
	// The bridge's own record: the voucher it settled ran ahead of the time used, and what was
	// paid is the time used.
	var bridged struct {
		State  string `json:"state"`
		Amount string `json:"amount"`
		Paid   string `json:"paid"`
	}
	testsupport.Eventually(t, time.Minute, "the bridge records the settlement", func() error {
		var orders []struct {
			ID     string `json:"id"`
			State  string `json:"state"`
			Amount string `json:"amount"`
			Paid   string `json:"paid"`
		}
		resp, err := http.Get("http://" + j.bridgeL + "/v1/orders")
		if err != nil {
			return err
		}
		err = json.NewDecoder(resp.Body).Decode(&orders)
		resp.Body.Close()
		if err != nil {
			return err
		}
		for _, o := range orders {
			if o.ID == fmt.Sprintf("0x%x", id.Order) && o.State == "settled" {
				bridged.State, bridged.Amount, bridged.Paid = o.State, o.Amount, o.Paid
				return nil
			}
		}
		return fmt.Errorf("order 0x%x not settled in the bridge's records: %+v", id.Order, orders)
	})
	if bridged.Paid == "" || fil(t, bridged.Paid).Cmp(used) != 0 {
		t.Fatalf("bridge records paid %q, want %s attoFIL", bridged.Paid, used)
	}
	if bridged.Amount == "" || fil(t, bridged.Amount).Cmp(used) <= 0 {
		t.Fatalf("final voucher %q did not run ahead of the time used (%s attoFIL): the prepaid window was not exercised", bridged.Amount, used)
	}
	t.Logf("ran %d s: final voucher %s, paid %s", ran, bridged.Amount, bridged.Paid)

	// 5. Balances, exactly: the client is credited escrow − paid, the provider paid + collateral.
	var bal struct {
		Withdrawable        string `json:"withdrawable"`
		WithdrawableAttoFIL string `json:"withdrawable_attofil"`
	}
	j.shaleJSON(&bal, "balance")
	if want := new(big.Int).Sub(escrow, settled.Paid); bal.WithdrawableAttoFIL != want.String() {
		t.Fatalf("client withdrawable %s attoFIL, want escrow − paid = %s", bal.WithdrawableAttoFIL, want)
	}
	spCredit, err := j.market.Balance(j.ctx, j.spAddr)
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(settled.Paid, settled.Collateral); spCredit.Cmp(want) != 0 {
		t.Fatalf("provider credit %s, want paid + collateral = %s", spCredit, want)
	}
	var leases []struct {
		Lease, State, Paid, Refund string
	}
	j.shaleJSON(&leases, "leases")
	if len(leases) != 1 || leases[0].State != "Settled" || fil(t, leases[0].Paid).Cmp(settled.Paid) != 0 {
		t.Fatalf("shale leases = %+v (paid on chain %s)", leases, settled.Paid)
	}

	// 6. Rate the provider; withdraw the refund.
	j.run("", j.shale, "rate", rec.Lease, "5")
	j.shaleJSON(&sps, "sps")
	if len(sps) != 1 || sps[0].Rating != "5.00 (1)" {
		t.Fatalf("rating after rate 5: %+v", sps)
	}
	before := j.geth.Balance(client)
	j.run("", j.shale, "withdraw")
	if after := j.geth.Balance(client); after.Cmp(before) <= 0 {
		t.Fatalf("wallet %s → %s after withdrawing %s", before, after, bal.Withdrawable)
	}
	if credit, _ := j.market.Balance(j.ctx, client); credit.Sign() != 0 {
		t.Fatalf("credit %s left after withdraw", credit)
	}
}

func settleEvents(t *testing.T, j *journey, id [32]byte) int {
	t.Helper()
	evs, err := j.market.Events(j.ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		if v, ok := ev.Value.(*bindings.MarketplaceOrderSettled); ok && v.OrderId == id {
			n++
		}
	}
	return n
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// interactive drives `shale ssh LEASE` in a tmux pane as a person at a terminal would.
func (j *journey) interactive(leaseID string) {
	t := j.t
	t.Helper()
	sock := filepath.Join(j.dir, "tmux.sock")
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	cmd := fmt.Sprintf("env HOME=%q SHALE_CONFIG=%q %q ssh %s", j.home, j.cfg, j.shale, leaseID)
	tmux("-f", "/dev/null", "new-session", "-d", "-s", "lease", "-x", "100", "-y", "30", cmd)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tmux("set-option", "-t", "lease", "status", "off")
	pane := func() string { return tmux("capture-pane", "-p", "-t", "lease") }
	expect := func(what string, re *regexp.Regexp) {
		t.Helper()
		testsupport.Eventually(t, time.Minute, what, func() error {
			if p := pane(); !re.MatchString(p) {
				return fmt.Errorf("pane:\n%s", p)
			}
			return nil
		})
	}
	expect("a shell prompt", regexp.MustCompile(`(?m)[#$] *$`))
	tmux("send-keys", "-t", "lease", "stty size", "Enter")
	expect("the initial size", regexp.MustCompile(`(?m)^30 100\s*$`))

	tmux("resize-window", "-t", "lease", "-x", "120", "-y", "40")
	tmux("send-keys", "-t", "lease", "clear; stty size", "Enter")
	expect("the new size", regexp.MustCompile(`(?m)^40 120\s*$`))

	tmux("send-keys", "-t", "lease", "clear; sleep 600; echo sleep-ended-$?", "Enter")
	testsupport.Eventually(t, time.Minute, "sleep running in the container", func() error {
		out, _, _ := j.try("", j.shale, "ssh", leaseID, "--", "grep -lx sleep /proc/[0-9]*/comm")
		if strings.TrimSpace(out) == "" {
			return fmt.Errorf("no sleep process")
		}
		return nil
	})
	tmux("send-keys", "-t", "lease", "C-c")
	expect("Ctrl-C interrupts the remote command", regexp.MustCompile(`\^C`))
	tmux("send-keys", "-t", "lease", "clear; echo still-here-$((40+2))", "Enter")
	expect("the session survives Ctrl-C", regexp.MustCompile(`(?m)^still-here-42\s*$`))
	if strings.Contains(pane(), "sleep-ended-0") {
		t.Fatal("sleep finished normally: Ctrl-C did not reach it")
	}
	tmux("send-keys", "-t", "lease", "exit", "Enter")
	testsupport.Eventually(t, time.Minute, "shale ssh exits with the shell", func() error {
		if err := exec.Command("tmux", "-S", sock, "has-session", "-t", "lease").Run(); err == nil {
			return fmt.Errorf("session still open")
		}
		return nil
	})
}
