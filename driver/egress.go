package driver

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/shaleprotocol/shale/lease"
)

// The gateway meters and caps a lease's SSH traffic; what the container sends on its own
// leaves through its eth0. A token-bucket qdisc on that eth0, installed from the host inside
// the container's network namespace (the lease has no CAP_NET_ADMIN to remove it), caps the
// lease's egress at its bandwidth; the host end of the veth receives those packets, so its
// receive counter counts them. Both go with the container. (tbf, not an ingress policer on
// the host end: it needs no kernel module beyond sch_tbf, which every distribution ships.)

// hostVeth names the host end of the container's eth0: its peer's ifindex is eth0's iflink,
// read through the container's own /sys (sysfs shows the network namespace it was mounted in).
func hostVeth(pid int) (string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/root/sys/class/net/eth0/iflink", pid))
	if err != nil {
		return "", fmt.Errorf("find the container's network interface: %w", err)
	}
	idx, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return "", fmt.Errorf("container eth0 iflink %q: %w", b, err)
	}
	ifc, err := net.InterfaceByIndex(idx)
	if err != nil {
		return "", fmt.Errorf("host end of the container's eth0 (ifindex %d): %w", idx, err)
	}
	return ifc.Name, nil
}

// capEgress shapes what the container with pid sends to bytesPerSec, with a burst of a tenth
// of a second (at least 64 KiB so full-size TCP bursts pass, at most 256 MiB).
func capEgress(ctx context.Context, pid int, bytesPerSec uint64) error {
	if bytesPerSec == 0 || bytesPerSec > lease.MaxBandwidth {
		return fmt.Errorf("egress cap %d B/s out of range", bytesPerSec)
	}
	burst := min(max(bytesPerSec/10, 64<<10), 256<<20)
	args := []string{"-t", strconv.Itoa(pid), "-n", "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf",
		"rate", strconv.FormatUint(bytesPerSec*8, 10) + "bit", "burst", strconv.FormatUint(burst, 10), "latency", "200ms"}
	if out, err := exec.CommandContext(ctx, "nsenter", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("nsenter %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// limitEgress caps a lease container's egress at the lease's bandwidth and returns the
// interface that carries it ("" when there is no cap or no network).
func (d *Driver) limitEgress(ctx context.Context, pc *Config, tc *TaskConfig, pid int) (string, error) {
	if tc.Lease == nil || tc.Lease.Bandwidth == "" || pc.NetworkMode == "none" {
		return "", nil
	}
	bw, err := lease.ParseSize(tc.Lease.Bandwidth)
	if err != nil || bw == 0 {
		return "", err
	}
	veth, err := hostVeth(pid)
	if err == nil {
		err = capEgress(ctx, pid, bw)
	}
	if err != nil {
		return "", fmt.Errorf("cap the lease's egress at %s/s: %w", tc.Lease.Bandwidth, err)
	}
	return veth, nil
}

// egressBytes is what the container has sent through its veth.
func egressBytes(veth string) (uint64, error) {
	b, err := os.ReadFile("/sys/class/net/" + veth + "/statistics/rx_bytes")
	if err != nil {
		return 0, err
	}
	return strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
}
