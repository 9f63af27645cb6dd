package bridge

import (
	"testing"

	"github.com/hashicorp/nomad/api"
)

// The failure message the bridge records (and publishes on chain) is the driver's own text:
// only the events that say a task could not start count, and Nomad's gRPC framing goes.
func TestStartFailureMessage(t *testing.T) {
	const img = `image unavailable: image "shale/absent:1" is not present on this node and pulling is disabled`
	for _, tc := range []struct {
		name string
		ev   api.TaskEvent
		want string
	}{
		{"driver refusal, recoverable verdict", api.TaskEvent{Type: api.TaskDriverFailure,
			DriverError: "rpc error: code = FailedPrecondition desc = " + img, DisplayMessage: "rpc error: code = FailedPrecondition desc = " + img}, img},
		{"driver refusal, plain error", api.TaskEvent{Type: api.TaskDriverFailure, DriverError: "rpc error: code = Unknown desc = " + img}, img},
		{"prestart hook", api.TaskEvent{Type: api.TaskSetupFailure, SetupError: "failed to setup alloc: disk full"}, "failed to setup alloc: disk full"},
		{"client-side validation", api.TaskEvent{Type: api.TaskFailedValidation, ValidationError: "missing driver"}, "missing driver"},
		{"only a display message", api.TaskEvent{Type: api.TaskDriverFailure, DisplayMessage: "Failed to start task"}, "Failed to start task"},
		{"nothing at all", api.TaskEvent{Type: api.TaskSetupFailure}, api.TaskSetupFailure},
		{"not a start failure", api.TaskEvent{Type: api.TaskNotRestarting, DisplayMessage: "Policy allows no restarts"}, ""},
		{"a task that ran and ended", api.TaskEvent{Type: api.TaskTerminated, DisplayMessage: "Exit Code: 1"}, ""},
		{"a prefix inside the text stays", api.TaskEvent{Type: api.TaskDriverFailure, DriverError: "pull: rpc error: code = Unknown desc = x"}, "pull: rpc error: code = Unknown desc = x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := startFailure(&tc.ev); got != tc.want {
				t.Fatalf("startFailure = %q, want %q", got, tc.want)
			}
		})
	}
}
