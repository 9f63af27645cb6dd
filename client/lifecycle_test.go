package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/lease"

	"github.com/creack/pty"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// TestLeaseLifecycle orders a container, waits for the test SP to start it behind a real
// gateway, uses it through ssh, proxy, ssh-config and pay, then terminates it both ways.
func TestLeaseLifecycle(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true})
	// Short prepay: the payer tops up every second. --no-pay: an in-process run has no shale
	// binary to start as the background payer (cmd/shale's tests run that one).
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--prepay=4s", "--no-pay")
	ev := w.created(0)
	id := sp.start(ev)
	r := (<-done).wantOK(t)
	if r.stdout != id.String()+"\n" {
		t.Errorf("stdout %q, want the lease id", r.stdout)
	}
	endpoint := sp.gw.Addr().String()
	for _, want := range []string{
		fmt.Sprintf("order 0x%x created, escrow 0.6 FIL\n", ev.OrderId), "accepted by f01000\n", "lease running at " + endpoint + "\n",
		"nothing pays for lease " + id.String() + " (--no-pay): its provider stops it at most 1m4s after the last payment; " +
			"keep it paid with `shale pay --background " + id.String() + "`, or stay connected with `shale ssh " + id.String() + "`\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("progress lacks %q:\n%s", want, r.stderr)
		}
	}
	lid := id.String()

	out := w.run("leases").wantOK(t).stdout
	if !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Running\s+f01000\s+0\.01 FIL/min\s+0\.6 FIL\s+` + regexp.QuoteMeta(endpoint) + `\s+-\s+-\s+not running\n`).MatchString(out) {
		t.Errorf("leases:\n%s", out)
	}
	// A pid file naming a live process that is no payer (a payer killed, its pid reused): the
	// lock, not the pid, tells.
	pidFile := filepath.Join(w.dir, "state", "pay-"+lid+".pid")
	if err := os.MkdirAll(filepath.Dir(pidFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pidFile, []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := w.run("leases").wantOK(t).stdout; !strings.HasSuffix(out, "  not running\n") {
		t.Errorf("leases with a stale pid file:\n%s", out)
	}

	t.Run("ssh", func(t *testing.T) {
		for _, tc := range []struct {
			name, stdin string
			args        []string
			out         string
			code        int
		}{
			{"command", "", []string{"--", "echo", "hello"}, "hello\n", 0},
			{"flags of the command without --", "", []string{"ls", "-d", "/"}, "/\n", 0},
			{"exit status", "", []string{"--", "exit 3"}, "", 3},
			{"stdin", "from stdin\n", []string{"--", "cat"}, "from stdin\n", 0},
			{"shell without a terminal", "echo $((6*7))\n", nil, "42\n", 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := w.runIn(tc.stdin, append([]string{"ssh", lid}, tc.args...)...)
				if r.code != tc.code || r.stdout != tc.out {
					t.Errorf("exit %d stdout %q, want %d %q (stderr %q)", r.code, r.stdout, tc.code, tc.out, r.stderr)
				}
			})
		}
	})

	t.Run("ssh with a terminal", func(t *testing.T) {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer ptmx.Close()
		defer tty.Close()
		res := make(chan int, 1)
		go func() {
			var errb testsupport.SyncBuffer
			res <- client.Execute(w.ctx, w.env(tty, tty, &errb), []string{"--config", w.config, "ssh", lid})
		}()
		var screen testsupport.SyncBuffer
		go func() { _, _ = io.Copy(&screen, ptmx) }()
		if _, err := ptmx.Write([]byte("echo $((6*7))-$([ -t 0 ] && echo tty)\n")); err != nil {
			t.Fatal(err)
		}
		testsupport.Eventually(t, time.Minute, "shell output", func() error {
			if !strings.Contains(screen.String(), "42-tty") {
				return fmt.Errorf("screen so far %q", screen.String())
			}
			return nil
		})
		// `shale ssh` pays on its own connection while the session lasts.
		testsupport.Eventually(t, time.Minute, "a voucher from shale ssh", func() error {
			if sp.gw.LastVoucher(id) == nil {
				return errors.New("none yet")
			}
			return nil
		})
		if _, err := ptmx.Write([]byte("exit 5\n")); err != nil {
			t.Fatal(err)
		}
		if code := <-res; code != 5 {
			t.Errorf("exit %d, want 5", code)
		}
	})

	t.Run("ssh-config", func(t *testing.T) {
		out := w.run("ssh-config", "--direct", lid).wantOK(t).stdout
		host := fmt.Sprintf("shale-%x", id.Order[:4])
		for _, want := range []string{"Host " + host + "\n", "    User " + lid + "\n", "    IdentityFile " + w.sshKey + "\n"} {
			if !strings.Contains(out, want) {
				t.Errorf("ssh-config lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "ProxyCommand") {
			t.Errorf("--direct printed a ProxyCommand:\n%s", out)
		}
		cfg := filepath.Join(w.dir, "ssh_config")
		if err := os.WriteFile(cfg, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		// OpenSSH itself, with StrictHostKeyChecking against the written known_hosts.
		cmd := exec.CommandContext(w.ctx, "ssh", "-F", cfg, "-o", "BatchMode=yes", "-o", "IdentityAgent=none",
			"-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", host, "echo via-openssh")
		b, err := cmd.CombinedOutput()
		if err != nil || string(b) != "via-openssh\n" {
			t.Errorf("openssh: %v: %s", err, b)
		}
		out = w.run("ssh-config").wantOK(t).stdout // all running leases, through the proxy
		want := "    ProxyCommand /usr/local/bin/shale --config " + w.config + " proxy " + lid + "\n"
		if !strings.Contains(out, want) || !strings.Contains(out, "Host "+host+"\n") {
			t.Errorf("ssh-config lacks %q:\n%s", want, out)
		}
	})

	t.Run("proxy", func(t *testing.T) {
		var seqBefore uint64
		if v := sp.gw.LastVoucher(id); v != nil {
			seqBefore = v.Seq
		}
		ctx, cancel := context.WithCancel(w.ctx)
		defer cancel()
		toProxy, fromClient := io.Pipe()
		fromProxy, toClient := io.Pipe()
		res := make(chan int, 1)
		go func() {
			var errb testsupport.SyncBuffer
			env := w.env(toProxy, toClient, &errb)
			res <- client.Execute(ctx, env, []string{"--config", w.config, "proxy", lid})
			toClient.Close()
		}()
		conn := pipeConn{Reader: fromProxy, Writer: fromClient, closers: []io.Closer{fromClient, fromProxy}}
		c, chans, reqs, err := ssh.NewClientConn(conn, endpoint, &ssh.ClientConfig{
			User: lid, Auth: []ssh.AuthMethod{ssh.PublicKeys(testsupport.SSHSigner(t, 1))},
			HostKeyCallback: ssh.FixedHostKey(sp.gw.HostKey()), Timeout: time.Minute,
		})
		if err != nil {
			t.Fatal(err)
		}
		sc := ssh.NewClient(c, chans, reqs)
		s, err := sc.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.Output("echo through-proxy")
		if err != nil || string(b) != "through-proxy\n" {
			t.Errorf("through proxy: %v %q", err, b)
		}
		// The proxy pays on a connection of its own while the relayed one lasts.
		testsupport.Eventually(t, time.Minute, "a voucher from the proxy", func() error {
			if v := sp.gw.LastVoucher(id); v == nil || v.Seq <= seqBefore {
				return errors.New("none yet")
			}
			return nil
		})
		sc.Close()
		if code := <-res; code != 0 {
			t.Errorf("proxy exit %d", code)
		}
	})

	pay := make(chan result, 1)
	go func() { pay <- w.run("pay", lid) }()
	before := sp.gw.LastVoucher(id)
	testsupport.Eventually(t, time.Minute, "a voucher from shale pay", func() error {
		if v := sp.gw.LastVoucher(id); v == nil || v.Seq == before.Seq {
			return errors.New("no new voucher")
		}
		return nil
	})
	// While `shale pay` runs (in this process), leases shows it and a second payer is refused.
	me := fmt.Sprint(os.Getpid())
	if out := w.run("leases").wantOK(t).stdout; !strings.Contains(out, "running (pid "+me+")\n") {
		t.Errorf("leases while paying:\n%s", out)
	}
	var recs []map[string]any
	if err := json.Unmarshal([]byte(w.run("leases", "-o", "json").wantOK(t).stdout), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0]["payer"] != "running" || recs[0]["payer_pid"] != float64(os.Getpid()) {
		t.Errorf("leases -o json while paying: %v", recs)
	}
	w.run("pay", lid).wantErr(t, "shale: a payer is already running for lease "+lid+" (pid "+me+"); it keeps the lease paid, nothing to do. "+
		"To pay from here instead, stop it first: kill "+me+"\n")
	if r := w.run("pay", "--background", lid).wantOK(t); r.stdout != me+"\n" ||
		!strings.Contains(r.stderr, "lease "+lid+" is already paid for in the background (pid "+me+")") {
		t.Errorf("pay --background beside a payer: %+v", r)
	}

	r = w.run("terminate", lid).wantOK(t)
	// Ended on chain first: the provider is paid the smaller of the last voucher (up to its
	// prepay ahead) and the time the lease ran.
	if s := w.onChainState(id); s != contracts.StateTerminated {
		t.Errorf("state %v, want Terminated", s)
	}
	earned, err := w.chain.Market.Earned(w.ctx, id.Order)
	if err != nil {
		t.Fatal(err)
	}
	paid := sp.gw.LastVoucher(id).Amount
	if paid.Cmp(earned) > 0 {
		paid = earned
	}
	want := fmt.Sprintf("lease %s terminated; paid %s of escrow 0.6 FIL, the rest is refunded when the provider settles\n", lid, lease.FormatFIL(paid))
	if r.stdout != want {
		t.Errorf("terminate stdout %q, want %q", r.stdout, want)
	}
	for _, want := range []string{"terminated on chain; settlement pays its provider at most " + lease.FormatFIL(earned), "terminate accepted by the gateway"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("terminate stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	pr := (<-pay).wantOK(t)
	if !strings.Contains(pr.stderr, "lease ended") {
		t.Errorf("pay stderr: %s", pr.stderr)
	}
	// Ended on chain: no payer is shown, running or not.
	if out := w.run("leases").wantOK(t).stdout; !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Terminated\s.*\s-\n`).MatchString(out) {
		t.Errorf("leases after the payer ended:\n%s", out)
	}
	w.run("ssh", lid, "--", "true").wantErr(t, "shale: lease ended: "+lid+" is Terminated on chain\n")
	w.run("terminate", lid).wantErr(t, "lease ended")
	// The deprecated flag still parses.
	w.run("terminate", "--on-chain", lid).wantErr(t, "lease ended")
}

// TestTerminateOnChainFirst: terminate ends the lease on chain even when the gateway cannot
// be told, and reports that; a lease accepted but never started ends on chain with nothing
// earned.
func TestTerminateOnChainFirst(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{}) // registered at 127.0.0.1:1: no gateway answers
	order := func() lease.LeaseID {
		var rec map[string]string
		if err := json.Unmarshal([]byte(w.run("give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm",
			"--no-wait", "--no-pay", "-o", "json").wantOK(t).stdout), &rec); err != nil {
			t.Fatal(err)
		}
		id, err := lease.ParseLeaseID(rec["lease"])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.chain.Market.AcceptOrder(w.ctx, sp.acct.Opts, id.Order, minCollateral()); err != nil {
			t.Fatal(err)
		}
		return id
	}
	running, accepted := order(), order()
	if _, err := w.chain.Market.StartLease(w.ctx, sp.acct.Opts, running.Order, "127.0.0.1:1"); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name       string
		id         lease.LeaseID
		gatewayErr bool
	}{
		{"running, gateway unreachable", running, true},
		{"accepted, never started", accepted, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := w.run("terminate", "-o", "json", tc.id.String()).wantOK(t)
			var res client.TerminateResult
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
				t.Fatalf("%v: %q", err, r.stdout)
			}
			if s := w.onChainState(tc.id); s != contracts.StateTerminated {
				t.Errorf("state %v, want Terminated", s)
			}
			earned, err := w.chain.Market.Earned(w.ctx, tc.id.Order)
			if err != nil {
				t.Fatal(err)
			}
			if !res.OnChain || res.Gateway || (res.GatewayError != "") != tc.gatewayErr || res.Earned != lease.FormatFIL(earned) {
				t.Errorf("result %+v, earned %s", res, earned)
			}
			if tc.gatewayErr && !strings.Contains(r.stderr, "the lease is ended on chain, but its gateway at 127.0.0.1:1 was not told") {
				t.Errorf("stderr does not report the gateway:\n%s", r.stderr)
			}
			if !tc.gatewayErr && earned.Sign() != 0 {
				t.Errorf("a lease that never started earned %s", earned)
			}
		})
	}
}

// TestWrongHostKey: a gateway whose key is not the one its provider registered is refused
// before anything is sent to it.
func TestWrongHostKey(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true, wrongKey: true})
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--no-pay")
	id := sp.start(w.created(0))
	(<-done).wantOK(t)
	addr := sp.gw.Addr().String()
	for _, args := range [][]string{
		{"ssh", id.String(), "--", "true"},
		{"pay", id.String()},
		{"ssh-config", id.String()},
	} {
		t.Run(args[0], func(t *testing.T) {
			w.run(args...).wantErr(t, "host key does not match", sp.gw.HostKeyFingerprint())
		})
	}
	w.run("ssh", id.String(), "--", "true").wantErr(t, "refusing "+addr+": its host key is not the one provider f01000 registered on chain")
	if v := sp.gw.LastVoucher(id); v != nil {
		t.Errorf("a voucher reached the impostor: %+v", v)
	}
	if _, err := os.Stat(filepath.Join(w.dir, "state", "known_hosts")); err == nil {
		t.Error("known_hosts written for a refused gateway")
	}
	// Terminate still ends the lease on chain, and says the impostor was not told.
	if r := w.run("terminate", id.String()).wantOK(t); !strings.Contains(r.stderr, "host key does not match") {
		t.Errorf("terminate stderr:\n%s", r.stderr)
	}
	if s := w.onChainState(id); s != contracts.StateTerminated {
		t.Errorf("state %v, want Terminated", s)
	}

}

// pipeConn joins two pipes into the net.Conn an SSH client runs over.
type pipeConn struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeConn) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}
func (pipeConn) LocalAddr() net.Addr              { return &net.TCPAddr{} }
func (pipeConn) RemoteAddr() net.Addr             { return &net.TCPAddr{} }
func (pipeConn) SetDeadline(time.Time) error      { return nil }
func (pipeConn) SetReadDeadline(time.Time) error  { return nil }
func (pipeConn) SetWriteDeadline(time.Time) error { return nil }

// TestPayerStopsWhenLeaseEndsOnChain: a lease the client ends on chain while its payer is
// connected, without a word to the gateway, still stops the payer, which frees the lease's
// payer lock.
func TestPayerStopsWhenLeaseEndsOnChain(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true})
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--no-pay")
	id := sp.start(w.created(0))
	(<-done).wantOK(t)
	lid := id.String()
	pay := make(chan result, 1)
	go func() { pay <- w.run("pay", lid) }()
	testsupport.Eventually(t, time.Minute, "a voucher from shale pay", func() error {
		if sp.gw.LastVoucher(id) == nil {
			return errors.New("none yet")
		}
		return nil
	})
	// The marketplace's own terminate: the gateway is not told, the chain is.
	if _, err := w.chain.Market.Terminate(w.ctx, w.client.Opts, id.Order); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-pay:
		r.wantOK(t)
		if !strings.Contains(r.stderr, "lease ended: "+lid+" is Terminated on chain\n") {
			t.Errorf("pay stderr:\n%s", r.stderr)
		}
	case <-time.After(time.Minute):
		t.Fatal("shale pay still runs a minute after the lease ended on chain")
	}
	if out := w.run("leases").wantOK(t).stdout; !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Terminated\s.*\s-\n`).MatchString(out) {
		t.Errorf("leases:\n%s", out)
	}
}

// TestAttackBackdatedInvoice: the provider's gateway meters from a start time 45 s (within
// the 1 m grace, so the lease keeps running) before the lease started on chain. `shale pay`
// refuses its invoices and pays only for the client's own metered time, from the on-chain
// start and its first contact.
func TestAttackBackdatedInvoice(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true})
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--prepay=4s", "--no-pay")
	id := sp.start(w.created(0), func(l *gateway.Lease) { l.StartedAt = time.Now().Add(-45 * time.Second) })
	(<-done).wantOK(t)
	o, err := w.chain.Market.Order(w.ctx, id.Order)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	pay := make(chan result, 1)
	go func() { pay <- w.runCtx(ctx, "pay", id.String()) }()
	testsupport.Eventually(t, time.Minute, "a voucher from shale pay", func() error {
		if sp.gw.LastVoucher(id) == nil {
			return errors.New("no voucher yet")
		}
		return nil
	})
	// The client's meter allows the time since the on-chain start (the simulated chain's
	// clock may run ahead of this one: then none) plus its 4 s prepay, one second for rounding.
	secs := int64(max(time.Since(o.StartedAt), 0).Seconds()) + 4 + 1
	allowed := lease.MustParsePrice("0.01fil/min").Cost(time.Duration(secs) * time.Second)
	if v := sp.gw.LastVoucher(id); v.Amount.Cmp(allowed) > 0 {
		t.Fatalf("paid %s attoFIL, the client's meter allows %s: the back-dated start was billed", v.Amount, allowed)
	}
	cancel()
	r := <-pay
	if !strings.Contains(r.stderr, "invoice refused") {
		t.Errorf("pay stderr lacks the refusal:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(w.dir, "state", "first-contact-"+id.String())); err != nil {
		t.Errorf("first contact not recorded: %v", err)
	}
}
