package bridge_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// markup is what a hostile client puts in its order's spec: it must reach the operator as text.
const markup = `<b id="injected">bold</b><script>document.title="pwned"</script>`

// The operator page against a real bridge (Nomad, chain, prover): a settled lease with its
// exact earnings, a running one, a rejection whose reason carries the client's markup, and the
// node with its gateway, read in headless Chromium.
func TestOperatorPage(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	r := e.start(nil, nil, nil)

	// Paid over SSH until its end: settled for the last voucher.
	c1 := e.newClient()
	s1 := spec(t, "settled")
	o1 := e.order(c1, s1)
	e.waitChain(o1.ID, contracts.StateRunning, 3*time.Minute)
	rec1 := waitStore(t, r, o1.ID, bridge.Running, time.Minute)
	cc := e.dial(c1, s1, o1, rec1.Endpoint)
	cc.paidAtLeast(2)
	cc.cancel()
	<-cc.payErr
	e.chain.Advance(s1.Duration)
	settled := e.waitChain(o1.ID, contracts.StateSettled, 3*time.Minute)
	waitStore(t, r, o1.ID, bridge.Settled, time.Minute)

	// Running while the page is read.
	c2 := e.newClient()
	o2 := e.order(c2, spec(t, "running"))
	rec2 := waitStore(t, r, o2.ID, bridge.Running, 3*time.Minute)

	// A spec whose image is markup: rejected, with the image quoted in the reason.
	c3 := e.newClient()
	o3 := e.hostileOrder(c3, spec(t, "hostile"), markup)
	rec3 := waitStore(t, r, o3.ID, bridge.Rejected, 3*time.Minute)
	if !strings.Contains(rec3.Reason, "<b id=") {
		t.Fatalf("rejection reason %q does not carry the markup", rec3.Reason)
	}

	srv := httptest.NewServer(r.b.Handler(e.reg))
	t.Cleanup(srv.Close)

	ctx := testsupport.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible("#nodes")); err != nil {
		t.Fatal(err)
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return strings.TrimSpace(v)
	}
	if got, want := text("#settled"), lease.FormatFIL(settled.Paid); got != want {
		t.Errorf("settled %q, want %q", got, want)
	}
	if got := text("#running"); got != "1" {
		t.Errorf("running %q, want 1", got)
	}
	if got := text("#provider"); got != e.sp.Addr.Hex() {
		t.Errorf("provider %q", got)
	}
	orders := text("#orders")
	for _, id := range []string{rec1.LeaseID, rec2.LeaseID, rec3.LeaseID} {
		if !strings.Contains(orders, id) {
			t.Errorf("orders table lacks %s:\n%s", id, orders)
		}
	}
	// The markup is shown as the characters the client sent, and nothing of it ran or rendered.
	if got := text("#rejections .reason"); got != rec3.Reason {
		t.Errorf("rejection shown as %q, want the reason as text %q", got, rec3.Reason)
	}
	injected, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#injected, main script").length`))
	if err != nil || injected != 0 {
		t.Errorf("the client's markup became %d elements (%v)", injected, err)
	}
	if title, err := chromedp.Run(ctx, chromedp.Title()); err != nil || strings.Contains(title, "pwned") {
		t.Errorf("title %q (%v): the client's script ran", title, err)
	}
	nodes := text("#nodes")
	if !strings.Contains(nodes, n.NodeID) || !strings.Contains(nodes, n.GatewayAddr) {
		t.Errorf("nodes section lacks node %s with gateway %s:\n%s", n.NodeID, n.GatewayAddr, nodes)
	}
	testsupport.Screenshot(t, ctx, "../docs/img/bridge-page.png")
}

// hostileOrder creates s on chain with its encoded image replaced by image, past the
// checks an honest client runs; the order id no longer matches, which the bridge reports
// only after the spec itself.
func (e *env) hostileOrder(c client, s lease.Spec, image string) lease.Order {
	e.t.Helper()
	o := e.newOrder(c, s)
	// Encoded as the canonical form does, without escaping <, > and &, so only the image is wrong.
	var q bytes.Buffer
	enc := json.NewEncoder(&q)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(image); err != nil {
		e.t.Fatal(err)
	}
	bad := strings.Replace(string(o.SpecBytes), `"image":"`+s.Image+`"`, `"image":`+strings.TrimSpace(q.String()), 1)
	if bad == string(o.SpecBytes) {
		e.t.Fatalf("no image field in %s", o.SpecBytes)
	}
	o.SpecBytes = []byte(bad)
	e.create(c, o)
	return o
}

// The page is read-only, self-contained and only at /.
func TestOperatorPageRefusesAbuse(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	r := e.start(nil, nil, nil)
	srv := httptest.NewServer(r.b.Handler(e.reg))
	t.Cleanup(srv.Close)

	tests := []struct {
		method, path string
		body         string
		want         int
	}{
		{"GET", "/", "", http.StatusOK},
		{"HEAD", "/", "", http.StatusOK},
		{"POST", "/", "state=settled", http.StatusMethodNotAllowed},
		{"PUT", "/", "x", http.StatusMethodNotAllowed},
		{"DELETE", "/", "", http.StatusMethodNotAllowed},
		{"PATCH", "/", "{}", http.StatusMethodNotAllowed},
		{"GET", "/index.html", "", http.StatusNotFound},
		{"GET", "/../../etc/passwd", "", http.StatusNotFound},
		{"GET", "/page/page.css", "", http.StatusNotFound},
		{"GET", "/metrics", "", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequestWithContext(e.ctx, tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("%s %s: %d, want %d: %s", tc.method, tc.path, resp.StatusCode, tc.want, body)
			}
			if tc.want == http.StatusMethodNotAllowed && (resp.Header.Get("Allow") != "GET, HEAD" || !strings.Contains(string(body), "read-only")) {
				t.Fatalf("refusal without Allow or reason: %v %q", resp.Header, body)
			}
		})
	}

	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'", "X-Content-Type-Options": "nosniff",
		"X-Frame-Options": "DENY", "Content-Type": "text/html; charset=utf-8",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
	// No external assets: nothing the page loads leaves the bridge.
	page := strings.ToLower(string(body))
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "src=", "http://", "https://", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	// The health endpoints still answer JSON beside the page.
	var h bridge.HealthReport
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		t.Fatalf("/healthz: %v", err)
	}
}
