//go:build bench

package gatewaybench

import (
	"bufio"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/shaleprotocol/shale/bench"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

// benchGateway is one gateway serving on loopback with a lease on the shared container.
type benchGateway struct {
	name string
	g    *gateway.Server
	l    gateway.Lease
	port int
	pay  *voucher.PrivateKey
}

// startBenchGateway starts a gateway and registers a priced, bandwidth-unlimited lease on cid.
// With unmetered (Config.Unmetered, the benchmark baseline) the gateway takes the same lease
// terms but opens no payment ledger and counts nothing.
func startBenchGateway(t *testing.T, dir, name, cid string, pub ssh.PublicKey, unmetered bool) *benchGateway {
	t.Helper()
	g, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, name+"_host"),
		Docker: testsupport.Docker(t), VoucherDir: filepath.Join(dir, name+"_vouchers"), Unmetered: unmetered})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	// Every goroutine of the gateway inherits the label, so a CPU profile splits by gateway.
	pprof.Do(ctx, pprof.Labels("gateway", name), func(ctx context.Context) {
		go func() { served <- g.Serve(ctx) }()
	})
	t.Cleanup(func() { cancel(); <-served })
	pk, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	l := gateway.Lease{ID: lease.LeaseID{ChainID: 31337, Order: [32]byte{31: 2}}, ContainerID: cid,
		Keys: []ssh.PublicKey{pub}, Price: lease.MustParsePrice("1000attofil/1s"), Escrow: big.NewInt(1 << 50),
		Prepay: 4 * time.Second, Grace: gateway.DefaultMaxGrace, Bandwidth: 0, StartedAt: time.Now(),
		ExpiresAt: time.Now().Add(24 * time.Hour), PaymentKey: pk.Public()}
	if err := g.Register(l); err != nil {
		t.Fatal(err)
	}
	return &benchGateway{name: name, g: g, l: l, port: g.Addr().(*net.TCPAddr).Port, pay: pk}
}

// startPayLoop connects the Go client and runs its pay loop (one voucher a second: prepay 4 s,
// ticking every prepay/4) until the test ends.
func (bg *benchGateway) startPayLoop(t *testing.T, signer ssh.Signer) *tunnel.Client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	// The pay client's goroutines carry its gateway's label (pprof.Do, as in startBenchGateway).
	ctx = pprof.WithLabels(ctx, pprof.Labels("gateway", bg.name))
	pprof.SetGoroutineLabels(ctx)
	defer pprof.SetGoroutineLabels(context.Background())
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: bg.g.Addr().String(), Lease: bg.l.ID, Signer: signer,
		HostKeyFingerprint: bg.g.HostKeyFingerprint(), PaymentKey: bg.pay, Price: bg.l.Price, Escrow: bg.l.Escrow,
		Prepay: bg.l.Prepay})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Pay(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("pay loop: %v", err)
		}
		c.Close()
	})
	testsupport.Eventually(t, time.Minute, "first voucher acknowledged", func() error {
		if c.Paid() == nil {
			return fmt.Errorf("no ack yet")
		}
		return nil
	})
	return c
}

func loadSigner(t *testing.T, path string) ssh.Signer {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.ParsePrivateKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func writeKnownHosts(t *testing.T, path string, keys map[int]ssh.PublicKey) {
	t.Helper()
	var b strings.Builder
	for port, k := range keys {
		b.WriteString(knownhosts.Line([]string{knownhosts.Normalize("127.0.0.1:" + strconv.Itoa(port))}, k) + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

func sshArgv(kh, keyPath string, port int, user string, extra ...string) []string {
	a := []string{"ssh", "-F", "/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + kh,
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-i", keyPath, "-c", "chacha20-poly1305@openssh.com",
		"-p", strconv.Itoa(port), "-l", user}
	a = append(a, extra...)
	return append(a, "127.0.0.1")
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const meterBytes = 256 << 20
const meterPairs = 9

// TestMeteringOverhead streams 256 MiB out of a container with OpenSSH `ssh` through two
// gateways in this process, interleaved in alternating order: "on" is the production gateway
// with a priced, bandwidth-unlimited lease whose Go client runs its pay loop throughout (one
// voucher a second, verified and stored durably by the gateway); "off" is the same gateway
// code with Config.Unmetered (no byte counting, no token bucket, no payment ledger). Both wall
// time and this process's CPU time (the gateway plus the Go pay client; the ssh client and the
// byte counter are separate processes) are recorded per run.
func TestMeteringOverhead(t *testing.T) {
	mach := bench.StartMachine()
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	cid := testsupport.StartIdleContainer(t, dc, testsupport.BusyboxImage)
	dir := t.TempDir()
	keyPath, pub := writeKey(t, dir, "id_ed25519")
	on := startBenchGateway(t, dir, "on", cid, pub, false)
	off := startBenchGateway(t, dir, "off", cid, pub, true)
	kh := filepath.Join(dir, "known_hosts")
	writeKnownHosts(t, kh, map[int]ssh.PublicKey{on.port: on.g.HostKey(), off.port: off.g.HostKey()})
	payer := on.startPayLoop(t, loadSigner(t, keyPath))
	seq0 := payer.Paid().Seq

	remote := fmt.Sprintf("dd if=/dev/zero bs=1M count=%d 2>/dev/null", meterBytes>>20)
	// ssh | wc -c: the bytes are counted outside this process, so its CPU time is the gateway's.
	argv := func(bg *benchGateway) []string {
		return append([]string{"sh", "-c", `"$@" | wc -c`, "sh"}, append(sshArgv(kh, keyPath, bg.port, bg.l.ID.String()), remote)...)
	}
	ways := map[string][]string{"on": argv(on), "off": argv(off)}
	// Warm up both paths (container page cache, first exec) without recording.
	streamCounted(t, ways["on"], meterBytes)
	streamCounted(t, ways["off"], meterBytes)

	wall := map[string][]time.Duration{}
	cpu := map[string][]time.Duration{}
	var pairRatio, pairCPU []float64
	prof := filepath.Join(dir, "cpu.prof")
	profiling := startProfile(t, prof)
	start := time.Now()
	for i := 0; i < meterPairs; i++ {
		order := []string{"on", "off"}
		if i%2 == 1 {
			order = []string{"off", "on"}
		}
		got, gotCPU := map[string]time.Duration{}, map[string]time.Duration{}
		for _, w := range order {
			c0 := selfCPU()
			d := streamCounted(t, ways[w], meterBytes)
			gotCPU[w] = selfCPU() - c0
			cpu[w] = append(cpu[w], gotCPU[w])
			wall[w] = append(wall[w], d)
			got[w] = d
		}
		pairRatio = append(pairRatio, ratio(got["on"], got["off"]))
		pairCPU = append(pairCPU, ratio(gotCPU["on"], gotCPU["off"]))
	}
	elapsed := time.Since(start)
	if profiling {
		pprof.StopCPUProfile()
	}
	vouchers := payer.Paid().Seq - seq0
	uOn, _ := on.g.Usage(on.l.ID)
	uOff, _ := off.g.Usage(off.l.ID)
	if uOn.BytesOut < uint64((meterPairs+1)*meterBytes) || uOff.BytesOut != 0 {
		t.Fatalf("metering: on counted %d bytes out, off %d", uOn.BytesOut, uOff.BytesOut)
	}
	if vouchers == 0 {
		t.Fatalf("no voucher acknowledged during the runs")
	}

	mibs := func(d time.Duration) float64 { return float64(meterBytes) / (1 << 20) / d.Seconds() }
	var b strings.Builder
	fmt.Fprintf(&b, "Command: `go test -tags bench -run TestMeteringOverhead -count=1 -v ./bench/gateway`\n\n")
	fmt.Fprintf(&b, "%s\n\n", mach)
	fmt.Fprintf(&b, "256 MiB of zeros (`dd bs=1M` in a busybox container) through two gateways in one process to OpenSSH `ssh` (%s, chacha20-poly1305) piped into `wc -c`; %d pairs, order alternating (on/off, off/on, …), after one unrecorded warm-up run each.\n\n", sshVersion(), meterPairs)
	fmt.Fprintf(&b, "- **on**: production configuration; lease priced 1000 attoFIL/s, bandwidth unlimited, every byte counted and passed through the token bucket; the Go client's pay loop (`Client.Pay`, prepay 4 s) ran throughout: %d vouchers signed, verified, stored durably and acked during the %s of measured runs; the gateway counted %d MiB out.\n", vouchers, elapsed.Round(time.Second), uOn.BytesOut>>20)
	fmt.Fprintf(&b, "- **off**: `Config.Unmetered` (benchmark baseline): channels bypass counting and the bucket, no payment ledger; same lease terms, no pay loop.\n\n")
	fmt.Fprintf(&b, "| gateway | median wall | MiB/s | median CPU of the gateway process | runs (wall) | runs (CPU) |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, w := range []string{"on", "off"} {
		fmt.Fprintf(&b, "| %s | %s | %.0f | %s | %s | %s |\n", w, median(wall[w]).Round(time.Millisecond), mibs(median(wall[w])),
			median(cpu[w]).Round(time.Millisecond), fmtRuns(wall[w]), fmtRuns(cpu[w]))
	}
	slices.Sort(pairRatio)
	slices.Sort(pairCPU)
	wallOver := ratio(median(wall["on"]), median(wall["off"])) - 1
	cpuOver := ratio(median(cpu["on"]), median(cpu["off"])) - 1
	fmt.Fprintf(&b, "\n**Overhead (on/off − 1): wall %+.1f%%, gateway CPU %+.1f%%** (ratio of medians; target ≤ 5%%)\n\n",
		100*wallOver, 100*cpuOver)
	fmt.Fprintf(&b, "Per-pair ratios (each on run against the off run next to it): wall median %+.1f%%, range %+.1f%% … %+.1f%%; CPU median %+.1f%%, range %+.1f%% … %+.1f%%.\n",
		100*(pairRatio[len(pairRatio)/2]-1), 100*(pairRatio[0]-1), 100*(pairRatio[len(pairRatio)-1]-1),
		100*(pairCPU[len(pairCPU)/2]-1), 100*(pairCPU[0]-1), 100*(pairCPU[len(pairCPU)-1]-1))
	if profiling {
		var onCPU time.Duration
		for _, d := range cpu["on"] {
			onCPU += d
		}
		profOn := focusCPU(t, prof, "-tagfocus=gateway=on")
		profOff := focusCPU(t, prof, "-tagfocus=gateway=off")
		meter := focusCPU(t, prof, "-focus="+meteringCode, `-ignore=ssh\.\(\*channel\)`)
		pay := focusCPU(t, prof, "-focus="+paymentCode)
		fmt.Fprintf(&b, "\nWhere the CPU goes (CPU profile of the measured runs, goroutines labelled by gateway, `go tool pprof -tagfocus/-focus`): sampled CPU of gateway on (with its pay client) %s vs off %s (**%+.1f%%**); within it, metering code (`leaseState.read/write/wait`: counters, Prometheus, token bucket; the SSH channel write it wraps excluded) %s = **%.1f%%** of on, payment code (client signing, gateway verification, durable voucher log, arrears monitor) %s = **%.1f%%** of on. (The rusage CPU of all on runs was %s.)\n",
			profOn.Round(time.Millisecond), profOff.Round(time.Millisecond), 100*(ratio(profOn, profOff)-1),
			meter.Round(time.Millisecond), 100*meter.Seconds()/profOn.Seconds(),
			pay.Round(time.Millisecond), 100*pay.Seconds()/profOn.Seconds(), onCPU.Round(time.Millisecond))
	}
	t.Log("\n" + b.String())
	out := filepath.Join(testsupport.Root(t), "bench", "RESULTS.md")
	if err := bench.WriteSection(out, "SSH gateway: metering and payment on vs off", b.String()); err != nil {
		t.Fatal(err)
	}
}

// Frames that are the gateway's metering and payment work, as pprof focus regexps.
const (
	meteringCode = `gateway\.\(\*leaseState\)\.(read|write|wait)$`
	paymentCode  = `voucher\.|gateway\.\(\*payments\)|gateway\.\(\*leaseState\)\.servePayment|tunnel\.\(\*Client\)\.(Pay|payUpTo|onAck)|wire\.(Read|Write)Message`
)

// startProfile starts a CPU profile into path; false if one is already running (-cpuprofile).
func startProfile(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Logf("no attribution profile: %v", err)
		return false
	}
	return true
}

// focusCPU is the CPU time of the profile's samples that pass the pprof filters (-focus,
// -ignore, -tagfocus), as `go tool pprof -top` reports it.
func focusCPU(t *testing.T, prof string, filters ...string) time.Duration {
	t.Helper()
	args := append([]string{"tool", "pprof", "-top"}, filters...)
	out, err := exec.Command("go", append(args, os.Args[0], prof)...).CombinedOutput()
	if err != nil {
		t.Fatalf("pprof: %v: %s", err, out)
	}
	m := regexp.MustCompile(`Showing nodes accounting for ([^,]+),`).FindSubmatch(out)
	if m == nil {
		if regexp.MustCompile(`(?m)^\s*flat\s`).Match(out) {
			t.Fatalf("pprof output not understood: %s", out)
		}
		return 0 // no sample matched
	}
	if string(m[1]) == "0" {
		return 0
	}
	d, err := time.ParseDuration(string(m[1]))
	if err != nil {
		t.Fatalf("pprof total %q: %v", m[1], err)
	}
	return d
}

// streamCounted runs argv (`sh -c "ssh … | wc -c"`) and checks the count it prints.
func streamCounted(t *testing.T, argv []string, want int64) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("stream: %v: %s", err, stderr.String())
	}
	d := time.Since(start)
	if n, err := strconv.ParseInt(strings.TrimSpace(stdout.String()), 10, 64); err != nil || n != want {
		t.Fatalf("stream: got %q bytes, want %d (stderr %s)", stdout.String(), want, stderr.String())
	}
	return d
}

const keystrokes = 200

// TestKeystrokeRoundTrip types single bytes into `cat` on a raw PTY in the container and times
// each echo, through the gateway (production configuration, paid lease with its pay loop
// running) and through OpenSSH sshd on loopback whose session runs `docker exec -it`; both with
// OpenSSH `ssh -tt` as the client, both sessions open at once, keystrokes alternating between
// them, 20 ms apart like typing.
func TestKeystrokeRoundTrip(t *testing.T) {
	mach := bench.StartMachine()
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	cid := testsupport.StartIdleContainer(t, dc, testsupport.BusyboxImage)
	dir := t.TempDir()
	keyPath, pub := writeKey(t, dir, "id_ed25519")
	gw := startBenchGateway(t, dir, "gw", cid, pub, false)
	sshdPort := startSSHD(t, dir, pub)
	kh := filepath.Join(dir, "known_hosts")
	writeKnownHosts(t, kh, map[int]ssh.PublicKey{gw.port: gw.g.HostKey(), sshdPort: hostKey(t, filepath.Join(dir, "sshd_host.pub"))})
	gw.startPayLoop(t, loadSigner(t, keyPath))

	const echo = "stty raw -echo && echo READY && exec cat"
	ways := []struct {
		name string
		argv []string
	}{
		{"gateway", append(sshArgv(kh, keyPath, gw.port, gw.l.ID.String(), "-tt", "-e", "none"), echo)},
		{"sshd", append(sshArgv(kh, keyPath, sshdPort, "root", "-tt", "-e", "none"), "docker exec -it "+cid+" sh -c '"+echo+"'")},
	}
	ttys := make([]*ptySession, len(ways))
	for i, w := range ways {
		ttys[i] = startPTY(t, w.name, w.argv)
	}
	// Warm up: 10 unrecorded keystrokes each.
	for i := 0; i < 10; i++ {
		for _, p := range ttys {
			p.keystroke(t, 'w')
		}
	}
	rtt := map[string][]time.Duration{}
	for i := 0; i < keystrokes; i++ {
		for j := range ttys {
			p := ttys[(i+j)%len(ttys)]
			time.Sleep(20 * time.Millisecond)
			rtt[p.name] = append(rtt[p.name], p.keystroke(t, byte('a'+i%26)))
		}
	}
	for _, p := range ttys {
		p.close(t)
	}

	pct := func(ds []time.Duration, q float64) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[min(len(s)-1, int(q*float64(len(s))))]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Command: `go test -tags bench -run TestKeystrokeRoundTrip -count=1 -v ./bench/gateway`\n\n")
	fmt.Fprintf(&b, "%s\n\n", mach)
	fmt.Fprintf(&b, "Time from writing one byte to `ssh -tt` (%s, chacha20-poly1305) until `cat` on a raw PTY (`stty raw -echo`) in a busybox container echoed it back; %d keystrokes per path after 10 unrecorded, both sessions open at once, alternating, 20 ms apart.\n\n", sshVersion(), keystrokes)
	fmt.Fprintf(&b, "- **gateway**: ssh → Shale gateway (production configuration, priced lease metered, Go pay loop running) → Docker exec API with a TTY.\n")
	fmt.Fprintf(&b, "- **sshd**: ssh → OpenSSH sshd on loopback (own config and host key) → PTY → `docker exec -it` CLI → TTY in the container.\n\n")
	fmt.Fprintf(&b, "| path | median | p90 | min | max |\n| --- | --- | --- | --- | --- |\n")
	for _, w := range ways {
		ds := rtt[w.name]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", w.name, fmtUS(pct(ds, 0.5)), fmtUS(pct(ds, 0.9)), fmtUS(slices.Min(ds)), fmtUS(slices.Max(ds)))
	}
	fmt.Fprintf(&b, "\n**Ratio gateway / sshd: median %.2f, p90 %.2f** (target ≤ 1.5)\n",
		ratio(pct(rtt["gateway"], 0.5), pct(rtt["sshd"], 0.5)), ratio(pct(rtt["gateway"], 0.9), pct(rtt["sshd"], 0.9)))
	t.Log("\n" + b.String())
	out := filepath.Join(testsupport.Root(t), "bench", "RESULTS.md")
	if err := bench.WriteSection(out, "SSH gateway: PTY keystroke round trip", b.String()); err != nil {
		t.Fatal(err)
	}
}

func fmtUS(d time.Duration) string {
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}

// ptySession is a running `ssh -tt` whose stdout bytes arrive on out.
type ptySession struct {
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	out    chan byte
	stderr *strings.Builder
	extra  int // bytes received that were not the awaited echo
}

func startPTY(t *testing.T, name string, argv []string) *ptySession {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &ptySession{name: name, cmd: cmd, stdin: stdin, out: make(chan byte, 1<<16), stderr: &strings.Builder{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	go func() {
		defer close(p.out)
		r := bufio.NewReader(stdout)
		for {
			c, err := r.ReadByte()
			if err != nil {
				return
			}
			p.out <- c
		}
	}()
	// Wait for READY: the PTY is raw and cat runs.
	var seen []byte
	deadline := time.After(time.Minute)
	for !strings.Contains(string(seen), "READY") {
		select {
		case c, ok := <-p.out:
			if !ok {
				t.Fatalf("%s: session ended before READY: %q %s", name, seen, p.stderr.String())
			}
			seen = append(seen, c)
		case <-deadline:
			t.Fatalf("%s: no READY: %q %s", name, seen, p.stderr.String())
		}
	}
	p.drain(300 * time.Millisecond)
	return p
}

func (p *ptySession) drain(quiet time.Duration) {
	for {
		select {
		case _, ok := <-p.out:
			if !ok {
				return
			}
		case <-time.After(quiet):
			return
		}
	}
}

// keystroke writes c and returns the time until c came back.
func (p *ptySession) keystroke(t *testing.T, c byte) time.Duration {
	t.Helper()
	start := time.Now()
	if _, err := p.stdin.Write([]byte{c}); err != nil {
		t.Fatalf("%s: write: %v", p.name, err)
	}
	timeout := time.After(30 * time.Second)
	for {
		select {
		case got, ok := <-p.out:
			if !ok {
				t.Fatalf("%s: session ended: %s", p.name, p.stderr.String())
			}
			if got == c {
				return time.Since(start)
			}
			p.extra++
		case <-timeout:
			t.Fatalf("%s: no echo of %q", p.name, c)
		}
	}
}

func (p *ptySession) close(t *testing.T) {
	t.Helper()
	if p.extra != 0 {
		t.Errorf("%s: %d unexpected bytes in the echo stream", p.name, p.extra)
	}
	_ = p.stdin.Close()
}
