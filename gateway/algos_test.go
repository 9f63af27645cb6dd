package gateway_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

func TestConfiguredCiphers(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.Ciphers = []string{"aes256-ctr"} })
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	ctx := gwtest.Context(t)

	out, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "-o", "Ciphers=aes256-ctr", "echo ok; exit 6"), nil)
	if code != 6 || out != "ok\n" {
		t.Fatalf("Ciphers=aes256-ctr: code %d out %q stderr %q, want 6 and ok", code, out, errOut)
	}
	_, errOut, code = gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "-v", "-o", "Ciphers=chacha20-poly1305@openssh.com", "exit 0"), nil)
	if code != 255 || !strings.Contains(errOut, "no matching cipher") {
		t.Fatalf("Ciphers=chacha20-poly1305: code %d stderr %q, want refused for no matching cipher", code, errOut)
	}
}

func TestNewRejectsWeakAlgorithms(t *testing.T) {
	dc := testsupport.Docker(t)
	tests := []struct {
		name string
		mod  func(*gateway.Config)
		want string
	}{
		{"cbc cipher", func(c *gateway.Config) { c.Ciphers = []string{"aes256-gcm@openssh.com", "aes128-cbc"} }, `cipher algorithm "aes128-cbc" is not allowed`},
		{"arcfour", func(c *gateway.Config) { c.Ciphers = []string{"arcfour256"} }, `cipher algorithm "arcfour256" is not allowed`},
		{"sha1 mac", func(c *gateway.Config) { c.MACs = []string{"hmac-sha1"} }, `MAC algorithm "hmac-sha1" is not allowed`},
		{"dh group1", func(c *gateway.Config) { c.KeyExchanges = []string{"diffie-hellman-group1-sha1"} },
			`key exchange algorithm "diffie-hellman-group1-sha1" is not allowed`},
		{"sha1 group14", func(c *gateway.Config) { c.KeyExchanges = []string{"diffie-hellman-group14-sha1"} },
			`key exchange algorithm "diffie-hellman-group14-sha1" is not allowed`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "host"), Docker: dc}
			tc.mod(&cfg)
			g, err := gateway.New(cfg)
			if err == nil {
				stopServing(t, g)
				t.Fatal("New accepted a weak algorithm")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
	// The modern non-default algorithms are accepted.
	g, err := gateway.New(gateway.Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "host"), Docker: dc,
		KeyExchanges: []string{"ecdh-sha2-nistp256"}, Ciphers: []string{"aes128-ctr"}, MACs: []string{"hmac-sha2-512"}})
	if err != nil {
		t.Fatal(err)
	}
	stopServing(t, g)
}

// stopServing releases g's listener: Serve on an ended context closes it and returns.
func stopServing(t *testing.T, g *gateway.Server) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Serve(ctx); err != nil {
		t.Errorf("Serve: %v", err)
	}
}
