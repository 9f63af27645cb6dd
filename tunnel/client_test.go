package tunnel_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/tunnel"
)

func TestClientExecAndShell(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.DebianImage, key)
	ctx := gwtest.Context(t)
	c, err := tunnel.Dial(ctx, tunnel.Config{Addr: tg.Addr().String(), Lease: l.ID, Signer: key.Signer,
		HostKeyFingerprint: tg.HostKeyFingerprint()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tests := []struct {
		name, stdin string
		shell       bool
		cmd         string
		wantCode    int
		wantOut     string
	}{
		{name: "exec with stdin", cmd: "tr a-z A-Z; exit 2", stdin: "shale\n", wantCode: 2, wantOut: "SHALE\n"},
		{name: "exec stderr separate", cmd: "echo out; echo err >&2", wantOut: "out\n"},
		{name: "shell with pty", shell: true, stdin: "echo $((6*7)); exit 4\n", wantCode: 4, wantOut: "42"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			var code int
			var err error
			if tc.shell {
				code, err = c.Shell(ctx, "xterm", 24, 80, strings.NewReader(tc.stdin), &out)
			} else {
				code, err = c.Exec(ctx, tc.cmd, strings.NewReader(tc.stdin), &out, &errOut)
			}
			if err != nil || code != tc.wantCode {
				t.Fatalf("code %d err %v, want %d (out %q)", code, err, tc.wantCode, out.String())
			}
			if tc.shell && !strings.Contains(out.String(), tc.wantOut) || !tc.shell && out.String() != tc.wantOut {
				t.Fatalf("out %q, want %q", out.String(), tc.wantOut)
			}
		})
	}
}
