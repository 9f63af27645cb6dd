package driver

import (
	"strings"
	"testing"
	"time"
)

// TestAttackDiskFill has a task write far past its disk limit, into its writable layer and
// into local/ (a host directory): the driver must stop it with a reason that says so.
func TestAttackDiskFill(t *testing.T) {
	for _, dir := range []string{"/tmp", "/local"} {
		t.Run(dir, func(t *testing.T) {
			// One harness per task: the harness's alloc-dir cleanup closes its plugin client.
			h := newHarness(t, func(c *Config) { c.Hardening.DiskInterval = "500ms" })
			tc := sh(`i=0; while [ $i -lt 256 ]; do dd if=/dev/zero of=` + dir + `/fill.$i bs=1M count=1 2>/dev/null || break; i=$((i+1)); done; exec sleep 3600`)
			tc.Disk = "16Mi"
			task := h.newTask(tc, 64)
			h.startOnly(task)
			res := h.wait(task.ID, time.Minute)
			if res.Err == nil || !strings.Contains(res.Err.Error(), "is over the task's limit of 16Mi") {
				t.Fatalf("exit %+v (err %v): want a stop for the disk limit", res, res.Err)
			}
		})
	}
}
