package main

import (
	"archive/zip"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/sptest"
	"github.com/shaleprotocol/shale/lease"
)

// TestSeedCommand types the seed CLI's own order command into a shell, as its users do (the
// shell leaves "~" alone in --ssh_pubkey=~/...), with CIDs of imported datasets, against a
// chain reached over JSON-RPC. The provider cannot serve that order and refuses it; the same
// command with resources it can serve is accepted, and the lease is kept paid by the
// background payer the order starts, after the command has returned.
func TestSeedCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := buildShale(ctx, t, dir)
	rpcURL, ec, deployer := httpChain(t)
	market := deploy(ctx, t, ec, deployer)

	// A seed user's machine: an RSA key pair in ~/.ssh, the config in its default place.
	home := filepath.Join(dir, "home")
	pub := writeRSAKey(t, filepath.Join(home, ".ssh"))
	cfgDir := filepath.Join(home, ".config", "shale")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.hcl"),
		[]byte(fmt.Sprintf("rpc = %q\ncontract = %q\nssh_key = \"~/.ssh/id_rsa\"\n", rpcURL, market.Address.Hex())), 0o600); err != nil {
		t.Fatal(err)
	}
	shell := func(line string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, "sh", "-c", line)
		cmd.Env = append(os.Environ(), "HOME="+home, "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"))
		return cmd
	}
	must := func(line string) string {
		t.Helper()
		out, err := shell(line).Output()
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		return string(out)
	}
	var keys struct{ Address string }
	if err := json.Unmarshal([]byte(must("shale keys init --light -o json")), &keys); err != nil {
		t.Fatal(err)
	}
	send(ctx, t, ec, deployer, common.HexToAddress(keys.Address), new(big.Int).Mul(fil, big.NewInt(5)))

	// The provider: two datasets imported as `shale-driver deals import` does, announced on
	// chain, a gateway, and room for one small CPU lease of a shale/ image.
	cid1, cid2 := importZip(t, dir, "mnist.zip"), importZip(t, dir, "cifar-100.zip")
	gw := sptest.StartGateway(t)
	sp := fund(ctx, t, ec, deployer)
	const miner = "f01946720"
	if _, err := market.RegisterProvider(ctx, sp, miner, gw.Addr().String(), sha256.Sum256(gw.HostKey().Marshal()), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := market.AnnounceDatasets(ctx, sp, cid1, cid2); err != nil {
		t.Fatal(err)
	}
	offer := sptest.Offer{Images: []string{"shale/*"}, CPU: 2000, Memory: 4 << 30, Datasets: []string{cid1, cid2}}

	// order runs one command line while the test provider answers the order it creates.
	order := func(n int, line string, answer func(*bindings.MarketplaceOrderCreated, lease.Spec)) (stdout, stderr string, code int) {
		t.Helper()
		cmd := shell(line)
		var out, errb testsupport.SyncBuffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ev := nthOrder(ctx, t, market, n, errb.String)
		spec, err := client.LeaseOrder(ev).Spec()
		if err != nil {
			t.Fatal(err)
		}
		answer(ev, spec)
		err = cmd.Wait()
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}

	seed := "shale give-me-container --miner=f01946720 --price=0.01fil/min --num_cpus=10 --num_rams=12Gi --num_gpus=1 " +
		"--bandwidth=1Mi --image=cuda-ubuntu18.04 --mnt=" + cid1 + ":/mnt/mnist.zip --mnt=" + cid2 + ":/mnt/cifar-100.zip " +
		"--ssh_pubkey=~/.ssh/id_rsa.pub"
	var refused [32]byte
	out, errOut, code := order(0, seed, func(ev *bindings.MarketplaceOrderCreated, spec lease.Spec) {
		want := lease.Spec{
			Provider: miner, Image: "cuda-ubuntu18.04", Resources: lease.Resources{CPU: 10000, Memory: 12 << 30, GPUs: 1},
			Bandwidth: 1 << 20, Mounts: []lease.Mount{{CID: cid1, Path: "/mnt/mnist.zip"}, {CID: cid2, Path: "/mnt/cifar-100.zip"}},
			SSHKeys: []string{pub}, Price: lease.MustParsePrice("0.01fil/min"),
			Duration: lease.DefaultDuration, Prepay: lease.DefaultPrepay, Grace: lease.DefaultGrace,
		}
		if d := cmp.Diff(want, spec); d != "" {
			t.Errorf("the order carries another spec (-want +got):\n%s", d)
		}
		refused = ev.OrderId
		reason := offer.Refusal(spec)
		if _, err := market.RejectOrder(ctx, sp, ev.OrderId, reason); err != nil {
			t.Fatal(err)
		}
	})
	wantErr := fmt.Sprintf("order 0x%x created, escrow 0.6 FIL\n"+
		"shale: order rejected by f01946720: image \"cuda-ubuntu18.04\" is not offered by this provider; "+
		"escrow refunded (0.6 FIL, withdraw it with `shale withdraw`)\n", refused)
	if code != 1 || out != "" || errOut != wantErr {
		t.Errorf("refused order: exit %d, stdout %q, stderr\n%s\nwant\n%s", code, out, errOut, wantErr)
	}

	// The same command with what the provider offers.
	served := strings.NewReplacer("--num_cpus=10", "--num_cpus=1", "--num_rams=12Gi", "--num_rams=1Gi", "--num_gpus=1", "--num_gpus=0",
		"--image=cuda-ubuntu18.04", "--image="+testsupport.BusyboxImage).Replace(seed)
	var id lease.LeaseID
	out, errOut, code = order(1, served, func(ev *bindings.MarketplaceOrderCreated, spec lease.Spec) {
		if reason := offer.Refusal(spec); reason != "" {
			t.Fatalf("the provider refuses the served command: %s", reason)
		}
		id = sptest.Serve(ctx, t, market, sp, gw, 1337, ev)
	})
	lid := id.String()
	logPath := filepath.Join(cfgDir, "pay-"+lid+".log")
	m := regexp.MustCompile(`^` + regexp.QuoteMeta(fmt.Sprintf("order 0x%x created, escrow 0.6 FIL\naccepted by f01946720\nlease running at %s\n", id.Order, gw.Addr())) +
		`paying for lease ` + regexp.QuoteMeta(lid) + ` in the background \(pid (\d+), log ` + regexp.QuoteMeta(logPath) +
		`\): the lease stays up while you are away, until it expires or ` + regexp.QuoteMeta("`shale terminate "+lid+"`") + "\n$").FindStringSubmatch(errOut)
	if code != 0 || out != lid+"\n" || m == nil {
		t.Fatalf("accepted order: exit %d, stdout %q, stderr\n%s", code, out, errOut)
	}
	pid, _ := strconv.Atoi(m[1])
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })

	// Nobody is connected: the vouchers come from the payer the finished command left behind.
	testsupport.Eventually(t, time.Minute, "a voucher from the background payer", func() error {
		if gw.LastVoucher(id) == nil {
			return fmt.Errorf("none yet")
		}
		return nil
	})
	if out := must("shale leases"); !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Running\s.*\srunning \(pid ` + m[1] + `\)\n`).MatchString(out) {
		t.Errorf("leases:\n%s", out)
	}
	var recs []client.LeaseRecord
	if err := json.Unmarshal([]byte(must("shale leases -o json")), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[1].Lease != lid || recs[1].Payer != "running" || recs[1].PayerPID != pid || recs[1].Provider != sp.From.Hex() ||
		recs[0].State != "Rejected" || recs[0].Payer != "" {
		t.Errorf("leases -o json: %+v", recs)
	}

	if out := must("shale terminate " + lid); !strings.HasPrefix(out, "lease "+lid+" terminated; paid ") {
		t.Errorf("terminate: %s", out)
	}
	testsupport.Eventually(t, time.Minute, "the payer to exit", func() error {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if f := strings.Fields(string(b)); len(f) > 2 && f[2] != "Z" {
			return fmt.Errorf("pid %d state %s", pid, f[2])
		}
		return nil
	})
	// Ended on chain by the terminate: no payer is shown, running or not.
	if out := must("shale leases"); !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Terminated\s.*\s-\n`).MatchString(out) {
		t.Errorf("leases after the payer ended:\n%s", out)
	}
	if b, _ := os.ReadFile(logPath); !strings.Contains(string(b), "lease ended") {
		t.Errorf("payer log:\n%s", b)
	}

	// With --no-wait the payer starts at once and waits for the provider to start the lease.
	var ev *bindings.MarketplaceOrderCreated
	out, errOut, code = order(2, served+" --no-wait", func(e *bindings.MarketplaceOrderCreated, _ lease.Spec) { ev = e })
	id = lease.LeaseID{ChainID: 1337, Order: ev.OrderId}
	lid = id.String()
	m = regexp.MustCompile(`^` + regexp.QuoteMeta(fmt.Sprintf("order 0x%x created, escrow 0.6 FIL\n", id.Order)) +
		`paying for lease ` + regexp.QuoteMeta(lid) + ` in the background once it runs \(pid (\d+), log ` + regexp.QuoteMeta(filepath.Join(cfgDir, "pay-"+lid+".log")) +
		`\): the lease stays up while you are away, until it expires or ` + regexp.QuoteMeta("`shale terminate "+lid+"`") + "\n$").FindStringSubmatch(errOut)
	if code != 0 || out != lid+"\n" || m == nil {
		t.Fatalf("--no-wait order: exit %d, stdout %q, stderr\n%s", code, out, errOut)
	}
	pid, _ = strconv.Atoi(m[1])
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	if out := must("shale leases"); !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Created\s.*\srunning \(pid ` + m[1] + `\)\n`).MatchString(out) {
		t.Errorf("leases before the lease started:\n%s", out)
	}
	sptest.Serve(ctx, t, market, sp, gw, 1337, ev)
	testsupport.Eventually(t, time.Minute, "a voucher from the payer that waited", func() error {
		if gw.LastVoucher(id) == nil {
			return fmt.Errorf("none yet")
		}
		return nil
	})
	if out := must("shale terminate " + lid); !strings.HasPrefix(out, "lease "+lid+" terminated; paid ") {
		t.Errorf("terminate: %s", out)
	}

	// Accepted but slow to start (a big image pull): the command gives up waiting, the payer
	// it leaves behind pays once the lease runs.
	out, errOut, code = order(3, served+" --wait=8s", func(e *bindings.MarketplaceOrderCreated, _ lease.Spec) {
		ev = e
		if _, err := market.AcceptOrder(ctx, sp, e.OrderId, new(big.Int).Div(fil, big.NewInt(2))); err != nil {
			t.Fatal(err)
		}
	})
	id = lease.LeaseID{ChainID: 1337, Order: ev.OrderId}
	lid = id.String()
	m = regexp.MustCompile(`(?m)^paying for lease ` + regexp.QuoteMeta(lid) + ` in the background once it runs \(pid (\d+), log ` +
		regexp.QuoteMeta(filepath.Join(cfgDir, "pay-"+lid+".log")) + `\)\n`).FindStringSubmatch(errOut)
	if code != 1 || out != "" || m == nil || !strings.Contains(errOut, "shale: lease "+lid+" accepted but not running after 8s") {
		t.Fatalf("slow start: exit %d, stdout %q, stderr\n%s", code, out, errOut)
	}
	pid, _ = strconv.Atoi(m[1])
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	sptest.Serve(ctx, t, market, sp, gw, 1337, ev)
	testsupport.Eventually(t, time.Minute, "a voucher from the payer left behind", func() error {
		if gw.LastVoucher(id) == nil {
			return fmt.Errorf("none yet")
		}
		return nil
	})
	if out := must("shale terminate " + lid); !strings.HasPrefix(out, "lease "+lid+" terminated; paid ") {
		t.Errorf("terminate: %s", out)
	}
}

func buildShale(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "bin", "shale")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeRSAKey writes id_rsa and id_rsa.pub into dir, as ssh-keygen does, and returns the
// public key line.
func writeRSAKey(t *testing.T, dir string) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(key, "")
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ssh.NewPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))) + " seed@laptop"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "id_rsa"), pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "id_rsa.pub"), []byte(pub+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return pub
}

// importZip writes a small zip archive named name and imports it as a deal; it returns the CID.
func importZip(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, "datasets", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("README")
	if err == nil {
		_, err = w.Write([]byte("dataset " + name + "\n"))
	}
	if err == nil {
		err = zw.Close()
	}
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	_, cid := sptest.ImportDataset(t, p)
	return cid
}

// nthOrder waits for the n-th OrderCreated event (from 0); stderr tells why none comes.
func nthOrder(ctx context.Context, t *testing.T, m *contracts.Marketplace, n int, stderr func() string) *bindings.MarketplaceOrderCreated {
	t.Helper()
	var got *bindings.MarketplaceOrderCreated
	testsupport.Eventually(t, time.Minute, fmt.Sprintf("order %d", n), func() error {
		evs, err := m.Events(ctx, 0, nil)
		if err != nil {
			return err
		}
		i := 0
		for _, e := range evs {
			if v, ok := e.Value.(*bindings.MarketplaceOrderCreated); ok {
				if i == n {
					got = v
					return nil
				}
				i++
			}
		}
		return fmt.Errorf("%d orders so far; the client's stderr: %q", i, stderr())
	})
	return got
}

// TestSeedHelp checks that `shale give-me-container --help` lists each of the seed CLI's
// flags exactly once, under the seed's spelling.
func TestSeedHelp(t *testing.T) {
	var out, errOut strings.Builder
	env := client.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	if code := client.Execute(context.Background(), env, []string{"give-me-container", "--help"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	help := out.String()
	for _, name := range []string{"miner", "price", "num_cpus", "num_rams", "num_gpus", "gpu_model", "disk", "bandwidth",
		"image", "mnt", "ssh_pubkey", "duration", "prepay", "grace"} {
		listed := regexp.MustCompile(`(?m)^\s+--`+name+`\s`).FindAllString(help, -1)
		if len(listed) != 1 {
			t.Errorf("--%s is listed %d times in the help:\n%s", name, len(listed), help)
		}
	}
}
