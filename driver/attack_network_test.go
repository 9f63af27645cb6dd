package driver

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/network"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// TestAttackLeaseNetworkEscape runs leases on an isolated lease network and has one try to
// reach what it must not: a listener of the test's on a private address and on the cloud
// metadata address (both inside a network namespace the test made, so no packet leaves the
// machine), a listener on the host, and another lease. Each must fail while a control path
// to the same listener works, and an address the operator allow-listed stays reachable.
func TestAttackLeaseNetworkEscape(t *testing.T) {
	sfx := randomHex(t, 2)
	bridge, netName := "shalet"+sfx, "shale-test-"+sfx
	const denied, allowed, metadata = netnsDenied, netnsAllowed, netnsMetadata
	startTestNetns(t, sfx)
	hostLn, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hostLn.Close() })
	go func() {
		for {
			c, err := hostLn.Accept()
			if err != nil {
				return
			}
			_, _ = c.Write([]byte("pong\n"))
			c.Close()
		}
	}()
	hostPort := hostLn.Addr().(*net.TCPAddr).Port

	h := isolatedHarness(t, sfx, nil)
	attacker := h.newTask(sh(`touch /tmp/ready; exec sleep 3600`), 64)
	victim := h.newTask(sh(`nc -ll -p 8080 -e echo pong & touch /tmp/ready; wait`), 64)
	// Runs before the tasks' own cleanups: the first of those closes the harness's plugin client.
	t.Cleanup(func() {
		for _, task := range []string{attacker.ID, victim.ID} {
			if err := h.DestroyTask(task, true); err != nil {
				t.Errorf("destroy %s: %v", task, err)
			}
		}
	})
	h.start(attacker)
	h.start(victim)
	h.waitReady(attacker.ID)
	h.waitReady(victim.ID)
	info, err := h.docker.ContainerInspect(context.Background(), h.containerID(victim.ID))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.NetworkSettings.Networks) != 1 || info.NetworkSettings.Networks[netName] == nil {
		t.Errorf("victim is on %v, want only %s", keysOf(info.NetworkSettings.Networks), netName)
	}
	var ep *network.EndpointSettings
	for _, e := range info.NetworkSettings.Networks {
		ep = e
	}
	if ep == nil || ep.IPAddress == "" {
		t.Fatalf("victim has no address: %+v", info.NetworkSettings.Networks)
	}

	cases := []struct {
		name, addr string
		allowed    bool
	}{
		{"allow-listed private address", allowed + ":8080", true},
		{"private address (provider LAN)", denied + ":8080", false},
		{"link-local metadata address", metadata + ":8080", false},
		{"host via the bridge gateway", fmt.Sprintf("%s:%d", ep.Gateway, hostPort), false},
		{"another lease", ep.IPAddress + ":8080", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Control: the listener answers the host, so a refusal below is the firewall's.
			testsupport.Eventually(t, 20*time.Second, "control path to "+tc.addr, func() error { return pong(tc.addr) })
			out, _ := h.exec(attacker.ID, "sh", "-c", "nc -w 3 "+strings.Replace(tc.addr, ":", " ", 1)+" </dev/null")
			if got := strings.Contains(out, "pong"); got != tc.allowed {
				t.Fatalf("lease reached %s: %v, want %v (output %q)", tc.addr, got, tc.allowed, out)
			}
		})
	}

	rules, err := exec.Command("iptables", "-w", "10", "-S", forwardChain(bridge)).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-d 10.213.78.0/24 -j RETURN", "-d 10.0.0.0/8 -j REJECT", "-d 169.254.0.0/16 -j REJECT", "-d 172.16.0.0/12 -j REJECT", "-d 192.168.0.0/16 -j REJECT", "--dst-type LOCAL -j REJECT"} {
		if !strings.Contains(string(rules), want) {
			t.Errorf("forward chain lacks %q:\n%s", want, rules)
		}
	}
	for chain, jump := range map[string]string{"DOCKER-USER": forwardChain(bridge), "INPUT": inputChain(bridge)} {
		out, _ := exec.Command("iptables", "-w", "10", "-S", chain).CombinedOutput()
		if !strings.Contains(string(out), "-i "+bridge+" -j "+jump) {
			t.Errorf("%s does not send %s to %s:\n%s", chain, bridge, jump, out)
		}
	}
	nw, err := h.docker.NetworkInspect(context.Background(), netName, types.NetworkInspectOptions{})
	if err != nil || nw.Options[optICC] != "false" {
		t.Errorf("network %s options %v (%v), want inter-container traffic off", netName, nw.Options, err)
	}
}

// Addresses of the test's network namespace: a private one, one the operator allows, and the
// cloud metadata address. Listeners there answer "pong" on 8080 and count what they receive
// on 9090 (3 MiB, then they reply with the count).
const (
	netnsDenied   = "10.213.77.2"
	netnsAllowed  = "10.213.78.2"
	netnsMetadata = "169.254.169.254"
	sinkBytes     = 3 << 20
)

// startTestNetns makes a network namespace joined to the host by a veth, with listeners on
// netnsDenied, netnsAllowed and netnsMetadata; everything goes at cleanup. No packet to these
// addresses leaves the machine.
func startTestNetns(t *testing.T, sfx string) {
	t.Helper()
	ns, hostIf, nsIf := "shale-t"+sfx, "vh"+sfx, "vn"+sfx
	cmd := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	cmd("ip", "netns", "add", ns)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", ns).Run() })
	cmd("ip", "link", "add", hostIf, "type", "veth", "peer", "name", nsIf)
	t.Cleanup(func() { _ = exec.Command("ip", "link", "del", hostIf).Run() })
	cmd("ip", "link", "set", nsIf, "netns", ns)
	cmd("ip", "addr", "add", "10.213.77.1/24", "dev", hostIf)
	cmd("ip", "addr", "add", "10.213.78.1/24", "dev", hostIf)
	cmd("ip", "link", "set", hostIf, "up")
	cmd("ip", "route", "add", netnsMetadata+"/32", "dev", hostIf)
	for _, a := range []string{netnsDenied + "/24", netnsAllowed + "/24", netnsMetadata + "/32"} {
		cmd("ip", "-n", ns, "addr", "add", a, "dev", nsIf)
	}
	cmd("ip", "-n", ns, "link", "set", nsIf, "up")
	cmd("ip", "-n", ns, "link", "set", "lo", "up")
	listener := exec.Command("ip", "netns", "exec", ns, "python3", "-c", fmt.Sprintf(`
import socket, threading
def serve(port, handle):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port)); s.listen(16)
    while True:
        c, _ = s.accept(); threading.Thread(target=handle, args=(c,), daemon=True).start()
def pong(c):
    c.sendall(b"pong\n"); c.close()
def sink(c):
    n = 0
    while n < %d:
        b = c.recv(65536)
        if not b: break
        n += len(b)
    c.sendall(b"got %%d\n" %% n); c.close()
threading.Thread(target=serve, args=(9090, sink), daemon=True).start()
serve(8080, pong)
`, sinkBytes))
	if err := listener.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = listener.Process.Kill(); _ = listener.Wait() })
}

// isolatedHarness is a driver on its own isolated lease network (allowing netnsAllowed's
// /24), removed with its firewall chains at cleanup.
func isolatedHarness(t *testing.T, sfx string, mut func(*Config)) *harness {
	t.Helper()
	bridge, netName := "shalet"+sfx, "shale-test-"+sfx
	// Runs last: the harness and its tasks are gone by then.
	t.Cleanup(func() {
		dc := testsupport.Docker(t)
		_ = dc.NetworkRemove(context.Background(), netName)
		for _, r := range [][]string{
			{"-D", "DOCKER-USER", "-i", bridge, "-j", forwardChain(bridge)}, {"-D", "INPUT", "-i", bridge, "-j", inputChain(bridge)},
			{"-F", forwardChain(bridge)}, {"-X", forwardChain(bridge)}, {"-F", inputChain(bridge)}, {"-X", inputChain(bridge)},
		} {
			_ = exec.Command("iptables", append([]string{"-w", "10"}, r...)...).Run()
		}
	})
	return newHarness(t, func(c *Config) {
		c.NetworkMode = "isolated"
		c.Network = NetworkConfig{Name: netName, Bridge: bridge, Allow: []string{"10.213.78.0/24"}}
		if mut != nil {
			mut(c)
		}
	})
}

// pong connects from the host and expects the test listeners' greeting.
func pong(addr string) error {
	c, err := net.DialTimeout("tcp", addr, 3*time.Second)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || line != "pong\n" {
		return fmt.Errorf("read %q: %v", line, err)
	}
	return nil
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func randomHex(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// TestAttackEgressOverBandwidth has a lease with a 512 KiB/s bandwidth send 3 MiB to a
// listener the operator allows: the transfer must take as long as the cap says, and the
// driver must count the bytes.
func TestAttackEgressOverBandwidth(t *testing.T) {
	sfx := randomHex(t, 2)
	startTestNetns(t, sfx)
	h := isolatedHarness(t, sfx, func(c *Config) {
		c.StateDir = t.TempDir()
		c.Gateway = &GatewayConfig{Listen: "127.0.0.1:0"}
	})
	tc := sh(`touch /tmp/ready; exec sleep 3600`)
	tc.Lease = &LeaseConfig{
		ID: testLease, SSHKeys: []string{testSSHKey}, ExpiresAt: time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		Bandwidth: "512Ki",
		Payment:   &PaymentConfig{PublicKey: testPubKey, Price: "0attofil/1s", Escrow: "1000"},
	}
	task := h.newTask(tc, 64)
	h.start(task)
	h.waitReady(task.ID)
	testsupport.Eventually(t, 20*time.Second, "control path to the sink", func() error { return pong(netnsAllowed + ":8080") })

	out, code := h.exec(task.ID, "sh", "-c", fmt.Sprintf(`s=$(date +%%s); head -c %d /dev/zero | nc %s 9090; e=$(date +%%s); echo elapsed $((e-s))`, sinkBytes, netnsAllowed))
	if code != 0 || !strings.Contains(out, fmt.Sprintf("got %d", sinkBytes)) {
		t.Fatalf("transfer: code %d output %q", code, out)
	}
	var elapsed int
	if _, err := fmt.Sscanf(out[strings.Index(out, "elapsed"):], "elapsed %d", &elapsed); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	// A lower bound only: past the 64 KiB burst, 3 MiB at 512 KiB/s cannot take under 5.9 s
	// (the shell's clock has whole seconds).
	if elapsed < 5 {
		t.Fatalf("3 MiB left a 512 KiB/s lease in %d s", elapsed)
	}
	st, err := h.InspectTask(task.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := strconv.ParseUint(st.DriverAttributes["egress_bytes"], 10, 64); err != nil || n < sinkBytes {
		t.Fatalf("egress_bytes %q (%v), want at least %d", st.DriverAttributes["egress_bytes"], err, sinkBytes)
	}
}
