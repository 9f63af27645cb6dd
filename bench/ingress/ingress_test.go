//go:build bench

// Package ingressbench measures HTTP throughput and latency through a lease's exposed port
// (the gateway's ingress) against the container's port reached directly, in the same run.
package ingressbench

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/shaleprotocol/shale/bench"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// server is the lease's web app: /small answers 2 bytes, /big 1 MiB, from memory.
const server = `
import http.server
small, big = b"ok", b"x" * (1 << 20)
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body in one write, without Nagle: else delayed ACKs add 40 ms per request
    wbufsize = 1 << 16
    disable_nagle_algorithm = True
    def log_message(self, *a): pass
    def do_GET(self):
        body = big if self.path == "/big" else small
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
http.server.ThreadingHTTPServer(("", 8080), H).serve_forever()
`

const (
	runs   = 3
	window = 4 * time.Second
)

type load struct {
	name        string
	path        string
	concurrency int
}

var loads = []load{{"small (2 B)", "/small", 8}, {"large (1 MiB)", "/big", 4}}

type sample struct {
	reqs  int
	bytes int64
	lat   []time.Duration
}

// drive sends GETs from c workers for the window and records each request's latency.
func drive(t *testing.T, client *http.Client, url, auth string, c int) sample {
	var mu sync.Mutex
	var s sample
	deadline := time.Now().Add(window)
	var wg sync.WaitGroup
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest("GET", url, nil)
				if auth != "" {
					req.Header.Set("Authorization", auth)
				}
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("GET %s: %d", url, resp.StatusCode)
					return
				}
				d := time.Since(start)
				mu.Lock()
				s.reqs++
				s.bytes += n
				s.lat = append(s.lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return s
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*p)]
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestIngressThroughput compares, per load, a private metered exposure (token checked,
// bytes counted) with the container's port dialled directly, interleaving the two.
func TestIngressThroughput(t *testing.T) {
	mach := bench.StartMachine()
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.DebianImage)
	cid := testsupport.StartContainer(t, dc, testsupport.DebianImage, []string{"python3", "-c", server})
	dir := t.TempDir()
	g, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host"),
		Docker: dc, VoucherDir: filepath.Join(dir, "vouchers")})
	if err != nil {
		t.Fatal(err)
	}
	in, err := gateway.NewIngress(g, gateway.IngressConfig{ListenAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = g.Serve(ctx) }()
	go func() { defer wg.Done(); _ = in.Serve(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	pub := testsupport.SSHKey(t, 1, "bench")
	pk, err := lease.ParseSSHKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	id := lease.LeaseID{ChainID: 31337, Order: [32]byte{1: 0xbe, 31: 1}}
	if err := g.Register(gateway.Lease{ID: id, ContainerID: cid, Keys: []ssh.PublicKey{pk},
		Price: lease.MustParsePrice("0attofil/1s"), Escrow: big.NewInt(1), StartedAt: time.Now(),
		Exposes: []lease.Expose{{Port: 8080, Protocol: "http"}}}); err != nil {
		t.Fatal(err)
	}
	info, err := dc.ContainerInspect(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	direct := "http://" + net.JoinHostPort(info.NetworkSettings.IPAddress, "8080")
	exposed := fmt.Sprintf("http://%s/l/%s/8080", in.Addr(), gateway.LeaseShort(id))
	auth := "Bearer " + g.IngressToken(id)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	testsupport.Eventually(t, time.Minute, "the app answering", func() error {
		resp, err := client.Get(direct + "/small")
		if err != nil {
			return err
		}
		resp.Body.Close()
		return nil
	})

	var b strings.Builder
	fmt.Fprintf(&b, "A Python `ThreadingHTTPServer` in a `shale/debian:bookworm` container answers GETs from memory; a Go client in the test process keeps the number of requests in the table in flight, %d interleaved runs of %s per path and load. "+
		"**exposed** = the gateway's ingress (path routing, private exposure: token checked, every byte metered through the lease's meter); **direct** = the container's port on the Docker bridge. "+
		"Client, ingress and container share the machine's CPUs, so the ingress's own CPU use lowers what the app can serve.\n\n",
		runs, window)
	fmt.Fprintf(&b, "| load | path | req/s (median) | MiB/s (median) | p50 latency | p99 latency |\n| --- | --- | --- | --- | --- | --- |\n")
	var ratios []string
	for _, l := range loads {
		rps := map[string][]float64{}
		mibs := map[string][]float64{}
		lats := map[string][]time.Duration{}
		for i := 0; i < runs; i++ {
			for j := 0; j < 2; j++ {
				name, url, a := "direct", direct+l.path, ""
				if (i+j)%2 == 1 {
					name, url, a = "exposed", exposed+l.path, auth
				}
				s := drive(t, client, url, a, l.concurrency)
				rps[name] = append(rps[name], float64(s.reqs)/window.Seconds())
				mibs[name] = append(mibs[name], float64(s.bytes)/(1<<20)/window.Seconds())
				lats[name] = append(lats[name], s.lat...)
			}
		}
		for _, name := range []string{"direct", "exposed"} {
			fmt.Fprintf(&b, "| %s, %d in flight | %s | %.0f | %.1f | %s | %s |\n", l.name, l.concurrency, name,
				median(rps[name]), median(mibs[name]), pct(lats[name], 0.5).Round(10*time.Microsecond), pct(lats[name], 0.99).Round(10*time.Microsecond))
		}
		ratios = append(ratios, fmt.Sprintf("%s %.2f", l.name, median(rps["exposed"])/median(rps["direct"])))
	}
	body := b.String()
	b.Reset()
	fmt.Fprintf(&b, "Command: `go test -tags bench -run TestIngressThroughput -count=1 -v ./bench/ingress`\n\n%s\n\n%s", mach, body)
	usage, _ := g.Usage(id)
	fmt.Fprintf(&b, "\n**Throughput ratio exposed / direct (median req/s): %s** (target ≥ 0.8)\n\n", strings.Join(ratios, "; "))
	fmt.Fprintf(&b, "Metered through the exposure during the run: %d bytes out, %d bytes in.\n", usage.BytesOut, usage.BytesIn)
	t.Log("\n" + b.String())
	if err := bench.WriteSection(filepath.Join(testsupport.Root(t), "bench", "RESULTS.md"), "Ingress: HTTP through an exposed port vs direct", b.String()); err != nil {
		t.Fatal(err)
	}
}
