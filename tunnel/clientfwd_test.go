package tunnel_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
)

func TestClientForward(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.DebianImage, key)
	ctx := gwtest.Context(t)

	// A web server inside the container serving a file the test writes first.
	ex, err := tg.Docker.ContainerExecCreate(ctx, l.ContainerID, types.ExecConfig{
		Cmd:    []string{"sh", "-c", "mkdir -p /srv && echo forwarded-by-shale >/srv/probe && cd /srv && exec python3 -m http.server 8000 >/dev/null 2>&1"},
		Detach: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.Docker.ContainerExecStart(ctx, ex.ID, types.ExecStartCheck{Detach: true}); err != nil {
		t.Fatal(err)
	}

	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: tg.Addr().String(), Lease: l.ID, Signer: key.Signer,
		HostKeyFingerprint: tg.HostKeyFingerprint()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fwdCtx, stopFwd := context.WithCancel(ctx)
	defer stopFwd()
	addr, err := c.Forward(fwdCtx, "127.0.0.1:0", "localhost:8000")
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	url := "http://" + addr.String() + "/probe"
	testsupport.Eventually(t, time.Minute, "HTTP through tunnel.Client.Forward", func() error {
		resp, err := hc.Get(url)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != 200 || string(b) != "forwarded-by-shale\n" {
			return fmt.Errorf("status %d body %q", resp.StatusCode, b)
		}
		return nil
	})
	// Several connections at once, each its own channel.
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			resp, err := hc.Get(url)
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err == nil && string(b) != "forwarded-by-shale\n" {
				err = fmt.Errorf("body %q", b)
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}

	// A connection held open is closed when forwarding stops, and the port is released.
	held, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if _, err := held.Write([]byte("GET /probe HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 15)
	if _, err := io.ReadFull(held, buf); err != nil || !strings.HasPrefix(string(buf), "HTTP/1.0 200") {
		t.Fatalf("held connection: %q %v", buf, err)
	}
	stopFwd()
	if err := held.SetReadDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, held); err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatal("held connection not closed after forwarding stopped")
		}
	}
	testsupport.Eventually(t, time.Minute, "listener closed", func() error {
		nc, err := net.Dial("tcp", addr.String())
		if err != nil {
			return nil
		}
		nc.Close()
		return fmt.Errorf("%s still accepts", addr)
	})
	// Remote destinations outside the container are refused by the gateway; the local
	// connection is closed without data.
	ctx2, stop2 := context.WithCancel(ctx)
	defer stop2()
	bad, err := c.Forward(ctx2, "127.0.0.1:0", "172.17.0.1:2375")
	if err != nil {
		t.Fatal(err)
	}
	nc, err := net.Dial("tcp", bad.String())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.SetReadDeadline(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n, err := nc.Read(make([]byte, 1)); n != 0 || err == nil || os.IsTimeout(err) {
		t.Fatalf("refused destination: read %d, %v; want closed", n, err)
	}

	// Once both contexts ended, no forwarding goroutine is left.
	stop2()
	testsupport.Eventually(t, time.Minute, "forwarding goroutines gone", func() error {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		for _, fn := range []string{"(*tunnel.Client).serveForward", "(*tunnel.Client).forwardConn"} {
			if strings.Contains(stacks, fn) {
				return fmt.Errorf("%s still running", fn)
			}
		}
		return nil
	})
}
