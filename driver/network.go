package driver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"regexp"
	"strings"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/docker/docker/errdefs"
)

// deniedRanges are the destinations an isolated lease cannot reach unless the operator allows
// them: private networks (the provider's LAN, other leases' networks), shared address space,
// loopback, link-local (cloud metadata services), benchmarking, multicast and reserved.
var deniedRanges = []string{
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
}

// Docker bridge options: no traffic between containers on the network, and a fixed host
// interface name the firewall rules can match.
const (
	optICC    = "com.docker.network.bridge.enable_icc"
	optBridge = "com.docker.network.bridge.name"
)

var bridgeName = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,14}$`)

// ErrNetworkSetup marks a failure to create the lease network or its firewall rules.
var ErrNetworkSetup = errors.New("lease network setup failed")

func (n *NetworkConfig) validate() []error {
	var errs []error
	if n.Name == "" || strings.ContainsAny(n.Name, " /:") {
		errs = append(errs, fmt.Errorf("network.name %q: want a Docker network name such as %q", n.Name, defaultLeaseNetwork))
	}
	if !bridgeName.MatchString(n.Bridge) {
		errs = append(errs, fmt.Errorf("network.bridge %q: want an interface name of at most 15 lower-case letters, digits, '-' or '_', such as %q", n.Bridge, defaultLeaseBridge))
	}
	for _, a := range n.Allow {
		if _, ipn, err := net.ParseCIDR(a); err != nil || ipn.IP.To4() == nil {
			errs = append(errs, fmt.Errorf("network.allow %q: want an IPv4 CIDR such as \"10.1.2.0/24\"", a))
		}
	}
	return errs
}

// ensureIsolation sets the lease network up once per plugin config, at the first lease, so
// a node whose Docker engine is down still configures and fingerprints (as unhealthy); a
// lease never starts without its isolation.
func (d *Driver) ensureIsolation(ctx context.Context, dc client.APIClient, n *NetworkConfig) error {
	d.netMu.Lock()
	defer d.netMu.Unlock()
	if d.netReady {
		return nil
	}
	if err := setupIsolation(ctx, dc, n); err != nil {
		return err
	}
	d.netReady = true
	return nil
}

// leaseNetworkMode is the Docker network mode of every lease container.
func leaseNetworkMode(pc *Config) container.NetworkMode {
	if pc.NetworkMode == "isolated" {
		return container.NetworkMode(pc.Network.Name)
	}
	return container.NetworkMode(pc.NetworkMode)
}

// Chain names are per bridge so nodes (and tests) with several lease networks do not share rules.
func forwardChain(bridge string) string { return "SHALE-FWD-" + bridge }
func inputChain(bridge string) string   { return "SHALE-IN-" + bridge }

// setupIsolation makes sure the lease network exists without inter-container traffic and
// installs the firewall rules for traffic from its bridge. It is idempotent and runs at
// every SetConfig, so rules lost to a firewall reload come back with the next agent start.
func setupIsolation(ctx context.Context, dc client.APIClient, n *NetworkConfig) error {
	if err := ensureLeaseNetwork(ctx, dc, n); err != nil {
		return fmt.Errorf("%w: %w", ErrNetworkSetup, err)
	}
	for _, rules := range firewallRules(n) {
		if err := iptables(ctx, rules...); err != nil {
			return fmt.Errorf("%w: %w (the driver needs root and iptables to isolate leases; network_mode = \"none\" needs neither)", ErrNetworkSetup, err)
		}
	}
	return nil
}

func ensureLeaseNetwork(ctx context.Context, dc client.APIClient, n *NetworkConfig) error {
	for attempt := 0; ; attempt++ {
		nw, err := dc.NetworkInspect(ctx, n.Name, types.NetworkInspectOptions{})
		if err == nil {
			if nw.Driver != "bridge" || nw.Options[optICC] != "false" || nw.Options[optBridge] != n.Bridge {
				return fmt.Errorf("docker network %q exists but is not a bridge on %q without inter-container traffic; remove it (docker network rm %s) or set network.name", n.Name, n.Bridge, n.Name)
			}
			return nil
		}
		if !errdefs.IsNotFound(err) {
			return fmt.Errorf("inspect Docker network %q: %w", n.Name, err)
		}
		_, err = dc.NetworkCreate(ctx, n.Name, types.NetworkCreate{
			CheckDuplicate: true, Driver: "bridge",
			Options: map[string]string{optICC: "false", optBridge: n.Bridge},
			Labels:  map[string]string{labelManaged: "true"},
		})
		if err == nil {
			return nil
		}
		// Another plugin process may have created it meanwhile: look again, once.
		if attempt > 0 || !errdefs.IsConflict(err) {
			return fmt.Errorf("create Docker network %q: %w", n.Name, err)
		}
	}
}

// firewallRules are the iptables invocations, in order, for the lease bridge. Forwarded
// traffic is filtered from DOCKER-USER, which Docker evaluates before its own accept rules;
// traffic to the host itself (the Nomad API, the gateway's metrics, Docker, anything bound
// on the host) arrives on INPUT. Replies to connections the host or allowed peers opened
// pass; so do the operator's allowed ranges; the rest of the denied ranges is rejected.
func firewallRules(n *NetworkConfig) [][]string {
	fwd, in := forwardChain(n.Bridge), inputChain(n.Bridge)
	var out [][]string
	for _, chain := range []string{fwd, in} {
		out = append(out, []string{"-N", chain, "?exists"}, []string{"-F", chain},
			[]string{"-A", chain, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "RETURN"})
		for _, a := range n.Allow {
			out = append(out, []string{"-A", chain, "-d", a, "-j", "RETURN"})
		}
	}
	for _, d := range deniedRanges {
		out = append(out, []string{"-A", fwd, "-d", d, "-j", "REJECT"})
	}
	out = append(out,
		[]string{"-A", fwd, "-m", "addrtype", "--dst-type", "LOCAL", "-j", "REJECT"},
		[]string{"-A", in, "-j", "REJECT"},
		[]string{"?hook", "DOCKER-USER", "-i", n.Bridge, "-j", fwd},
		[]string{"?hook", "INPUT", "-i", n.Bridge, "-j", in},
	)
	return out
}

// iptables runs one rule. "?exists" tolerates an existing chain; "?hook" inserts a jump at
// the top of a built-in chain unless it is already there.
func iptables(ctx context.Context, args ...string) error {
	run := func(a ...string) error {
		out, err := exec.CommandContext(ctx, "iptables", append([]string{"-w", "10"}, a...)...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("iptables %s: %w: %s", strings.Join(a, " "), err, strings.TrimSpace(string(out)))
		}
		return nil
	}
	switch {
	case len(args) == 3 && args[2] == "?exists":
		if err := run(args[:2]...); err != nil && !strings.Contains(err.Error(), "exists") {
			return err
		}
		return nil
	case args[0] == "?hook":
		rule := args[2:]
		if run(append([]string{"-C", args[1]}, rule...)...) == nil {
			return nil
		}
		return run(append([]string{"-I", args[1], "1"}, rule...)...)
	}
	return run(args...)
}
