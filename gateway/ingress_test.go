package gateway_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
	"github.com/shaleprotocol/shale/wire"
)

// appScript is the lease's web app: it echoes each request (path, headers, how many it has
// seen), serves /big/N as N bytes, upgrades /upgrade to a byte echo and answers POSTs with
// the body's length.
const appScript = `
import http.server, json
hits = 0
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, code, body, ctype="application/json"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        global hits
        hits += 1
        if self.path == "/upgrade":
            self.send_response(101)
            self.send_header("Upgrade", "echo")
            self.send_header("Connection", "Upgrade")
            self.end_headers()
            self.wfile.flush()
            while True:
                b = self.connection.recv(4096)
                if not b:
                    break
                self.connection.sendall(b)
            self.close_connection = True
            return
        if self.path.startswith("/big/"):
            n = int(self.path[5:])
            self.send_response(200)
            self.send_header("Content-Length", str(n))
            self.end_headers()
            block = b"x" * 65536
            while n > 0:
                k = min(n, 65536)
                self.wfile.write(block[:k])
                n -= k
            return
        self.reply(200, json.dumps({"hits": hits, "path": self.path, "headers": dict(self.headers)}).encode())
    def do_POST(self):
        global hits
        hits += 1
        n = int(self.headers.get("Content-Length", "0"))
        got = 0
        while got < n:
            got += len(self.rfile.read(min(65536, n - got)))
        self.reply(200, str(got).encode(), "text/plain")
http.server.ThreadingHTTPServer(("", 8080), H).serve_forever()
`

type echo struct {
	Hits    int               `json:"hits"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
}

// ingressEnv is a gateway with its ingress on loopback and the app running in a container.
type ingressEnv struct {
	t   *testing.T
	gw  *gwtest.Gateway
	in  *gateway.Ingress
	key gwtest.ClientKey
	cid string
}

func startIngress(t *testing.T, mod ...func(*gateway.IngressConfig)) *ingressEnv {
	t.Helper()
	gw := gwtest.Start(t)
	cfg := gateway.IngressConfig{ListenAddr: "127.0.0.1:0"}
	for _, m := range mod {
		m(&cfg)
	}
	in, err := gateway.NewIngress(gw.Server, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ingress Serve: %v", err)
		}
	})
	testsupport.RequireImage(t, gw.Docker, testsupport.DebianImage)
	cid := testsupport.StartContainer(t, gw.Docker, testsupport.DebianImage, []string{"python3", "-c", appScript})
	return &ingressEnv{t: t, gw: gw, in: in, key: gwtest.NewClientKey(t), cid: cid}
}

// lease registers a lease on the app's container exposing port 8080 (public or not) and
// waits until the app answers through the ingress.
func (e *ingressEnv) lease(public bool, mod ...func(*gateway.Lease)) gateway.Lease {
	e.t.Helper()
	l := e.gw.LeaseOn(e.cid, e.key, append([]func(*gateway.Lease){func(l *gateway.Lease) {
		l.Exposes = []lease.Expose{{Port: 8080, Protocol: "http", Public: public}}
	}}, mod...)...)
	return l
}

func (e *ingressEnv) url(l gateway.Lease, port int, rest string) string {
	return fmt.Sprintf("http://%s/l/%s/%d%s", e.in.Addr(), gateway.LeaseShort(l.ID), port, rest)
}

// waitApp polls until the app answers through the ingress with the lease's token.
func (e *ingressEnv) waitApp(l gateway.Lease) {
	e.t.Helper()
	testsupport.Eventually(e.t, 60*time.Second, "app answering through the ingress", func() error {
		resp, err := e.do("GET", e.url(l, 8080, "/ready"), nil, "Bearer "+e.gw.IngressToken(l.ID))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	})
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (e *ingressEnv) do(method, u string, hdr map[string]string, auth string) (*http.Response, error) {
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v // Go's client sends req.Host, not a Host header
			continue
		}
		req.Header.Set(k, v)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	return noRedirect.Do(req)
}

func (e *ingressEnv) get(u string, hdr map[string]string, auth string) (int, string, http.Header) {
	e.t.Helper()
	resp, err := e.do("GET", u, hdr, auth)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func (e *ingressEnv) echo(u string, hdr map[string]string, auth string) echo {
	e.t.Helper()
	code, body, _ := e.get(u, hdr, auth)
	if code != 200 {
		e.t.Fatalf("GET %s: %d %s", u, code, body)
	}
	var out echo
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		e.t.Fatalf("GET %s: %v in %q", u, err, body)
	}
	return out
}

// A public exposure is served under /l/<lease>/<port>/ with the prefix removed, and every
// byte to and from the container is counted against the lease.
func TestIngressPublicPathRouting(t *testing.T) {
	e := startIngress(t)
	l := e.lease(true)
	e.waitApp(l)
	before, _ := e.gw.Usage(l.ID)
	got := e.echo(e.url(l, 8080, "/a/b?x=1"), nil, "")
	if got.Path != "/a/b?x=1" || got.Headers["X-Forwarded-Prefix"] != "/l/"+gateway.LeaseShort(l.ID)+"/8080" {
		t.Fatalf("the app saw %+v", got)
	}
	const size = 3 << 20
	code, body, _ := e.get(e.url(l, 8080, fmt.Sprintf("/big/%d", size)), nil, "")
	if code != 200 || len(body) != size {
		t.Fatalf("download: %d, %d bytes", code, len(body))
	}
	resp, err := http.Post(e.url(l, 8080, "/upload"), "application/octet-stream", strings.NewReader(strings.Repeat("u", size)))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != fmt.Sprint(size) {
		t.Fatalf("upload: the app read %q bytes", b)
	}
	after, _ := e.gw.Usage(l.ID)
	if out := after.BytesOut - before.BytesOut; out < size {
		t.Errorf("metered %d bytes out, the download alone was %d", out, size)
	}
	if in := after.BytesIn - before.BytesIn; in < size {
		t.Errorf("metered %d bytes in, the upload alone was %d", in, size)
	}
}

// Routes that name no exposed http port are refused by the gateway, with what to do.
func TestIngressUnknownRoutes(t *testing.T) {
	e := startIngress(t)
	l := e.lease(true, func(l *gateway.Lease) {
		l.Exposes = []lease.Expose{{Port: 8080, Protocol: "http", Public: true}, {Port: 5432, Protocol: "tcp", Public: true}}
	})
	other := gwtest.RandomLeaseID(t)
	for _, tc := range []struct {
		name, url string
		code      int
		says      string
	}{
		{"no prefix", fmt.Sprintf("http://%s/", e.in.Addr()), 404, "no lease here"},
		{"bad port", fmt.Sprintf("http://%s/l/%s/99999/", e.in.Addr(), gateway.LeaseShort(l.ID)), 404, "no lease here"},
		{"port zero", fmt.Sprintf("http://%s/l/%s/0/", e.in.Addr(), gateway.LeaseShort(l.ID)), 404, "no lease here"},
		{"port not exposed", e.url(l, 8081, "/"), 404, "port 8081 is not exposed over http"},
		{"tcp port over http", e.url(l, 5432, "/"), 404, "port 5432 is not exposed over http"},
		{"unknown lease", fmt.Sprintf("http://%s/l/%s/8080/", e.in.Addr(), gateway.LeaseShort(other)), 410, "is not running"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body, _ := e.get(tc.url, nil, "")
			if code != tc.code || !strings.Contains(body, tc.says) {
				t.Fatalf("GET %s: %d %q, want %d with %q", tc.url, code, body, tc.code, tc.says)
			}
		})
	}
}

// A private exposure answers 401 to every request without the lease's token and never
// contacts the container; the token is accepted in each documented form and never reaches
// the app.
func TestIngressPrivateNeedsToken(t *testing.T) {
	e := startIngress(t)
	l := e.lease(false)
	other := e.gw.LeaseOn(e.cid, e.key)
	token, wrong := e.gw.IngressToken(l.ID), e.gw.IngressToken(other.ID)
	if token == "" || token == wrong {
		t.Fatalf("tokens %q and %q", token, wrong)
	}
	// Before the app is known to be up nothing may reach it, so the refusals come first and
	// the first admitted request must be the app's first hit.
	for _, tc := range []struct {
		name string
		hdr  map[string]string
		auth string
		url  string
	}{
		{"none", nil, "", e.url(l, 8080, "/")},
		{"another lease's token", nil, "Bearer " + wrong, e.url(l, 8080, "/")},
		{"empty bearer", nil, "Bearer ", e.url(l, 8080, "/")},
		{"basic auth", nil, "Basic " + token, e.url(l, 8080, "/")},
		{"token prefix", map[string]string{gateway.IngressTokenHeader: token[:20]}, "", e.url(l, 8080, "/")},
		{"wrong cookie", map[string]string{"Cookie": gateway.IngressTokenCookie + "=" + wrong}, "", e.url(l, 8080, "/")},
		{"wrong query", nil, "", e.url(l, 8080, "/?"+gateway.IngressTokenParam+"="+url.QueryEscape(wrong))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body, hdr := e.get(tc.url, tc.hdr, tc.auth)
			if code != 401 || !strings.Contains(body, "this exposure is private") || !strings.HasPrefix(hdr.Get("WWW-Authenticate"), "Bearer") {
				t.Fatalf("%d %q %v, want 401", code, body, hdr)
			}
		})
	}
	e.waitApp(l)
	// Polls before the app listened never reached it, so the app has seen waitApp's one
	// successful request and this one.
	if first := e.echo(e.url(l, 8080, "/first"), nil, "Bearer "+token); first.Hits != 2 {
		t.Fatalf("the app had %d requests, want 2: the refused ones must not have reached it", first.Hits)
	}

	for name, hdr := range map[string]map[string]string{
		"header": {gateway.IngressTokenHeader: token},
		"cookie": {"Cookie": "app=1; " + gateway.IngressTokenCookie + "=" + token},
	} {
		t.Run(name, func(t *testing.T) {
			got := e.echo(e.url(l, 8080, "/x"), hdr, "")
			for k, v := range got.Headers {
				if strings.Contains(v, token) {
					t.Errorf("the app saw the token in %s: %q", k, v)
				}
			}
			if name == "cookie" && got.Headers["Cookie"] != "app=1" {
				t.Errorf("the app's own cookie: %q", got.Headers["Cookie"])
			}
		})
	}

	// A browser brings the token once in the query; it is moved into a cookie.
	code, _, hdr := e.get(e.url(l, 8080, "/nb?a=1&"+gateway.IngressTokenParam+"="+url.QueryEscape(token)), nil, "")
	if code != http.StatusSeeOther || hdr.Get("Location") != "/l/"+gateway.LeaseShort(l.ID)+"/8080/nb?a=1" {
		t.Fatalf("query token: %d, Location %q", code, hdr.Get("Location"))
	}
	c, err := http.ParseSetCookie(hdr.Get("Set-Cookie"))
	if err != nil || c.Value != token || !c.HttpOnly || c.Path != "/l/"+gateway.LeaseShort(l.ID)+"/" {
		t.Fatalf("Set-Cookie %q: %+v %v", hdr.Get("Set-Cookie"), c, err)
	}
}

// After the lease ends every request is refused at once (410), and one in flight is cut.
func TestIngressEndedLease(t *testing.T) {
	e := startIngress(t)
	l := e.lease(true, func(l *gateway.Lease) { l.Bandwidth = 64 << 10 })
	e.waitApp(l)
	resp, err := http.Get(e.url(l, 8080, fmt.Sprintf("/big/%d", 64<<20)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadFull(resp.Body, make([]byte, 1024)); err != nil {
		t.Fatal(err)
	}
	e.gw.Unregister(l.ID)
	readErr := make(chan error, 1)
	go func() {
		_, err := io.Copy(io.Discard, resp.Body)
		readErr <- err
	}()
	select {
	case err := <-readErr:
		if err == nil {
			t.Fatal("the 64 MiB download completed after the lease ended")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the download in flight was not cut when the lease ended")
	}
	code, body, _ := e.get(e.url(l, 8080, "/"), nil, "")
	if code != http.StatusGone || !strings.Contains(body, "is not running") {
		t.Fatalf("after the end: %d %q", code, body)
	}
}

// A priced lease behind on payment gets 402 and its container is not contacted; once its
// payments cover the time it ran it is served.
func TestIngressUnpaid(t *testing.T) {
	e := startIngress(t)
	priced := func(paid *big.Int) func(*gateway.Lease) {
		return func(l *gateway.Lease) {
			l.Price = lease.MustParsePrice("1000attofil/1s")
			l.Escrow = big.NewInt(1 << 40)
			l.Prepay, l.Grace = 10*time.Second, gateway.DefaultMaxGrace
			pk, err := voucher.GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			l.PaymentKey = pk.Public()
			l.StartedAt = time.Now().Add(-time.Hour)
			l.Paid = paid
		}
	}
	unpaid := e.lease(true, priced(nil))
	code, body, _ := e.get(e.url(unpaid, 8080, "/"), nil, "")
	if code != http.StatusPaymentRequired || !strings.Contains(body, "behind on payment (paid 0 of") {
		t.Fatalf("unpaid: %d %q", code, body)
	}
	paid := e.lease(true, priced(big.NewInt(1<<40)))
	e.waitApp(paid)
	if code, body, _ := e.get(e.url(unpaid, 8080, "/"), nil, ""); code != http.StatusPaymentRequired {
		t.Fatalf("unpaid, with the app up: %d %q", code, body)
	}
	// The app has seen waitApp's one successful request and this one, none of the unpaid's.
	if got := e.echo(e.url(paid, 8080, "/"), nil, ""); got.Hits != 2 {
		t.Fatalf("the app had %d requests, want 2", got.Hits)
	}
}

// Routing by host name: <short>-<port>.<domain>, and <short>.<domain> for a lease's only
// http exposure.
func TestIngressHostRouting(t *testing.T) {
	e := startIngress(t, func(c *gateway.IngressConfig) { c.Domain = "Leases.Example.org." })
	l := e.lease(true)
	e.waitApp(l)
	short := gateway.LeaseShort(l.ID)
	for _, tc := range []struct {
		host string
		code int
	}{
		{short + "-8080.leases.example.org", 200},
		{short + ".leases.example.org", 200},
		{strings.ToUpper(short) + ".LEASES.example.org:443", 200},
		{short + "-9090.leases.example.org", 404},
		{short + "-x.leases.example.org", 404},
		{"a." + short + ".leases.example.org", 404},
		{short + ".leases.example.org.evil.com", 404},
		{"leases.example.org", 404},
	} {
		t.Run(tc.host, func(t *testing.T) {
			code, body, _ := e.get("http://"+e.in.Addr().String()+"/p", map[string]string{"Host": tc.host}, "")
			if code != tc.code {
				t.Fatalf("Host %s: %d %q, want %d", tc.host, code, body, tc.code)
			}
		})
	}
}

// Slow clients (slowloris: headers dribbled, never finished) are cut after the header
// timeout, and the gateway's goroutines come back to where they were.
func TestIngressSlowloris(t *testing.T) {
	e := startIngress(t, func(c *gateway.IngressConfig) {
		c.ReadHeaderTimeout = 500 * time.Millisecond
		c.MaxConnsPerSource = 100
	})
	base := runtime.NumGoroutine()
	const n = 50
	conns := make([]net.Conn, n)
	for i := range conns {
		c, err := net.Dial("tcp", e.in.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "); err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	for i, c := range conns {
		_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, err := io.ReadAll(c)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("slow connection %d was still open after 30s", i)
		}
	}
	testsupport.Eventually(t, 30*time.Second, "goroutines back to the baseline", func() error {
		if g := runtime.NumGoroutine(); g > base+5 {
			return fmt.Errorf("%d goroutines, %d before the slow clients", g, base)
		}
		return nil
	})
}

// A flood of connections from one source: past the per-source limit each new one gets 429
// and is closed in the accept loop, so goroutines and memory stay bounded; the lease is
// still served once the flood is gone.
func TestIngressConnectionFlood(t *testing.T) {
	const limit = 8
	e := startIngress(t, func(c *gateway.IngressConfig) { c.MaxConnsPerSource = limit })
	l := e.lease(true)
	e.waitApp(l)
	http.DefaultClient.CloseIdleConnections()
	noRedirect.CloseIdleConnections()
	testsupport.Eventually(t, 30*time.Second, "earlier connections closed", func() error {
		c, err := net.Dial("tcp", e.in.Addr().String())
		if err != nil {
			return err
		}
		c.Close()
		return nil
	})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	base := runtime.NumGoroutine()

	const flood = 400
	held := make([]net.Conn, 0, flood)
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	refused := 0
	for i := 0; i < flood; i++ {
		c, err := net.Dial("tcp", e.in.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		if i < limit {
			continue
		}
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		b, _ := io.ReadAll(c)
		if !strings.HasPrefix(string(b), "HTTP/1.1 429") || !strings.Contains(string(b), "too many connections from your address") {
			t.Fatalf("connection %d over the limit read %q", i, b)
		}
		refused++
	}
	if refused != flood-limit {
		t.Fatalf("%d refused, want %d", refused, flood-limit)
	}
	if g := runtime.NumGoroutine(); g > base+4*limit+10 {
		t.Errorf("%d goroutines during a flood of %d connections (%d before)", g, flood, base)
	}
	var during runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&during)
	if grew := int64(during.HeapInuse) - int64(before.HeapInuse); grew > 32<<20 {
		t.Errorf("heap grew by %d bytes during the flood", grew)
	}
	for _, c := range held {
		c.Close()
	}
	held = held[:0]
	testsupport.Eventually(t, 30*time.Second, "served again after the flood", func() error {
		code, _, _ := e.get(e.url(l, 8080, "/"), nil, "")
		if code != 200 {
			return fmt.Errorf("status %d", code)
		}
		return nil
	})
}

// Oversized headers are refused by the server (431) before any routing.
func TestIngressHeaderBound(t *testing.T) {
	e := startIngress(t, func(c *gateway.IngressConfig) { c.MaxHeaderBytes = 4 << 10 })
	l := e.lease(true)
	c, err := net.Dial("tcp", e.in.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go func() {
		// The server answers before it has read all of this; the write may fail then.
		_, _ = io.WriteString(c, "GET /l/"+gateway.LeaseShort(l.ID)+"/8080/ HTTP/1.1\r\nHost: x\r\nX-Big: "+strings.Repeat("a", 64<<10)+"\r\n\r\n")
	}()
	_ = c.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(c).ReadString('\n')
	if !strings.HasPrefix(line, "HTTP/1.1 431") {
		t.Fatalf("64 KiB header: %q %v, want 431", line, err)
	}
}

func TestIngressConfigBounds(t *testing.T) {
	gw := gwtest.Start(t)
	for _, tc := range []struct {
		name string
		cfg  gateway.IngressConfig
		want string
	}{
		{"negative timeout", gateway.IngressConfig{ReadHeaderTimeout: -1}, "read_header_timeout -1ns: want a positive duration of at most 1h0m0s"},
		{"huge idle timeout", gateway.IngressConfig{IdleTimeout: 48 * time.Hour}, "idle_timeout 48h0m0s: want a positive duration of at most 1h0m0s"},
		{"huge headers", gateway.IngressConfig{MaxHeaderBytes: 1 << 30}, "max_header_bytes 1073741824: want a number between 1 and 1048576"},
		{"negative per source", gateway.IngressConfig{MaxConnsPerSource: -1}, "max_conns_per_source -1: want a number between 1 and 65536"},
		{"huge total", gateway.IngressConfig{MaxConns: 1 << 20}, "max_conns 1048576: want a number between 1 and 65536"},
		{"cert without key", gateway.IngressConfig{CertFile: "/c.pem"}, "cert_file and key_file go together"},
		{"domain with port", gateway.IngressConfig{Domain: "example.org:443"}, `domain "example.org:443": want a bare DNS name`},
		{"advertise with path", gateway.IngressConfig{AdvertiseURL: "https://x.org/app"}, `advertise_url "https://x.org/app": want a scheme and host only`},
		{"advertise ftp", gateway.IngressConfig{AdvertiseURL: "ftp://x.org"}, `advertise_url "ftp://x.org": want a scheme and host only`},
		{"advertise without scheme", gateway.IngressConfig{AdvertiseURL: "x.org:80"}, `advertise_url "x.org:80": want a scheme and host only`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.ListenAddr = "127.0.0.1:0"
			_, err := gateway.NewIngress(gw.Server, tc.cfg)
			if !errors.Is(err, gateway.ErrIngressConfig) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewIngress = %v, want ErrIngressConfig with %q", err, tc.want)
			}
		})
	}
}

func TestLeaseShort(t *testing.T) {
	var id lease.LeaseID
	for i := range id.Order {
		id.Order[i] = byte(i * 17)
	}
	if got := gateway.LeaseShort(id); got != "00112233445566778899" {
		t.Fatalf("LeaseShort = %q", got)
	}
}

// A lease's client learns its exposures' URLs and token over its own SSH connection, and the
// URL it gets serves it; a lease without exposures gets none and no token.
func TestExposeInfo(t *testing.T) {
	e := startIngress(t)
	l := e.lease(false, func(l *gateway.Lease) {
		l.Exposes = []lease.Expose{{Port: 8080, Protocol: "http"}, {Port: 5432, Protocol: "tcp"}}
	})
	bare := e.gw.LeaseOn(e.cid, e.key)
	got := e.exposeInfo(l.ID)
	wantURL := fmt.Sprintf("http://%s/l/%s/8080/", e.in.Addr(), gateway.LeaseShort(l.ID))
	want := wire.ExposeInfo{Token: e.gw.IngressToken(l.ID), Exposes: []wire.ExposeEndpoint{
		{Port: 8080, Protocol: "http", URL: wantURL}, {Port: 5432, Protocol: "tcp"}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("expose-info\n got %+v\nwant %+v", got, want)
	}
	e.waitApp(l)
	if echo := e.echo(got.Exposes[0].URL+"p", nil, "Bearer "+got.Token); echo.Path != "/p" {
		t.Fatalf("the advertised URL reached %q", echo.Path)
	}
	if none := e.exposeInfo(bare.ID); none.Token != "" || len(none.Exposes) != 0 {
		t.Fatalf("a lease without exposures got %+v", none)
	}
}

// With a domain, clients get host-routed URLs under the advertised scheme and port.
func TestExposeInfoDomainURLs(t *testing.T) {
	e := startIngress(t, func(c *gateway.IngressConfig) {
		c.Domain, c.AdvertiseURL = "leases.example.org", "https://leases.example.org:8443/"
	})
	l := e.lease(true)
	got := e.exposeInfo(l.ID)
	if want := "https://" + gateway.LeaseShort(l.ID) + "-8080.leases.example.org:8443/"; len(got.Exposes) != 1 || got.Exposes[0].URL != want {
		t.Fatalf("expose-info %+v, want URL %s", got, want)
	}
}

// exposeInfo asks the gateway, over the lease's own SSH connection, what it exposes.
func (e *ingressEnv) exposeInfo(id lease.LeaseID) wire.ExposeInfo {
	e.t.Helper()
	ctx := gwtest.Context(e.t)
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: e.gw.Addr().String(), Lease: id, Signer: e.key.Signer, HostKeyFingerprint: e.gw.HostKeyFingerprint()})
	if err != nil {
		e.t.Fatal(err)
	}
	defer c.Close()
	got, err := c.ExposeInfo(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return got
}

// A public tcp exposure gets a port from the operator's range and relays to the container,
// metered; a private one gets none. When the range is full a lease waits for a port, and
// the port passes on, with its open connections cut, when its lease ends.
func TestIngressTCP(t *testing.T) {
	port := testsupport.FreePort(t)
	e := startIngress(t, func(c *gateway.IngressConfig) { c.TCPPortFirst, c.TCPPortLast = port, port })
	tcpURL := fmt.Sprintf("tcp://127.0.0.1:%d", port)
	first := e.lease(true, func(l *gateway.Lease) { l.Exposes = []lease.Expose{{Port: 8080, Protocol: "tcp", Public: true}} })
	testsupport.Eventually(t, 30*time.Second, "a port for the public tcp exposure", func() error {
		if got := e.exposeInfo(first.ID); got.Exposes[0].URL != tcpURL {
			return fmt.Errorf("expose-info %+v", got)
		}
		return nil
	})
	private := e.lease(false, func(l *gateway.Lease) { l.Exposes = []lease.Expose{{Port: 8080, Protocol: "tcp"}} })
	waiting := e.lease(true, func(l *gateway.Lease) { l.Exposes = []lease.Expose{{Port: 8080, Protocol: "tcp", Public: true}} })
	for _, id := range []lease.LeaseID{private.ID, waiting.ID} {
		if got := e.exposeInfo(id); got.Exposes[0].URL != "" {
			t.Fatalf("lease %s got %+v; a private port, or one beyond a full range, has no address", id, got)
		}
	}

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	var got echo
	testsupport.Eventually(t, time.Minute, "the app through the tcp port", func() error {
		resp, err := http.Get(base + "/tcp")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		return json.NewDecoder(resp.Body).Decode(&got)
	})
	if got.Path != "/tcp" {
		t.Fatalf("the app saw %+v", got)
	}
	before, _ := e.gw.Usage(first.ID)
	const size = 2 << 20
	resp, err := http.Get(fmt.Sprintf("%s/big/%d", base, size))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	after, _ := e.gw.Usage(first.ID)
	if n != size || after.BytesOut-before.BytesOut < size {
		t.Fatalf("downloaded %d bytes, metered %d out", n, after.BytesOut-before.BytesOut)
	}

	held, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if _, err := io.WriteString(held, "GET /held HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(held).ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.") {
		t.Fatalf("held connection: %q %v", line, err)
	}
	e.gw.Unregister(first.ID)
	_ = held.SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.Copy(io.Discard, held); err != nil {
		t.Fatalf("the connection of the ended lease was not closed: %v", err)
	}
	testsupport.Eventually(t, 30*time.Second, "the freed port passed to the waiting lease", func() error {
		if got := e.exposeInfo(waiting.ID); got.Exposes[0].URL != tcpURL {
			return fmt.Errorf("expose-info %+v", got)
		}
		return nil
	})
}

func TestIngressTCPRangeBounds(t *testing.T) {
	gw := gwtest.Start(t)
	for _, r := range [][2]int{{0, 10}, {10, 5}, {1, 70000}, {1000, 1000 + 4096}, {-1, 10}} {
		_, err := gateway.NewIngress(gw.Server, gateway.IngressConfig{ListenAddr: "127.0.0.1:0", TCPPortFirst: r[0], TCPPortLast: r[1]})
		if !errors.Is(err, gateway.ErrIngressConfig) || !strings.Contains(err.Error(), "want a range within 1-65535 of at most 4096 ports") {
			t.Errorf("range %v: %v", r, err)
		}
	}
}

// A port of the range that another process holds is skipped, not fought over.
func TestIngressTCPSkipsTakenPorts(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	first := taken.Addr().(*net.TCPAddr).Port
	// Some of the 50 ports after it are free on any machine this runs on.
	e := startIngress(t, func(c *gateway.IngressConfig) { c.TCPPortFirst, c.TCPPortLast = first, min(first+50, 65535) })
	l := e.lease(true, func(l *gateway.Lease) { l.Exposes = []lease.Expose{{Port: 8080, Protocol: "tcp", Public: true}} })
	testsupport.Eventually(t, 30*time.Second, "a port for the exposure", func() error {
		got := e.exposeInfo(l.ID).Exposes[0].URL
		if got == "" {
			return errors.New("no port yet")
		}
		if got == fmt.Sprintf("tcp://127.0.0.1:%d", first) {
			t.Fatalf("the ingress handed out %s, which another process holds", got)
		}
		return nil
	})
}

// An upgraded connection (as a notebook's kernel WebSocket) is relayed, and cut when the
// lease ends.
func TestIngressUpgradedConnectionEndsWithLease(t *testing.T) {
	e := startIngress(t)
	l := e.lease(true)
	e.waitApp(l)
	c, err := net.Dial("tcp", e.in.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := fmt.Fprintf(c, "GET /l/%s/8080/upgrade HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n", gateway.LeaseShort(l.ID)); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	if _, err := io.WriteString(c, "ping"); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 4)
	if _, err := io.ReadFull(br, got); err != nil || string(got) != "ping" {
		t.Fatalf("echo %q %v", got, err)
	}
	e.gw.Unregister(l.ID)
	if _, err := io.Copy(io.Discard, br); err != nil {
		t.Fatalf("the upgraded connection outlived its lease: %v", err)
	}
}
