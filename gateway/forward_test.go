package gateway_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

func TestLocalForward(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.DebianImage, key)
	ctx := gwtest.Context(t)

	// A web server inside the container, started out of band like a user's service.
	ex, err := tg.Docker.ContainerExecCreate(ctx, l.ContainerID, types.ExecConfig{
		Cmd: []string{"sh", "-c", "cd /etc && exec python3 -m http.server 8000 >/dev/null 2>&1"}, Detach: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tg.Docker.ContainerExecStart(ctx, ex.ID, types.ExecStartCheck{Detach: true}); err != nil {
		t.Fatal(err)
	}

	local := testsupport.FreePort(t)
	fwdCtx, stopFwd := context.WithCancel(ctx)
	defer stopFwd()
	fwd := tg.SSH(fwdCtx, key, l.ID.String(), "-N", "-o", "ExitOnForwardFailure=yes",
		"-L", fmt.Sprintf("127.0.0.1:%d:localhost:8000", local), "")
	if err := fwd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stopFwd(); _ = fwd.Wait() }()

	testsupport.Eventually(t, time.Minute, "HTTP through ssh -L", func() error {
		resp, err := http.Get("http://127.0.0.1:" + strconv.Itoa(local) + "/hostname")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || len(b) == 0 {
			return fmt.Errorf("status %d body %q", resp.StatusCode, b)
		}
		return nil
	})

	// Stdio forwarding (also direct-tcpip) reaches the container by "localhost" ...
	out, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "-W", "localhost:8000", ""),
		[]byte("GET /hostname HTTP/1.0\r\n\r\n"))
	if code != 0 || !strings.HasPrefix(out, "HTTP/1.0 200") {
		t.Fatalf("-W localhost:8000: code %d out %q err %q", code, out, errOut)
	}
	// ... and anything else is refused: the gateway is no proxy into the SP's network.
	for _, dest := range []string{"10.255.255.1:80", "example.com:443", "172.17.0.1:2375"} {
		_, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "-W", dest, ""), []byte{})
		if code != 255 || !strings.Contains(errOut, "forwarding failed") {
			t.Fatalf("-W %s: code %d stderr %q, want refused", dest, code, errOut)
		}
	}
}
