package lease

import (
	"crypto/ed25519"
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multihash"
	"golang.org/x/crypto/ssh"
)

// testSSHKey returns a deterministic ed25519 authorized_keys line.
func testSSHKey(t testing.TB, seed byte, comment string) string {
	t.Helper()
	priv := ed25519.NewKeyFromSeed([]byte(strings.Repeat(string(rune('a'+seed%26)), ed25519.SeedSize)))
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " " + comment
}

// testCID returns a real CIDv1 (raw codec, sha2-256 multihash) of data.
func testCID(t testing.TB, data string) string {
	t.Helper()
	sum := sha256.Sum256([]byte(data))
	mh, err := multihash.Encode(sum[:], multihash.SHA2_256)
	if err != nil {
		t.Fatal(err)
	}
	return cid.NewCidV1(cid.Raw, mh).String()
}

// validSpec is a small spec that passes Validate.
func validSpec(t testing.TB) Spec {
	return Spec{
		Provider:  "f01946720",
		Image:     "shale/debian:bookworm",
		Resources: Resources{CPU: 4000, Memory: 12 << 30, GPUs: 1},
		Bandwidth: 1 << 20,
		Mounts:    []Mount{{CID: testCID(t, "mnist"), Path: "/mnt/mnist"}},
		SSHKeys:   []string{testSSHKey(t, 1, "me@laptop")},
		Price:     MustParsePrice("0.01fil/min"),
		Duration:  DefaultDuration,
		Prepay:    DefaultPrepay,
		Grace:     DefaultGrace,
	}
}
