package testsupport

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"golang.org/x/crypto/ssh"
)

// SSHKey returns a deterministic ed25519 authorized_keys line; seed picks the key.
func SSHKey(t testing.TB, seed byte, comment string) string {
	t.Helper()
	pub, err := ssh.NewPublicKey(seededKey(seed).Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " " + comment
}

// SSHKeyFile writes the private half of SSHKey(seed) as an OpenSSH key file (0600) for
// OpenSSH clients and returns its path.
func SSHKeyFile(t testing.TB, seed byte) string {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(seededKey(seed), "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// SSHSigner is the signer of SSHKey(seed), for Go SSH clients.
func SSHSigner(t testing.TB, seed byte) ssh.Signer {
	t.Helper()
	s, err := ssh.NewSignerFromKey(seededKey(seed))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func seededKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed([]byte(strings.Repeat(string(rune('a'+seed%26)), ed25519.SeedSize)))
}

// CID returns a real CIDv1 (raw codec, sha2-256 multihash) of data.
func CID(t testing.TB, data string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

// Golden compares got with the golden file at path; with update it rewrites the file first.
func Golden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs; run go test -update and review the diff.\ngot:\n%s", path, got)
	}
}

// SyncBuffer collects a stream one goroutine writes while the test polls it; Close makes it
// usable where a WriteCloser is wanted.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Close does nothing: the buffer stays readable.
func (*SyncBuffer) Close() error { return nil }
