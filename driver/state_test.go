package driver

import (
	"bytes"
	"testing"

	"github.com/hashicorp/go-msgpack/codec"
	"github.com/hashicorp/nomad/nomad/structs"
	"github.com/hashicorp/nomad/plugins/drivers"
)

// A task handle that went through Nomad's client state database (as after an agent restart)
// has lost its raw driver config; recovery still gets the task's config, lease included, from
// the driver's own state.
func TestRecoveredConfigSurvivesNomadState(t *testing.T) {
	want := TaskConfig{Image: "shale/debian:bookworm", Lease: &LeaseConfig{ID: "31337-0x01"}}
	task := &drivers.TaskConfig{ID: "alloc/lease/1"}
	if err := task.EncodeConcreteDriverConfig(&want); err != nil {
		t.Fatal(err)
	}
	h := drivers.NewTaskHandle(taskHandleVersion)
	h.Config = task
	if err := h.SetDriverState(&taskState{ContainerID: "c1", TaskConfig: task, Config: &want}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer // Nomad's boltdd encoding of the persisted handle
	if err := codec.NewEncoder(&buf, structs.MsgpackHandle).Encode(h); err != nil {
		t.Fatal(err)
	}
	var restored drivers.TaskHandle
	if err := codec.NewDecoderBytes(buf.Bytes(), structs.MsgpackHandle).Decode(&restored); err != nil {
		t.Fatal(err)
	}
	var raw TaskConfig
	if err := restored.Config.DecodeDriverConfig(&raw); err == nil {
		t.Fatal("the raw driver config survived Nomad's state encoding; the driver's copy is no longer needed")
	}
	var st taskState
	if err := restored.GetDriverState(&st); err != nil {
		t.Fatal(err)
	}
	got, err := recoveredConfig(restored.Config, &st)
	if err != nil {
		t.Fatal(err)
	}
	if got.Image != want.Image || got.Lease == nil || got.Lease.ID != want.Lease.ID {
		t.Fatalf("recovered config %+v, want %+v", got, want)
	}
	// State written before the driver kept its copy: a clear error, not a bare EOF.
	if _, err := recoveredConfig(restored.Config, &taskState{}); err == nil || err.Error() == "EOF" {
		t.Fatalf("old state without a config: %v", err)
	}
}
