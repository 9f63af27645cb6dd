package sshtunnel

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

func TestConfiguredCiphers(t *testing.T) {
	tg := startGateway(t, func(c *Config) { c.Ciphers = []string{"aes256-ctr"} })
	key := newClientKey(t)
	l := tg.leaseFor(testsupport.BusyboxImage, key)
	ctx := testContext(t)

	out, errOut, code := run(t, tg.ssh(ctx, key, l.ID.String(), "-o", "Ciphers=aes256-ctr", "echo ok; exit 6"), nil)
	if code != 6 || out != "ok\n" {
		t.Fatalf("Ciphers=aes256-ctr: code %d out %q stderr %q, want 6 and ok", code, out, errOut)
	}
	_, errOut, code = run(t, tg.ssh(ctx, key, l.ID.String(), "-v", "-o", "Ciphers=chacha20-poly1305@openssh.com", "exit 0"), nil)
	if code != 255 || !strings.Contains(errOut, "no matching cipher") {
		t.Fatalf("Ciphers=chacha20-poly1305: code %d stderr %q, want refused for no matching cipher", code, errOut)
	}
}

func TestNewRejectsWeakAlgorithms(t *testing.T) {
	dc := testsupport.Docker(t)
	tests := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"cbc cipher", func(c *Config) { c.Ciphers = []string{"aes256-gcm@openssh.com", "aes128-cbc"} }, `cipher algorithm "aes128-cbc" is not allowed`},
		{"arcfour", func(c *Config) { c.Ciphers = []string{"arcfour256"} }, `cipher algorithm "arcfour256" is not allowed`},
		{"sha1 mac", func(c *Config) { c.MACs = []string{"hmac-sha1"} }, `MAC algorithm "hmac-sha1" is not allowed`},
		{"dh group1", func(c *Config) { c.KeyExchanges = []string{"diffie-hellman-group1-sha1"} },
			`key exchange algorithm "diffie-hellman-group1-sha1" is not allowed`},
		{"sha1 group14", func(c *Config) { c.KeyExchanges = []string{"diffie-hellman-group14-sha1"} },
			`key exchange algorithm "diffie-hellman-group14-sha1" is not allowed`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "host"), Docker: dc}
			tc.mod(&cfg)
			g, err := New(cfg)
			if err == nil {
				g.ln.Close()
				t.Fatal("New accepted a weak algorithm")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
	// The modern non-default algorithms are accepted.
	g, err := New(Config{ListenAddr: "127.0.0.1:0", HostKeyPath: filepath.Join(t.TempDir(), "host"), Docker: dc,
		KeyExchanges: []string{"ecdh-sha2-nistp256"}, Ciphers: []string{"aes128-ctr"}, MACs: []string{"hmac-sha2-512"}})
	if err != nil {
		t.Fatal(err)
	}
	g.ln.Close()
}
