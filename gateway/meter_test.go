package gateway_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

func TestBandwidthCapAndMetrics(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	const bw = 256 << 10
	const size = 1 << 20
	l := tg.LeaseFor(testsupport.BusyboxImage, key, func(l *gateway.Lease) { l.Bandwidth = bw })

	start := time.Now()
	out, errOut, code := gwtest.Run(t, tg.SSH(gwtest.Context(t), key, l.ID.String(), "head -c 1048576 /dev/zero"), nil)
	elapsed := time.Since(start)
	if code != 0 || len(out) != size {
		t.Fatalf("code %d, %d bytes, stderr %q", code, len(out), errOut)
	}
	// A lower bound only, so a slow machine can never fail it: after the one-second burst the
	// bucket admits bw bytes per second, so 1 MiB cannot arrive in under (size-burst)/bw.
	if min := time.Duration(float64(size-bw) / bw * float64(time.Second)); elapsed < min*9/10 {
		t.Fatalf("1 MiB at a %d B/s cap took %s, cannot be under %s", bw, elapsed, min)
	}
	u, ok := tg.Usage(l.ID)
	if !ok || u.BytesOut < size {
		t.Fatalf("usage %+v", u)
	}
	got := gather(t, tg.Registry())
	if v := got[`shale_gateway_bytes_total{direction="out"}`]; v < size {
		t.Fatalf("bytes out metric %v; all: %v", v, got)
	}
	if v := got[`shale_gateway_sessions_total{kind="exec"}`]; v < 1 {
		t.Fatalf("exec sessions metric %v; all: %v", v, got)
	}
}

// gather flattens a registry into "name{label="value"}" → value.
func gather(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			name := mf.GetName()
			if lp := m.GetLabel(); len(lp) > 0 {
				var parts []string
				for _, l := range lp {
					parts = append(parts, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
				}
				name += "{" + strings.Join(parts, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[name] = m.GetCounter().GetValue()
			case m.Gauge != nil:
				out[name] = m.GetGauge().GetValue()
			}
		}
	}
	return out
}

func TestForwardOnlyToContainer(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	c := tg.GoClient(key, l.ID.String())
	tests := []struct {
		host   string
		reason ssh.RejectionReason
	}{
		{"10.1.2.3", ssh.Prohibited},
		{"host.docker.internal", ssh.Prohibited},
		{"localhost", ssh.ConnectionFailed}, // the container, where nothing listens on 9
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			payload := ssh.Marshal(struct {
				Host       string
				Port       uint32
				OriginHost string
				OriginPort uint32
			}{tc.host, 9, "127.0.0.1", 1})
			ch, _, err := c.OpenChannel("direct-tcpip", payload)
			var oce *ssh.OpenChannelError
			if !errors.As(err, &oce) || oce.Reason != tc.reason {
				if ch != nil {
					ch.Close()
				}
				t.Fatalf("open to %s: %v, want rejection %v", tc.host, err, tc.reason)
			}
		})
	}
}
