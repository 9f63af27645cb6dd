package lease

import (
	"path/filepath"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// TestSpecEncodingGolden pins the canonical bytes of a spec with payload-CID mounts: orders
// already on chain commit to a hash of them, so they must never change.
func TestSpecEncodingGolden(t *testing.T) {
	s := validSpec(t)
	s.Command, s.Args = "python3", []string{"train.py", "--epochs=3"}
	s.Resources.GPUModel, s.Resources.Disk = "Tesla T4", 20<<30
	s.Mounts = append(s.Mounts, Mount{CID: testsupport.CID(t, "cifar"), Path: "/mnt/cifar"})
	enc, err := EncodeSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	testsupport.Golden(t, filepath.Join("testdata", "spec-v1.json"), append(enc, '\n'), *update)
	back, err := DecodeSpec(enc)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Mounts) != 2 || back.Mounts[1] != s.Mounts[1] {
		t.Fatalf("mounts decoded as %+v", back.Mounts)
	}
}
