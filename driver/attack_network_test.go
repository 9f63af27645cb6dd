package driver

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os/exec"
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
	bridge, netName, ns := "shalet"+sfx, "shale-test-"+sfx, "shale-t"+sfx
	hostIf, nsIf := "vh"+sfx, "vn"+sfx
	const denied, allowed, metadata = "10.213.77.2", "10.213.78.2", "169.254.169.254"

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
	cmd("ip", "route", "add", metadata+"/32", "dev", hostIf)
	for _, a := range []string{denied + "/24", allowed + "/24", metadata + "/32"} {
		cmd("ip", "-n", ns, "addr", "add", a, "dev", nsIf)
	}
	cmd("ip", "-n", ns, "link", "set", nsIf, "up")
	cmd("ip", "-n", ns, "link", "set", "lo", "up")
	listener := exec.Command("ip", "netns", "exec", ns, "python3", "-c", `
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8080)); s.listen(16)
while True:
    c, _ = s.accept(); c.sendall(b"pong\n"); c.close()
`)
	if err := listener.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = listener.Process.Kill(); _ = listener.Wait() })
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

	h := newHarness(t, func(c *Config) {
		c.NetworkMode = "isolated"
		c.Network = NetworkConfig{Name: netName, Bridge: bridge, Allow: []string{"10.213.78.0/24"}}
	})
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
