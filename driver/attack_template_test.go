package driver

import (
	"math/big"
	"testing"
	"time"

	"github.com/hashicorp/nomad/helper/pluginutils/hclspecutils"
	"github.com/hashicorp/nomad/helper/pluginutils/hclutils"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/zclconf/go-cty/cty"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// TestAttackTemplateInjection submits chain-supplied strings holding HCL2 templates through
// leasejob.Job and decodes the task config with Nomad's own decoder and the variables a
// Nomad client evaluates it with: the driver must see each string exactly as the client
// wrote it, never the node's values.
func TestAttackTemplateInjection(t *testing.T) {
	payloads := []string{
		"${NOMAD_TASK_NAME}",
		"${node.unique.name}",
		"%{ if true }leak%{ endif }",
		"$${NOMAD_TASK_NAME}",
		"$$${NOMAD_TASK_NAME}",
		"%%{x}",
		"${",
		"%{",
		"a $ b % c {}",
		"${upper(\"x\")}",
	}
	vars := map[string]cty.Value{
		"NOMAD_TASK_NAME": cty.StringVal("lease"),
		"node":            cty.ObjectVal(map[string]cty.Value{"unique": cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("provider-host")})}),
	}
	dec, diags := hclspecutils.Convert(leasejob.TaskConfigSpec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, p := range payloads {
		t.Run(p, func(t *testing.T) {
			s := lease.Spec{
				Provider:  "f01946720",
				Image:     "shale/busybox:bookworm",
				Command:   p,
				Args:      []string{p, "-" + p + "-"},
				Resources: lease.Resources{CPU: 1000, Memory: 64 << 20},
				Mounts:    []lease.Mount{{CID: testCID, Path: "/data/" + p}},
				SSHKeys:   []string{testSSHKey + p},
				Price:     lease.Price{Amount: big.NewInt(1), Period: time.Second},
				Duration:  time.Hour,
			}
			job, err := leasejob.Job(s, lease.LeaseID{ChainID: 31337, Order: [32]byte{1}}, leasejob.Options{ExpiresAt: time.Now().Add(time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			val, diags, errs := hclutils.ParseHclInterface(job.TaskGroups[0].Tasks[0].Config, dec, vars)
			if diags.HasErrors() {
				t.Fatalf("Nomad's decoder refuses the escaped config: %v", errs)
			}
			raw := &drivers.TaskConfig{}
			if err := raw.EncodeDriverConfig(val); err != nil {
				t.Fatal(err)
			}
			var tc TaskConfig
			if err := raw.DecodeDriverConfig(&tc); err != nil {
				t.Fatal(err)
			}
			if tc.Command != p || len(tc.Args) != 2 || tc.Args[0] != p || tc.Args[1] != "-"+p+"-" {
				t.Errorf("command %q args %q, want the literal %q", tc.Command, tc.Args, p)
			}
			if len(tc.Mounts) != 1 || tc.Mounts[0].Path != "/data/"+p {
				t.Errorf("mounts %+v, want path %q", tc.Mounts, "/data/"+p)
			}
			if tc.Lease == nil || len(tc.Lease.SSHKeys) != 1 || tc.Lease.SSHKeys[0] != testSSHKey+p {
				t.Errorf("ssh keys %+v", tc.Lease)
			}
		})
	}
}
