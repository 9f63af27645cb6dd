package contracts

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// HostKeyFingerprint converts OpenSSH's "SHA256:<base64>" form (ssh-keygen -l, the driver's
// node attribute) to the 32 bytes the registry stores.
func HostKeyFingerprint(s string) ([32]byte, error) {
	var fp [32]byte
	b64, ok := strings.CutPrefix(s, "SHA256:")
	if !ok {
		return fp, fmt.Errorf("host key fingerprint %q: want SHA256:<base64>", s)
	}
	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(b64, "="))
	if err != nil || len(raw) != len(fp) {
		return fp, fmt.Errorf("host key fingerprint %q: not a base64 SHA-256 digest", s)
	}
	copy(fp[:], raw)
	return fp, nil
}

// FormatHostKeyFingerprint is the inverse of HostKeyFingerprint, comparable with
// ssh.FingerprintSHA256.
func FormatHostKeyFingerprint(fp [32]byte) string {
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(fp[:])
}
