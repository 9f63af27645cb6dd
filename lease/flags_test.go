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

// The seed CLI's own command line, as its users type it: a key file under "~" that the shell
// left unexpanded (--flag=~/... is not expanded by sh, bash or zsh), mounts of files, the
// seed's image name and 10 CPUs.
func TestParseGiveMeContainerSeedCommandLine(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	key := testsupport.SSHKey(t, 1, "me@laptop")
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "id_rsa.pub"), []byte(key+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cid1, cid2 := testsupport.CID(t, "mnist.zip"), testsupport.CID(t, "cifar-100.zip")
	got, err := ParseGiveMeContainer(strings.Fields("give-me-container --miner=f01946720 --price=0.01fil/min --num_cpus=10 --num_rams=12Gi " +
		"--num_gpus=1 --bandwidth=1Mi --image=cuda-ubuntu18.04 --mnt=" + cid1 + ":/mnt/mnist.zip " +
		"--mnt=" + cid2 + ":/mnt/cifar-100.zip --ssh_pubkey=~/.ssh/id_rsa.pub"))
	if err != nil {
		t.Fatal(err)
	}
	want := Spec{
		Provider: "f01946720", Image: "cuda-ubuntu18.04",
		Resources: Resources{CPU: 10000, Memory: 12 << 30, GPUs: 1}, Bandwidth: 1 << 20,
		Mounts:  []Mount{{CID: cid1, Path: "/mnt/mnist.zip"}, {CID: cid2, Path: "/mnt/cifar-100.zip"}},
		SSHKeys: []string{key}, Price: MustParsePrice("0.01fil/min"),
		Duration: DefaultDuration, Prepay: DefaultPrepay, Grace: DefaultGrace,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestParseGiveMeContainerSSHKeyForms(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	key1, key2 := testsupport.SSHKey(t, 1, "one"), testsupport.SSHKey(t, 2, "two")
	write := func(name, body string) string {
		p := filepath.Join(home, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pub := write("id.pub", key1+"\n")
	two := write("two.pub", "# mine\n"+key1+"\n\n"+key2+"\n")
	priv := write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n")
	empty := write("empty.pub", "# nothing\n")
	big := write("big.pub", strings.Repeat("x", maxKeyFile+1))
	for _, tc := range []struct {
		name, value string
		want        []string
		wantErr     string
	}{
		{"key line", key1, []string{key1}, ""},
		{"key line without comment", strings.TrimSuffix(key1, " one"), []string{strings.TrimSuffix(key1, " one")}, ""},
		{"path", pub, []string{key1}, ""},
		{"path under ~", "~/id.pub", []string{key1}, ""},
		{"@path", "@" + pub, []string{key1}, ""},
		{"@path under ~", "@~/id.pub", []string{key1}, ""},
		{"file of several keys", two, []string{key1, key2}, ""},
		{"private key", priv, nil, "--ssh_pubkey: " + priv + " is a private key; pass its public half, " + priv + ".pub"},
		{"private key by @", "@" + priv, nil, "is a private key; pass its public half"},
		{"missing path", "~/.ssh/id_rsa.pub", nil, `--ssh_pubkey: "~/.ssh/id_rsa.pub" is neither an SSH public key nor an existing file: pass the key line (ssh-ed25519 AAAA...) or the path of its .pub file`},
		{"missing @path", "@/nonexistent/key.pub", nil, "--ssh_pubkey: read SSH public key: open /nonexistent/key.pub: no such file or directory"},
		{"file without keys", empty, nil, empty + " holds no SSH public key"},
		{"oversized file", big, nil, "is larger than 256 KiB: not an SSH public key file"},
		{"malformed key line", "ssh-ed25519 AAAAnotbase64", nil, "malformed SSH public key"},
		{"key with options", `from="10.0.0.1" ` + key1, nil, "has authorized_keys options"},
		{"empty @", "@", nil, "--ssh_pubkey: empty: pass an authorized_keys line or the path of a public key file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseGiveMeContainer([]string{"--miner=f01", "--image=x", "--price=1fil/h", "--ssh_pubkey=" + tc.value})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "b3BlbnNzaC1rZXktdjEA") {
					t.Errorf("the error shows private key material: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, s.SSHKeys); d != "" {
				t.Errorf("keys (-want +got):\n%s", d)
			}
		})
	}
}
