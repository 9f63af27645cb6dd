package lease

import (
	"errors"
	"strings"
	"testing"
	"time"

	gocid "github.com/ipfs/go-cid"
	"github.com/multiformats/go-multibase"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

func TestSpecValidateOK(t *testing.T) {
	if err := validSpec(t).Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestSpecValidateErrors(t *testing.T) {
	cid := testsupport.CID(t, "mnist")
	tests := []struct {
		name   string
		mutate func(*Spec)
		want   []string
	}{
		{"bad provider", func(s *Spec) { s.Provider = "f1abc" }, []string{`invalid lease spec: provider: "f1abc" is not a Filecoin miner id: expected "f0" followed by digits, e.g. "f01946720"`}},
		{"leading zero provider", func(s *Spec) { s.Provider = "f0012" }, []string{`invalid lease spec: provider: "f0012" is not a Filecoin miner id: expected "f0" followed by digits, e.g. "f01946720"`}},
		{"testnet provider ok", func(s *Spec) { s.Provider = "t01000" }, nil},
		{"bad image", func(s *Spec) { s.Image = "Shale/Debian" }, []string{`invalid lease spec: image: "Shale/Debian" is not a docker image reference: invalid reference format: repository name (Debian) must be lowercase`}},
		{"no resources", func(s *Spec) { s.Resources = Resources{GPUModel: "A100"} }, []string{
			"invalid lease spec: resources: cpus must be positive\nmemory must be positive\ngpu_model \"A100\" needs gpus > 0"}},
		{"relative mount", func(s *Spec) { s.Mounts[0].Path = "data" }, []string{`invalid lease spec: mount[0].path: mount path "data" must be absolute, e.g. "/data"`}},
		{"unclean mount", func(s *Spec) { s.Mounts[0].Path = "/data/../etc" }, []string{`invalid lease spec: mount[0].path: mount path "/data/../etc" is not clean: write "/etc"`}},
		{"duplicate mount", func(s *Spec) { s.Mounts = append(s.Mounts, Mount{CID: cid, Path: "/mnt/mnist"}) }, []string{`invalid lease spec: mount[1].path: "/mnt/mnist" is mounted twice`}},
		{"bad cid", func(s *Spec) { s.Mounts[0].CID = "bafynotacid" }, []string{`invalid lease spec: mount[0].cid: "bafynotacid" is not a valid CID: `}},
		{"non-canonical cid", func(s *Spec) { s.Mounts[0].CID = base58CID(t, cid) }, []string{`is not in canonical form "` + cid + `"`}},
		{"no keys", func(s *Spec) { s.SSHKeys = nil }, []string{"invalid lease spec: ssh_keys: at least one SSH public key is required to log in"}},
		{"bad key", func(s *Spec) { s.SSHKeys = []string{"ssh-ed25519 AAAAnotbase64"} }, []string{`invalid lease spec: ssh_keys[0]: malformed SSH public key "ssh-ed25519 AAAAnotbase64": ssh: no key found`}},
		{"key options", func(s *Spec) { s.SSHKeys[0] = `command="x" ` + s.SSHKeys[0] }, []string{`has authorized_keys options; remove "command=\"x\""`}},
		{"durations", func(s *Spec) { s.Duration, s.Prepay, s.Grace = 0, 1500*time.Millisecond, -time.Second }, []string{
			"invalid lease spec: duration: must be positive",
			"invalid lease spec: prepay: 1.5s is not a whole number of seconds",
			"invalid lease spec: grace: -1s must not be negative"}},
		{"prepay > duration", func(s *Spec) { s.Prepay = 2 * time.Hour }, []string{"invalid lease spec: prepay: 2h0m0s is longer than the lease duration 1h0m0s"}},
		{"no price", func(s *Spec) { s.Price = Price{} }, []string{"invalid lease spec: price: invalid price: missing amount"}},
		{"huge bandwidth", func(s *Spec) { s.Bandwidth = 1<<64 - 1 }, []string{"invalid lease spec: bandwidth: out of range: bandwidth 18446744073709551615/s is over the maximum of 100Gi/s; leave it out for no cap"}},
		{"max bandwidth ok", func(s *Spec) { s.Bandwidth = MaxBandwidth }, nil},
		{"huge resources", func(s *Spec) {
			s.Resources = Resources{CPU: 1<<64 - 1, Memory: 1<<64 - 1, Disk: 1<<64 - 1, GPUs: 1<<64 - 1, GPUModel: strings.Repeat("x", 129)}
		}, []string{
			"invalid lease spec: resources: out of range: cpus 18446744073709551.615 is over the maximum of 4096",
			"out of range: memory 18446744073709551615 is over the maximum of 64Ti",
			"out of range: disk 18446744073709551615 is over the maximum of 1Pi",
			"out of range: gpus 18446744073709551615 is over the maximum of 64",
			"out of range: gpu_model is 129 bytes long, at most 128 are allowed"}},
		{"template gpu model", func(s *Spec) { s.Resources.GPUs, s.Resources.GPUModel = 1, "${node.unique.id}" }, []string{`gpu_model "${node.unique.id}" must not contain "${" or "%{"`}},
		{"long durations", func(s *Spec) { s.Duration, s.Grace = 367*24*time.Hour, 400*24*time.Hour }, []string{
			"invalid lease spec: duration: out of range: 8808h0m0s is over the maximum of 8784h0m0s (366 days)",
			"invalid lease spec: grace: out of range: 9600h0m0s is over the maximum of 8784h0m0s (366 days)"}},
		{"too many args", func(s *Spec) { s.Command, s.Args = "sh", make([]string, MaxArgs+1) }, []string{"invalid lease spec: command: out of range: 1025 args, at most 1024 are allowed"}},
		{"long arg", func(s *Spec) { s.Command, s.Args = "sh", []string{strings.Repeat("a", MaxArgLen+1)} }, []string{"invalid lease spec: command: out of range: args[0] is 65537 bytes long, at most 65536 are allowed"}},
		{"too many keys", func(s *Spec) {
			s.SSHKeys = make([]string, MaxSSHKeys+1)
			for i := range s.SSHKeys {
				s.SSHKeys[i] = validSpec(t).SSHKeys[0]
			}
		}, []string{"invalid lease spec: ssh_keys: out of range: 65 keys, at most 64 are allowed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpec(t)
			tt.mutate(&s)
			err := s.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate() = nil")
			}
			if !errors.Is(err, ErrInvalidSpec) {
				t.Errorf("error does not wrap ErrInvalidSpec")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() =\n%v\nwant it to contain\n%s", err, w)
				}
			}
		})
	}
}

// base58CID spells a CIDv1 in base58btc, a valid but non-canonical form.
func base58CID(t *testing.T, s string) string {
	c, err := gocid.Decode(s)
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.StringOfBase(multibase.Base58BTC)
	if err != nil {
		t.Fatal(err)
	}
	if canon, err := ParseCID(out); err != nil || canon != s {
		t.Fatalf("ParseCID(%s) = %s, %v", out, canon, err)
	}
	return out
}
