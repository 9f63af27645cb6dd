package hcl

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"golang.org/x/crypto/ssh"
)

// testSSHKey returns a deterministic ed25519 authorized_keys line.
func testSSHKey(t testing.TB, comment string) string {
	t.Helper()
	priv := ed25519.NewKeyFromSeed([]byte(strings.Repeat("k", ed25519.SeedSize)))
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " " + comment
}

// testCID returns a real CIDv1 (raw, sha2-256) of data.
func testCID(t testing.TB, data string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

// fakeFiles serves file() from a map, so tests never touch the real home directory.
func fakeFiles(files map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: errors.New("no such file or directory")}
	}
}

// testOptions fakes a home directory holding an ed25519 public key.
func testOptions(t testing.TB) Options {
	return Options{
		Home:      "/home/test",
		ReadFile:  fakeFiles(map[string]string{"/home/test/.ssh/id_ed25519.pub": testSSHKey(t, "test@example") + "\n"}),
		LookupEnv: func(string) (string, bool) { return "", false },
	}
}
