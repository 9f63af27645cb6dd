package sshtunnel

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
)

// Default algorithm lists, used when Config leaves KeyExchanges, Ciphers or MACs nil. They
// are explicit so a library upgrade never silently widens them; ssh-audit reports no failure
// against them (see TestSSHAudit). Callers must not modify them.
var (
	DefaultKeyExchanges = []string{ssh.KeyExchangeMLKEM768X25519, ssh.KeyExchangeCurve25519, "curve25519-sha256@libssh.org"}
	DefaultCiphers      = []string{ssh.CipherChaCha20Poly1305, ssh.CipherAES256GCM, ssh.CipherAES128GCM}
	DefaultMACs         = []string{ssh.HMACSHA256ETM, ssh.HMACSHA512ETM}
)

// The allow-lists a provider may choose from: the defaults plus other modern algorithms that
// x/crypto/ssh implements. Deliberately absent: anything SHA-1 (diffie-hellman-group14-sha1,
// group-exchange-sha1, hmac-sha1*), diffie-hellman-group1, CBC and arcfour ciphers, 3DES, and
// the 2048-bit group14 and group-exchange key exchanges.
var (
	allowedKeyExchanges = []string{
		ssh.KeyExchangeMLKEM768X25519, ssh.KeyExchangeCurve25519, "curve25519-sha256@libssh.org",
		ssh.KeyExchangeECDHP256, ssh.KeyExchangeECDHP384, ssh.KeyExchangeECDHP521,
		ssh.KeyExchangeDH16SHA512,
	}
	allowedCiphers = []string{
		ssh.CipherChaCha20Poly1305, ssh.CipherAES256GCM, ssh.CipherAES128GCM,
		ssh.CipherAES256CTR, ssh.CipherAES192CTR, ssh.CipherAES128CTR,
	}
	allowedMACs = []string{ssh.HMACSHA256ETM, ssh.HMACSHA512ETM, ssh.HMACSHA256, ssh.HMACSHA512}
)

// algorithmList returns the configured list (nil or empty: the default) after checking every
// entry against the allow-list.
func algorithmList(kind string, configured, defaults, allowed []string) ([]string, error) {
	if len(configured) == 0 {
		return slices.Clone(defaults), nil
	}
	for _, a := range configured {
		if !slices.Contains(allowed, a) {
			return nil, fmt.Errorf("sshtunnel: config: %s algorithm %q is not allowed (allowed: %s)",
				kind, a, strings.Join(allowed, ", "))
		}
	}
	return slices.Clone(configured), nil
}
