package leasejob

import (
	"encoding/hex"
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/nomad/api"
	"github.com/hashicorp/nomad/helper/pluginutils/hclspecutils"
	"github.com/hashicorp/nomad/helper/pluginutils/hclutils"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/zclconf/go-cty/cty"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// decode runs a task's config the way it travels from the bridge to the driver: the API's
// JSON, then the Nomad client's HCL2 evaluation against TaskConfigSpec with the node's
// variables (hclutils.ParseHclInterface), msgpack (EncodeDriverConfig), and the driver's
// DecodeDriverConfig.
func decode(t *testing.T, config map[string]interface{}) TaskConfig {
	t.Helper()
	b, err := json.Marshal(config)
	if err != nil {
		t.Fatal(err)
	}
	var submitted map[string]interface{}
	if err := json.Unmarshal(b, &submitted); err != nil {
		t.Fatal(err)
	}
	spec, diags := hclspecutils.Convert(TaskConfigSpec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	vars := map[string]cty.Value{
		"NOMAD_TASK_NAME": cty.StringVal("lease"),
		"node":            cty.ObjectVal(map[string]cty.Value{"unique": cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("provider-host")})}),
	}
	val, diags, errs := hclutils.ParseHclInterface(submitted, spec, vars)
	if diags.HasErrors() {
		t.Fatalf("Nomad's decoder refuses the task config: %v", errs)
	}
	raw := &drivers.TaskConfig{}
	if err := raw.EncodeDriverConfig(val); err != nil {
		t.Fatal(err)
	}
	var tc TaskConfig
	if err := raw.DecodeDriverConfig(&tc); err != nil {
		t.Fatal(err)
	}
	return tc
}

// TestJobRoundTrip builds the job of a lease with every kind of field (mounts by payload
// CID, v1 and v2 PieceCID, two SSH keys, a GPU, bandwidth, disk, and strings holding HCL2
// templates) and decodes its task config as the Nomad client hands it to the driver: the
// driver must read exactly what the lease ordered.
func TestJobRoundTrip(t *testing.T) {
	payload := testsupport.CID(t, "mnist")
	p := testPiece("mnist", 32<<30, 32<<30*127/128-1000)
	v1, v2 := p.V1().String(), p.V2().String()
	key1, key2 := testsupport.SSHKey(t, 1, "me@laptop ${NOMAD_TASK_NAME}"), testsupport.SSHKey(t, 2, "%{ if true }x%{ endif }")
	s := lease.Spec{
		Provider:  "f01946720",
		Image:     "shale/debian:bookworm",
		Command:   "sh",
		Args:      []string{"-c", "echo ${node.unique.name} %{ if true }leak%{ endif } $${x}"},
		Resources: lease.Resources{CPU: 2500, Memory: 12 << 30, GPUs: 2, GPUModel: "Tesla T4", Disk: 20 << 30},
		Bandwidth: 3 << 20,
		Mounts: []lease.Mount{
			{CID: payload, Path: "/mnt/${NOMAD_TASK_NAME}"},
			{PieceCID: v1, PieceSize: 32 << 30, Path: "/mnt/v1"},
			{CID: payload, PieceCID: v2, Path: "/mnt/v2"},
		},
		Exposes:  []lease.Expose{{Port: 8888, Protocol: "http"}, {Port: 5432, Protocol: "tcp", Public: true}},
		SSHKeys:  []string{key1, key2},
		Price:    lease.MustParsePrice("0.01fil/min"),
		Duration: 2 * time.Hour,
		Prepay:   10 * time.Minute,
		Grace:    90 * time.Second,
	}
	opts := testOptions(t)
	opts.Escrow = big.NewInt(123456789)
	job, err := Job(s, testLeaseID(), opts)
	if err != nil {
		t.Fatal(err)
	}
	task := job.TaskGroups[0].Tasks[0]
	if d := cmp.Diff(&api.Resources{CPU: ptr(2500), MemoryMB: ptr(12288), Devices: []*api.RequestedDevice{{
		Name: "nvidia/gpu", Count: ptr[uint64](2), Constraints: []*api.Constraint{{LTarget: "${device.model}", Operand: "=", RTarget: "Tesla T4"}},
	}}}, task.Resources); d != "" {
		t.Errorf("resources (-want +got):\n%s", d)
	}

	want := TaskConfig{
		Image:   "shale/debian:bookworm",
		Command: "sh",
		Args:    []string{"-c", "echo ${node.unique.name} %{ if true }leak%{ endif } $${x}"},
		Disk:    "20Gi",
		Lease: &LeaseConfig{
			ID:        "31337-0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
			SSHKeys:   []string{key1, key2},
			ExpiresAt: "2026-11-24T09:00:00Z",
			Bandwidth: "3Mi",
			Exposes:   []ExposeConfig{{Port: "8888", Protocol: "http"}, {Port: "5432", Protocol: "tcp", Public: true}},
			Payment: &PaymentConfig{
				PublicKey: "0x" + hex.EncodeToString(opts.PaymentKey[:]),
				Price:     "10000000000000000attofil/60s",
				Escrow:    "123456789",
				Prepay:    "10m0s",
				Grace:     "1m30s",
			},
		},
		Mounts: []MountConfig{
			{CID: payload, Path: "/mnt/${NOMAD_TASK_NAME}"},
			{PieceCID: v1, PieceSize: "32Gi", Path: "/mnt/v1"},
			{CID: payload, PieceCID: v2, Path: "/mnt/v2"},
		},
	}
	if d := cmp.Diff(want, decode(t, task.Config)); d != "" {
		t.Errorf("the driver decodes another config than the lease ordered (-want +got):\n%s", d)
	}
}

// TestTaskConfigRoundTrip covers the fields a lease job never sets (the driver refuses
// them, but must still decode them): every field of TaskConfig, set, survives Nomad's
// decoder, so a key spelled differently in a codec tag and in TaskConfigSpec fails here.
func TestTaskConfigRoundTrip(t *testing.T) {
	full := TaskConfig{
		Image: "img", Command: "cmd", Args: []string{"a"}, WorkDir: "/w", Disk: "1Gi",
		Privileged: true, Volumes: []string{"/a:/b"}, CapAdd: []string{"NET_RAW"},
		Lease: &LeaseConfig{ID: "1-0x01", SSHKeys: []string{"k"}, ExpiresAt: "e", Bandwidth: "1Mi",
			Exposes: []ExposeConfig{{Port: "8888", Protocol: "http", Public: true}},
			Payment: &PaymentConfig{PublicKey: "0x01", Price: "p", Escrow: "1", Prepay: "1m", Grace: "2m"}},
		Mounts: []MountConfig{{CID: "c", PieceCID: "pc", PieceSize: "1Mi", Path: "/p"}},
	}
	if zero := zeroFields(reflect.ValueOf(full), "TaskConfig"); len(zero) > 0 {
		t.Fatalf("set every field so its key is checked: %s", strings.Join(zero, ", "))
	}
	if d := cmp.Diff(full, decode(t, configMap(full))); d != "" {
		t.Errorf("task config does not survive Nomad's decoder (-want +got):\n%s", d)
	}
}

// zeroFields names the fields left at their zero value in v, through pointers and slices.
func zeroFields(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return zeroFields(v.Elem(), path)
	case reflect.Slice:
		if v.Len() == 0 {
			return []string{path}
		}
		return zeroFields(v.Index(0), path+"[0]")
	case reflect.Struct:
		var out []string
		for i := 0; i < v.NumField(); i++ {
			out = append(out, zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return out
	default:
		if v.IsZero() {
			return []string{path}
		}
		return nil
	}
}

func TestParseExposes(t *testing.T) {
	tests := []struct {
		name string
		in   []ExposeConfig
		want string
	}{
		{"ok", []ExposeConfig{{Port: "8888", Protocol: "http"}, {Port: "22", Protocol: "tcp", Public: true}}, ""},
		{"not a number", []ExposeConfig{{Port: "x", Protocol: "http"}}, `expose[0]: port "x" is not a number between 1 and 65535`},
		{"too large", []ExposeConfig{{Port: "65536", Protocol: "http"}}, `expose[0]: port "65536" is not a number between 1 and 65535`},
		{"zero", []ExposeConfig{{Port: "0", Protocol: "http"}}, "port 0 is not between 1 and 65535"},
		{"protocol", []ExposeConfig{{Port: "1", Protocol: "udp"}}, `protocol "udp" is not supported`},
		{"duplicate", []ExposeConfig{{Port: "1", Protocol: "http"}, {Port: "1", Protocol: "tcp"}}, "port 1 is already exposed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExposes(tt.in)
			if tt.want == "" {
				if err != nil || len(got) != len(tt.in) {
					t.Fatalf("ParseExposes = %v, %v", got, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseExposes = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}
