package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// exposedWorld orders a lease exposing 8888/http (private) and 5432/tcp (private) from a
// provider whose node runs an ingress, and starts it on a container serving a page on 8888.
func exposedWorld(t *testing.T) (*world, lease.LeaseID) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true})
	in, err := gateway.NewIngress(sp.gw, gateway.IngressConfig{ListenAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- in.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("ingress: %v", err)
		}
	})
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.DebianImage)
	app := testsupport.StartContainer(t, dc, testsupport.DebianImage, []string{"sh", "-c",
		"mkdir -p /srv && echo hello-from-lease > /srv/index.html && cd /srv && exec python3 -m http.server 8888"})

	var rec map[string]string
	if err := json.Unmarshal([]byte(w.run("give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image=shale/debian:bookworm",
		"--expose=8888/http", "--expose=5432/tcp", "--no-wait", "--no-pay", "-o", "json").wantOK(t).stdout), &rec); err != nil {
		t.Fatal(err)
	}
	id := sp.start(w.created(0), func(l *gateway.Lease) {
		l.ContainerID = app
		l.Paid = l.Escrow // paid up front, so the ingress serves it without a payer running
	})
	if id.String() != rec["lease"] {
		t.Fatalf("started %s, ordered %s", id, rec["lease"])
	}
	return w, id
}

func httpGet(t *testing.T, u, auth string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// `shale open` prints a private http port's browser URL (token included) and the URL serves
// the lease's page; `shale leases` lists the exposures with URL and token.
func TestOpenPrintsURL(t *testing.T) {
	w, id := exposedWorld(t)
	var rec client.ExposeRecord
	if err := json.Unmarshal([]byte(w.run("open", id.String(), "8888", "-o", "json").wantOK(t).stdout), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Port != 8888 || rec.Protocol != "http" || rec.Public || rec.Token == "" ||
		!strings.HasSuffix(rec.URL, "/l/"+gateway.LeaseShort(id)+"/8888/") {
		t.Fatalf("open: %+v", rec)
	}
	if code, body := httpGet(t, rec.URL, ""); code != http.StatusUnauthorized {
		t.Fatalf("without the token: %d %q", code, body)
	}
	testsupport.Eventually(t, time.Minute, "the lease's page through its URL", func() error {
		if code, body := httpGet(t, rec.URL, "Bearer "+rec.Token); code != 200 || !strings.Contains(body, "hello-from-lease") {
			return fmt.Errorf("%d %q", code, body)
		}
		return nil
	})
	text := strings.TrimSpace(w.run("open", id.String(), "8888").wantOK(t).stdout)
	if text != rec.URL+"?shale_token="+url.QueryEscape(rec.Token) {
		t.Fatalf("open printed %q", text)
	}
	if code, _ := httpGet(t, text, ""); code != http.StatusSeeOther {
		t.Fatalf("browser URL: %d, want the redirect that sets the cookie", code)
	}

	var rs []client.LeaseRecord
	if err := json.Unmarshal([]byte(w.run("leases", "-o", "json").wantOK(t).stdout), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Exposes) != 2 {
		t.Fatalf("leases: %+v", rs)
	}
	if got := rs[0].Exposes[0]; got != rec {
		t.Fatalf("leases shows %+v, open showed %+v", got, rec)
	}
	if got := rs[0].Exposes[1]; got.Port != 5432 || got.URL != "" || got.Token != rec.Token {
		t.Fatalf("leases shows the tcp port as %+v", got)
	}
	out := w.run("leases").wantOK(t).stdout
	for _, want := range []string{
		id.String() + " exposes 8888/http (private): " + text,
		id.String() + " exposes 5432/tcp (private): shale open " + id.String() + " 5432 --forward",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("leases output lacks %q:\n%s", want, out)
		}
	}
}

// `shale open --forward` relays a local port to the container's port through SSH until
// stopped.
func TestOpenForward(t *testing.T) {
	w, id := exposedWorld(t)
	port := testsupport.FreePort(t)
	ctx, cancel := context.WithCancel(w.ctx)
	res := make(chan result, 1)
	go func() {
		res <- w.runCtx(ctx, "open", id.String(), "8888", "--forward", "--local", fmt.Sprintf("127.0.0.1:%d", port))
	}()
	testsupport.Eventually(t, time.Minute, "the page through the local forward", func() error {
		select {
		case r := <-res:
			t.Fatalf("open --forward ended: %d %s", r.code, r.stderr)
		default:
		}
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/", port))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if !strings.Contains(string(b), "hello-from-lease") {
			return fmt.Errorf("%d %q", resp.StatusCode, b)
		}
		return nil
	})
	cancel()
	r := <-res
	r.wantOK(t)
	if !strings.Contains(r.stdout, fmt.Sprintf("forwarding 127.0.0.1:%d to port 8888 of lease %s", port, id)) {
		t.Fatalf("stdout %q", r.stdout)
	}
}

// Bad ports are refused before anything is dialled, and a port the lease does not expose
// names the ones it does.
func TestOpenErrors(t *testing.T) {
	w, id := exposedWorld(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"0"}, `port "0": want the container port the lease exposes, 1-65535`},
		{[]string{"65536"}, `port "65536": want the container port the lease exposes, 1-65535`},
		{[]string{"http"}, `port "http": want the container port the lease exposes, 1-65535`},
		{[]string{"9999"}, "port not exposed: lease " + id.String() + " does not expose port 9999 (it exposes 8888/http, 5432/tcp)"},
		{[]string{"5432"}, "the provider's node serves no address for 5432/tcp: reach it with `shale open " + id.String() + " 5432 --forward`"},
		{[]string{"8888", "--local", "127.0.0.1:1"}, "--local goes with --forward"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			w.run(append([]string{"open", id.String()}, tc.args...)...).wantErr(t, tc.want)
		})
	}
}
