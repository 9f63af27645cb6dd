package wire

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
)

// ErrAlgorithm means a configured SSH algorithm is outside the allow-list.
var ErrAlgorithm = errors.New("wire: algorithm not allowed")

// Default algorithm lists, used when a gateway's configuration leaves them empty and always by
// the client. They are explicit so a library upgrade never silently widens them; ssh-audit
// reports no failure against them (see gateway's TestSSHAudit). Callers must not modify them.
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

// DefaultConfig is the SSH algorithm configuration with the default lists, each a copy.
func DefaultConfig() ssh.Config {
	return ssh.Config{
		KeyExchanges: slices.Clone(DefaultKeyExchanges),
		Ciphers:      slices.Clone(DefaultCiphers),
		MACs:         slices.Clone(DefaultMACs),
	}
}

// KeyExchanges returns the configured key exchanges (nil or empty: the defaults), refusing
// any outside the allow-list.
func KeyExchanges(configured []string) ([]string, error) {
	return algorithmList("key exchange", configured, DefaultKeyExchanges, allowedKeyExchanges)
}

// Ciphers returns the configured ciphers (nil or empty: the defaults), refusing any outside
// the allow-list.
func Ciphers(configured []string) ([]string, error) {
	return algorithmList("cipher", configured, DefaultCiphers, allowedCiphers)
}

// MACs returns the configured MACs (nil or empty: the defaults), refusing any outside the
// allow-list.
func MACs(configured []string) ([]string, error) {
	return algorithmList("MAC", configured, DefaultMACs, allowedMACs)
}

// algorithmList returns the configured list (nil or empty: the default) after checking every
// entry against the allow-list.
func algorithmList(kind string, configured, defaults, allowed []string) ([]string, error) {
	if len(configured) == 0 {
		return slices.Clone(defaults), nil
	}
	for _, a := range configured {
		if !slices.Contains(allowed, a) {
			return nil, fmt.Errorf("%w: %s algorithm %q is not allowed (allowed: %s)",
				ErrAlgorithm, kind, a, strings.Join(allowed, ", "))
		}
	}
	return slices.Clone(configured), nil
}
