package driver

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/nomad/nomad/structs"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// Refusals no retry can cure reach Nomad, through the plugin's gRPC boundary, with an explicit
// non-recoverable verdict (Nomad's plugin client rebuilds a structs.Recoverable only when the
// driver sent one) and the driver's message.
func TestStartRefusalsAreNotRecoverable(t *testing.T) {
	dh, _, _ := dealsHarness(t)
	unknown := testsupport.CID(t, "nobody stores this")
	cases := []struct {
		name string
		h    *harness
		cfg  *TaskConfig
		want error
	}{
		{"image not on the node", newHarness(t, nil), &TaskConfig{Image: "shale/absent:1"}, ErrImageUnavailable},
		{"image not allowed", newHarness(t, func(c *Config) { c.Image.Allow = []string{"shale/debian:*"} }),
			&TaskConfig{Image: testsupport.BusyboxImage}, ErrImageNotAllowed},
		{"deal data not on the node", dh,
			&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{{CID: unknown, Path: "/data"}}}, deals.ErrNotFound},
		{"invalid task config", newHarness(t, nil), &TaskConfig{Image: testsupport.BusyboxImage, Args: []string{"x"}}, ErrInvalidConfig},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			task := c.h.newTask(c.cfg, 64)
			_, _, err := c.h.StartTask(task)
			if err == nil || !strings.Contains(err.Error(), c.want.Error()) {
				t.Fatalf("StartTask = %v, want %v", err, c.want)
			}
			rec, ok := err.(structs.Recoverable)
			if !ok || rec.IsRecoverable() {
				t.Fatalf("StartTask error %T (recoverable: %v) should tell Nomad not to retry", err, ok && rec.IsRecoverable())
			}
			list, err := c.h.docker.ContainerList(context.Background(), containerListByAlloc(task.AllocID))
			if err != nil {
				t.Fatalf("listing containers: %v", err)
			}
			if len(list) != 0 {
				t.Fatalf("container created for a refused task: %+v", list)
			}
		})
	}
}

func TestStartFailureClassification(t *testing.T) {
	for _, tc := range []struct {
		err         error
		recoverable bool
	}{
		{fmt.Errorf("deal data for /data: %w", deals.ErrVerification), false},
		{fmt.Errorf("%w: lease ends before it starts", ErrLeaseExpired), false},
		{fmt.Errorf("task %q: %w", "lease", ErrNoGateway), false},
		{fmt.Errorf("register lease x with the gateway: %w", gateway.ErrPaymentTerms), false},
		{fmt.Errorf("deal data for /data: %w", deals.ErrIncomplete), true}, // a gateway stream cut mid-way
		{fmt.Errorf("deal data for /data: %w", deals.ErrNoSpace), true},
		{errors.New("create container for image x: Cannot connect to the Docker daemon"), true},
	} {
		got := startFailure(tc.err)
		rec, ok := got.(structs.Recoverable)
		if !ok || rec.IsRecoverable() != tc.recoverable || got.Error() != tc.err.Error() || !errors.Is(got, tc.err) {
			t.Errorf("startFailure(%v) = %v (recoverable %v), want the same message, recoverable %v", tc.err, got, ok && rec.IsRecoverable(), tc.recoverable)
		}
	}
	if startFailure(nil) != nil {
		t.Error("startFailure(nil) is not nil")
	}
}
