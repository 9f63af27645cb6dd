package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

// sshTo runs Debian's OpenSSH client against the node's gateway as the lease's user.
func sshTo(ctx context.Context, gateway, knownHosts, key, user string, args ...string) (string, int, error) {
	host, port, _ := strings.Cut(gateway, ":")
	base := []string{"-p", port, "-i", key, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, user + "@" + host}
	cmd := exec.CommandContext(ctx, "ssh", append(base, args...)...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode(), nil
	}
	return string(out), 0, err
}

// knownHosts pins the gateway's host key the way a client does with the on-chain
// fingerprint: scan it, then refuse it unless it matches what the node attests.
func knownHosts(t *testing.T, n *testsupport.Nomad) string {
	t.Helper()
	host, port, _ := strings.Cut(n.GatewayAddr, ":")
	out, err := exec.Command("ssh-keyscan", "-p", port, "-t", "ed25519", host).Output()
	if err != nil || len(out) == 0 {
		t.Fatalf("ssh-keyscan %s: %v", n.GatewayAddr, err)
	}
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	fp, err := exec.Command("ssh-keygen", "-l", "-f", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := nodeAttr(t, n, leasejob.AttrGatewayHostKey); !strings.Contains(string(fp), want) {
		t.Fatalf("scanned host key %s does not match the node's attested %s", fp, want)
	}
	return path
}

func TestSSHIntoLeaseThroughNomad(t *testing.T) {
	n := testsupport.StartNomad(t)
	job, id := leaseJobNoData(t, "ssh-client")
	registerJob(t, n, job)
	waitAlloc(t, n, *job.ID, "running")
	kh := knownHosts(t, n)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	key := testsupport.SSHKeyFile(t, 1)
	var out string
	var code int
	testsupport.Eventually(t, time.Minute, "ssh into the lease", func() error {
		var err error
		out, code, err = sshTo(ctx, n.GatewayAddr, kh, key, id.String(), "echo answer=$((6*7)); exit 3")
		if err != nil || !strings.Contains(out, "answer=42") {
			return fmt.Errorf("%v (exit %d): %s", err, code, out)
		}
		return nil
	})
	if code != 3 {
		t.Fatalf("ssh exit code %d, want 3; output %q", code, out)
	}

	wrong := testsupport.SSHKeyFile(t, 2)
	out, code, err := sshTo(ctx, n.GatewayAddr, kh, wrong, id.String(), "true")
	if err != nil || code != 255 || !strings.Contains(out, "Permission denied") {
		t.Fatalf("a key not in the lease: exit %d err %v output %q; want Permission denied", code, err, out)
	}

	// The plugin serves the gateway's metrics; the session above and the refusal show there.
	resp, err := http.Get("http://" + n.MetricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{"shale_gateway_sessions_total", "shale_gateway_bytes_total", "shale_gateway_connections_refused_total"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s:\n%s", want, body)
		}
	}
}

func TestLeaseEndsAtExpiryWithEvent(t *testing.T) {
	n := testsupport.StartNomad(t)
	dc := testsupport.Docker(t)
	expires := time.Now().Add(15 * time.Second).Truncate(time.Second)
	job, _ := buildLeaseJob(t, "short", nil, expires)
	registerJob(t, n, job)
	waitAlloc(t, n, *job.ID, "running")
	alloc := waitAlloc(t, n, *job.ID, "complete")
	events := describeAlloc(n, alloc.ID)
	want := "Lease ended: lease expired at " + expires.UTC().Format(time.RFC3339)
	if !strings.Contains(events, want) {
		t.Fatalf("task events lack %q:\n%s", want, events)
	}
	testsupport.Eventually(t, time.Minute, "container removed", func() error {
		if cs := allocContainers(t, dc, alloc.ID); len(cs) != 0 {
			return fmt.Errorf("%d containers left", len(cs))
		}
		return nil
	})
}

// A lease nobody pays for is warned about in a task event once half its grace is gone, then
// stopped by the gateway once its arrears exceed the grace, and the task events say so with
// the amounts.
func TestUnpaidLeaseStopsAfterGrace(t *testing.T) {
	n := testsupport.StartNomad(t)
	job := buildLeaseJobWith(t, "unpaid", nil, time.Now().Add(time.Hour), func(s *lease.Spec) {
		s.Price = lease.MustParsePrice("1000attofil/1s")
		s.Prepay = time.Second
		s.Grace = 3 * time.Second
	}).job
	registerJob(t, n, job)
	waitAlloc(t, n, *job.ID, "running")
	alloc := waitAlloc(t, n, *job.ID, "complete")
	events := describeAlloc(n, alloc.ID)
	warned := regexp.MustCompile(`Lease warning: payment overdue: paid 0 of [1-9][0-9]* attoFIL due; the lease stops at \S+ \(in [0-9]+s\) unless paid`)
	want := regexp.MustCompile(`Lease ended: payment overdue beyond the 3s grace: paid 0 attoFIL of [1-9][0-9]* due`)
	w, e := warned.FindStringIndex(events), want.FindStringIndex(events)
	if w == nil || e == nil || w[0] > e[0] {
		t.Fatalf("task events: want %q, then %q:\n%s", warned, want, events)
	}
}

// readVoucher reads the last voucher the gateway published in the task directory, the way
// the bridge does: through Nomad's alloc-fs API.
func readVoucher(n *testsupport.Nomad, allocID string, id lease.LeaseID) (*voucher.Voucher, error) {
	alloc, _, err := n.API.Allocations().Info(allocID, nil)
	if err != nil {
		return nil, err
	}
	rc, err := n.API.AllocFS().Cat(alloc, "lease/"+id.String()+".voucher", nil)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return voucher.DecodeBinary(b)
}

// A client paying over the payment channel keeps its lease alive; killing the plugin
// mid-lease loses no acknowledged voucher, and the client resumes paying after reconnecting.
func TestPaidLeaseSurvivesPluginKill(t *testing.T) {
	n := testsupport.StartNomad(t)
	dc := testsupport.Docker(t)
	tl := buildLeaseJobWith(t, "payer", nil, time.Now().Add(time.Hour), func(s *lease.Spec) {
		s.Price = lease.MustParsePrice("1000attofil/1s")
		s.Prepay = 5 * time.Second
		s.Grace = time.Minute
	})
	registerJob(t, n, tl.job)
	alloc := waitAlloc(t, n, *tl.job.ID, "running")
	container := allocContainers(t, dc, alloc.ID)[0].ID

	ctx, cancel := context.WithCancel(context.Background())
	payDone := make(chan error, 1)
	go func() {
		payDone <- tunnel.PayWithReconnect(ctx, tunnel.Config{
			Addr: n.GatewayAddr, Lease: tl.id, Signer: testsupport.SSHSigner(t, 1),
			HostKeyFingerprint: nodeAttr(t, n, leasejob.AttrGatewayHostKey),
			PaymentKey:         tl.key, Price: tl.spec.Price, Escrow: tl.spec.Price.Escrow(tl.spec.Duration), Prepay: tl.spec.Prepay,
		}, tunnel.Backoff{Min: 200 * time.Millisecond, Max: 2 * time.Second})
	}()
	t.Cleanup(func() {
		cancel()
		<-payDone
	})

	var before *voucher.Voucher
	testsupport.Eventually(t, time.Minute, "acked vouchers in the task directory", func() error {
		v, err := readVoucher(n, alloc.ID, tl.id)
		if err != nil || v.Seq < 2 {
			return fmt.Errorf("voucher %+v: %v", v, err)
		}
		before = v
		return nil
	})
	if err := exec.Command("pkill", "-KILL", "-f", n.PluginPath).Run(); err != nil {
		t.Fatalf("kill the plugin: %v", err)
	}
	testsupport.Eventually(t, 2*time.Minute, "payments resumed after the plugin restarted", func() error {
		v, err := readVoucher(n, alloc.ID, tl.id)
		if err != nil {
			return err
		}
		if v.Seq < before.Seq || v.Amount.Cmp(before.Amount) < 0 {
			t.Fatalf("voucher went back after the kill: %d/%s → %d/%s", before.Seq, before.Amount, v.Seq, v.Amount)
		}
		if v.Seq <= before.Seq+1 {
			return fmt.Errorf("still at seq %d (before the kill %d)", v.Seq, before.Seq)
		}
		return nil
	})
	cs := allocContainers(t, dc, alloc.ID)
	if len(cs) != 1 || cs[0].ID != container || cs[0].State != "running" {
		t.Fatalf("the lease's container changed or stopped across the plugin kill: %+v", cs)
	}
}
