package client

import (
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/leasetest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasefile"
)

// parseSeed parses args as give-me-container does: its flags, then the words after them as
// the command. args may start with the word "give-me-container".
func parseSeed(t *testing.T, home string, args []string) (lease.Spec, error) {
	t.Helper()
	if len(args) > 0 && args[0] == "give-me-container" {
		args = args[1:]
	}
	var f seedFlags
	fs := pflag.NewFlagSet("give-me-container", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.add(fs)
	if err := fs.Parse(args); err != nil {
		return lease.Spec{}, err
	}
	return f.spec(fs.Args(), home)
}

func TestSeedFlagsSeedExample(t *testing.T) {
	cid, key := testsupport.CID(t, "mnist"), testsupport.SSHKey(t, 1, "me@laptop")
	got, err := parseSeed(t, "", []string{"give-me-container",
		"--miner=f01946720", "--price=0.01fil/min", "--num_cpus=4", "--num_rams=12Gi", "--num_gpus=1",
		"--bandwidth=1Mi", "--image=shale/debian:bookworm", "--mnt=" + cid + ":/mnt/mnist", "--ssh_pubkey=" + key})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(leasetest.SeedSpec(t), got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestSeedFlagsForms(t *testing.T) {
	cid, cid2 := testsupport.CID(t, "a"), testsupport.CID(t, "b")
	keyFile := filepath.Join(t.TempDir(), "id.pub")
	keys := testsupport.SSHKey(t, 1, "one") + "\n# comment\n\n" + testsupport.SSHKey(t, 2, "two") + "\n"
	if err := os.WriteFile(keyFile, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := parseSeed(t, "", []string{
		"--miner", "t01000", "--price", "1 FIL/h", "--num_cpus", "0.5", "--num_rams", "512Mi",
		"--image", "debian:bookworm", "--mnt", cid + ":/a", "--mnt=" + cid2 + ":/b",
		"--ssh_pubkey", "@" + keyFile, "--duration=2d", "--prepay=10m", "--grace=30s",
		"--gpu_model=ignored-without-gpus", "--num_gpus=2", "--disk=20Gi", "--", "sleep", "10"})
	if err != nil {
		t.Fatal(err)
	}
	want := lease.Spec{
		Provider: "t01000", Image: "debian:bookworm", Command: "sleep", Args: []string{"10"},
		Resources: lease.Resources{CPU: 500, Memory: 512 << 20, GPUs: 2, GPUModel: "ignored-without-gpus", Disk: 20 << 30},
		Mounts:    []lease.Mount{{CID: cid, Path: "/a"}, {CID: cid2, Path: "/b"}},
		SSHKeys:   []string{testsupport.SSHKey(t, 1, "one"), testsupport.SSHKey(t, 2, "two")},
		Price:     lease.MustParsePrice("1fil/h"), Duration: 48 * 3600e9, Prepay: 600e9, Grace: 30e9,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestSeedFlagsErrors(t *testing.T) {
	key := testsupport.SSHKey(t, 1, "k")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus=1"}, "unknown flag: --bogus"},
		{[]string{"--miner=f01", "--image=x", "--ssh_pubkey=" + key, "--price=1fil/h", "--num_gpus=one"}, `give-me-container: --num_gpus: "one": want a whole number of GPUs, e.g. 1`},
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
		_, err := parseSeed(t, "", tt.args)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("parseSeed(%q) error =\n%v\nwant prefix\n%s", tt.args, err, tt.want)
		}
	}
}

// The seed CLI's own command line, as its users type it: a key file under "~" that the shell
// left unexpanded (--flag=~/... is not expanded by sh, bash or zsh), mounts of files, the
// seed's image name and 10 CPUs.
func TestSeedFlagsSeedCommandLine(t *testing.T) {
	home := t.TempDir()
	key := testsupport.SSHKey(t, 1, "me@laptop")
	if err := os.MkdirAll(filepath.Join(home, ".ssh"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".ssh", "id_rsa.pub"), []byte(key+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cid1, cid2 := testsupport.CID(t, "mnist.zip"), testsupport.CID(t, "cifar-100.zip")
	got, err := parseSeed(t, home, strings.Fields("give-me-container --miner=f01946720 --price=0.01fil/min --num_cpus=10 --num_rams=12Gi "+
		"--num_gpus=1 --bandwidth=1Mi --image=cuda-ubuntu18.04 --mnt="+cid1+":/mnt/mnist.zip "+
		"--mnt="+cid2+":/mnt/cifar-100.zip --ssh_pubkey=~/.ssh/id_rsa.pub"))
	if err != nil {
		t.Fatal(err)
	}
	want := lease.Spec{
		Provider: "f01946720", Image: "cuda-ubuntu18.04",
		Resources: lease.Resources{CPU: 10000, Memory: 12 << 30, GPUs: 1}, Bandwidth: 1 << 20,
		Mounts:  []lease.Mount{{CID: cid1, Path: "/mnt/mnist.zip"}, {CID: cid2, Path: "/mnt/cifar-100.zip"}},
		SSHKeys: []string{key}, Price: lease.MustParsePrice("0.01fil/min"),
		Duration: lease.DefaultDuration, Prepay: lease.DefaultPrepay, Grace: lease.DefaultGrace,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("spec differs (-want +got):\n%s", d)
	}
}

func TestSeedFlagsSSHKeyForms(t *testing.T) {
	home := t.TempDir()
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
			s, err := parseSeed(t, home, []string{"--miner=f01", "--image=x", "--price=1fil/h", "--ssh_pubkey=" + tc.value})
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

// A piece mount reaches the spec through the flags.
func TestSeedFlagsPieceMount(t *testing.T) {
	v1 := "baga6ea4seaqngn4tmzgpxjkrqets7jhbnv6zehtbkteughvwkmmbb4ovkb7kwfy"
	s, err := parseSeed(t, "", []string{"--miner=f01946720", "--price=0.01fil/min", "--image=shale/debian:bookworm",
		"--ssh_pubkey=" + testsupport.SSHKey(t, 1, "k"), "--mnt=" + v1 + "@32GiB:/mnt/deal"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (lease.Mount{PieceCID: v1, PieceSize: 32 << 30, Path: "/mnt/deal"}); len(s.Mounts) != 1 || s.Mounts[0] != want {
		t.Fatalf("mounts %+v, want %+v", s.Mounts, want)
	}
}

// TestSeedTwin shows that the seed's give-me-container example and its HCL twin describe
// the same lease.
func TestSeedTwin(t *testing.T) {
	c, key := testsupport.CID(t, "mnist"), testsupport.SSHKey(t, 10, "me@laptop")
	fromFlags, err := parseSeed(t, "", []string{"give-me-container",
		"--miner=f01946720", "--price=0.01fil/min", "--num_cpus=4", "--num_rams=12Gi", "--num_gpus=1",
		"--bandwidth=1Mi", "--image=shale/debian:bookworm", "--mnt=" + c + ":/mnt/mnist", "--ssh_pubkey=" + key})
	if err != nil {
		t.Fatal(err)
	}
	src := `
variable "cid" {}
variable "ssh_key" {}

lease "seed" {
  provider  = "f01946720"
  image     = "shale/debian:bookworm"
  bandwidth = "1Mi"
  ssh_keys  = [var.ssh_key]

  resources {
    cpus   = 4
    memory = "12Gi"
    gpus   = 1
  }

  mount {
    cid  = var.cid
    path = "/mnt/mnist"
  }

  payment {
    price = "0.01fil/min"
  }
}
`
	fromHCL, diags := leasefile.Parse("seed.hcl", []byte(src), leasefile.Options{
		Vars:      map[string]string{"cid": c, "ssh_key": key},
		LookupEnv: func(string) (string, bool) { return "", false },
	})
	if diags.HasErrors() {
		t.Fatal(leasefile.FormatDiagnostics(diags, map[string][]byte{"seed.hcl": []byte(src)}))
	}
	if d := cmp.Diff(fromFlags, fromHCL); d != "" {
		t.Fatalf("flags and HCL differ (-flags +hcl):\n%s", d)
	}
	if want := big.NewInt(10000000000000000); fromHCL.Price.Amount.Cmp(want) != 0 {
		t.Fatalf("price %s", fromHCL.Price)
	}
}
