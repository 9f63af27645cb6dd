package driver

import (
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/nomad/plugins/drivers"
)

// ErrLeaseExpired refuses to start a lease past its expiry.
var ErrLeaseExpired = errors.New("lease expired")

// leaseStopTimeout is how long a lease's program gets to exit after SIGTERM when the lease
// ends on the driver's side (arrears, client terminate, expiry).
const leaseStopTimeout = 10 * time.Second

// attachLease registers the task's lease with the gateway and arms its expiry. A task
// without a lease block is an ordinary Nomad task.
func (d *Driver) attachLease(h *taskHandle, lc *LeaseConfig) error {
	if lc == nil {
		return nil
	}
	d.mu.RLock()
	gw := d.gateway
	d.mu.RUnlock()
	if gw == nil {
		return fmt.Errorf("%w: task %q has a lease block but this node's plugin config has no gateway {} block", ErrNoGateway, h.taskConfig.Name)
	}
	l, err := gatewayLease(lc, h.containerID, h.startedAt)
	if err != nil {
		return fmt.Errorf("%w: lease: %w", ErrInvalidConfig, err)
	}
	if h.taskConfig.AllocDir != "" {
		// The task dir's root: outside every container mount, readable through alloc-fs.
		l.MirrorDir = h.taskConfig.TaskDir().Dir
	}
	taskID := h.taskConfig.ID
	// Asynchronous: stopping unregisters the lease, which the gateway's callback must not wait on.
	l.OnStop = func(reason string) { go d.endLease(taskID, reason) }
	// The operator sees the arrears warning the client sees, as a task event.
	cfg, id := h.taskConfig, lc.ID
	l.OnWarn = func(msg string) { d.emit(cfg, "Lease warning: "+msg, map[string]string{"lease": id}) }
	if err := gw.Register(l); err != nil {
		return fmt.Errorf("register lease %s with the gateway: %w", l.ID, err)
	}
	h.leaseID = l.ID
	h.hasLease = true
	// A lease that expired while the plugin was down ends as soon as the handle is stored.
	h.expiry = time.AfterFunc(max(time.Until(l.ExpiresAt), 0), func() {
		d.endLease(taskID, fmt.Sprintf("lease expired at %s", l.ExpiresAt.UTC().Format(time.RFC3339)))
	})
	return nil
}

// detachLease closes the lease's sessions and disarms its expiry; safe to call twice.
func (d *Driver) detachLease(h *taskHandle) {
	if h.expiry != nil {
		h.expiry.Stop()
	}
	if !h.hasLease {
		return
	}
	d.mu.RLock()
	gw := d.gateway
	d.mu.RUnlock()
	if gw != nil {
		gw.Unregister(h.leaseID)
	}
}

// endLease stops a task because its lease ended, with a task event saying why.
func (d *Driver) endLease(taskID, reason string) {
	h, ok := d.tasks.get(taskID)
	if !ok || !h.isRunning() {
		return
	}
	d.emit(h.taskConfig, "Lease ended: "+reason, map[string]string{"lease": h.leaseID.String()})
	d.logger.Info("lease ended; stopping task", "task", taskID, "reason", reason)
	if err := d.StopTask(taskID, leaseStopTimeout, "SIGTERM"); err != nil && err != drivers.ErrTaskNotFound {
		d.logger.Error("stop task after lease end", "task", taskID, "error", err)
	}
}

// checkNotExpired refuses to start a lease whose time is already over.
func checkNotExpired(lc *LeaseConfig, now time.Time) error {
	if lc == nil {
		return nil
	}
	exp, err := time.Parse(time.RFC3339, lc.ExpiresAt)
	if err != nil {
		return fmt.Errorf("%w: lease.expires_at: %w", ErrInvalidConfig, err)
	}
	if !exp.After(now) {
		return fmt.Errorf("%w: lease %s expired at %s", ErrLeaseExpired, lc.ID, exp.UTC().Format(time.RFC3339))
	}
	return nil
}
