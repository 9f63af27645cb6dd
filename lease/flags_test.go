package lease

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

func TestParseGiveMeContainerSeedExample(t *testing.T) {
	cid, key := testsupport.CID(t, "mnist"), testsupport.SSHKey(t, 1, "me@laptop")
	got, err := ParseGiveMeContainer([]string{"give-me-container",
		"--miner=f01946720", "--price=0.01fil/min", "--num_cpus=4", "--num_rams=12Gi", "--num_gpus=1",
		"--bandwidth=1Mi", "--image=shale/debian:bookworm", "--mnt=" + cid + ":/mnt/mnist", "--ssh_pubkey=" + key})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(validSpec(t), got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestParseGiveMeContainerForms(t *testing.T) {
	cid, cid2 := testsupport.CID(t, "a"), testsupport.CID(t, "b")
	keyFile := filepath.Join(t.TempDir(), "id.pub")
	keys := testsupport.SSHKey(t, 1, "one") + "\n# comment\n\n" + testsupport.SSHKey(t, 2, "two") + "\n"
	if err := os.WriteFile(keyFile, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := ParseGiveMeContainer([]string{
		"--miner", "t01000", "--price", "1 FIL/h", "--num_cpus", "0.5", "--num_rams", "512Mi",
		"--image", "debian:bookworm", "--mnt", cid + ":/a", "--mnt=" + cid2 + ":/b",
		"--ssh_pubkey", "@" + keyFile, "--duration=2d", "--prepay=10m", "--grace=30s",
		"--gpu_model=ignored-without-gpus", "--num_gpus=2", "--disk=20Gi", "--", "sleep", "10"})
	if err != nil {
		t.Fatal(err)
	}
	want := Spec{
		Provider: "t01000", Image: "debian:bookworm", Command: "sleep", Args: []string{"10"},
		Resources: Resources{CPU: 500, Memory: 512 << 20, GPUs: 2, GPUModel: "ignored-without-gpus", Disk: 20 << 30},
		Mounts:    []Mount{{CID: cid, Path: "/a"}, {CID: cid2, Path: "/b"}},
		SSHKeys:   []string{testsupport.SSHKey(t, 1, "one"), testsupport.SSHKey(t, 2, "two")},
		Price:     MustParsePrice("1fil/h"), Duration: 48 * 3600e9, Prepay: 600e9, Grace: 30e9,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestParseGiveMeContainerErrors(t *testing.T) {
	key := testsupport.SSHKey(t, 1, "k")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus=1"}, "give-me-container: flag provided but not defined: -bogus"},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=" + key, "--num_rams=12Gb", "--price=0.01/min", "--mnt=nocolon"},
			"give-me-container: --num_rams: invalid size \"12Gb\": unknown unit \"Gb\"; did you mean \"12Gi\"?"},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=" + key, "--price=0.01/min"},
			"give-me-container: --price: invalid price \"0.01/min\": missing unit"},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=" + key}, "give-me-container: --price: required, e.g. --price=0.01fil/min"},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=" + key, "--price=1fil/h", "--mnt=nocolon"}, `give-me-container: --mnt: "nocolon": expected CID:/path`},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=@/nonexistent/key.pub", "--price=1fil/h"}, "give-me-container: --ssh_pubkey: read SSH public key: open /nonexistent/key.pub: no such file or directory"},
		{[]string{"--image=x", "--ssh_pubkey=" + key, "--price=1fil/h"}, "give-me-container: invalid lease spec: provider: missing provider"},
	}
	for _, tt := range tests {
		_, err := ParseGiveMeContainer(tt.args)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseGiveMeContainer(%q) error =\n%v\nwant prefix\n%s", tt.args, err, tt.want)
		}
	}
}
