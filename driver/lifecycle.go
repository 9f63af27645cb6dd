package driver

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
	"github.com/hashicorp/nomad/plugins/drivers"
)

// StartTask creates and starts the task's container. Its errors tell Nomad whether retrying
// can help (startFailure).
func (d *Driver) StartTask(task *drivers.TaskConfig) (*drivers.TaskHandle, *drivers.DriverNetwork, error) {
	handle, net, err := d.startTask(task)
	if err != nil {
		return nil, nil, startFailure(err)
	}
	return handle, net, nil
}

func (d *Driver) startTask(task *drivers.TaskConfig) (*drivers.TaskHandle, *drivers.DriverNetwork, error) {
	if _, ok := d.tasks.get(task.ID); ok {
		return nil, nil, fmt.Errorf("task %s already started", task.ID)
	}
	pc, dc, initBin, gpu := d.state()
	if pc == nil {
		return nil, nil, errors.New("driver not configured: SetConfig was never called")
	}
	var tc TaskConfig
	if err := task.DecodeDriverConfig(&tc); err != nil {
		return nil, nil, fmt.Errorf("%w: decode task config: %w", ErrInvalidConfig, err)
	}
	if err := checkNotExpired(tc.Lease, time.Now()); err != nil {
		return nil, nil, err
	}
	spec, err := buildContainerSpec(specInput{Task: task, Config: &tc, Plugin: pc, InitBinary: initBin, GPURuntime: gpu})
	if err != nil {
		return nil, nil, err
	}

	ctx, cancel := context.WithCancel(d.ctx)
	defer cancel()
	if pc.NetworkMode == "isolated" {
		if err := d.ensureIsolation(ctx, dc, &pc.Network); err != nil {
			return nil, nil, err
		}
	}
	if err := d.ensureImage(ctx, dc, pc, task, tc.Image); err != nil {
		return nil, nil, err
	}
	dataMounts, release, err := d.dealMounts(ctx, task, tc.Mounts)
	if err != nil {
		return nil, nil, err
	}
	owned := false // until the handle owns them, failing paths release datasets and container
	defer func() {
		if !owned {
			release()
		}
	}()
	spec.Host.Mounts = append(spec.Host.Mounts, dataMounts...)
	guarded, err := guardTaskDirs(task)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if !owned {
			unguardTaskDirs(guarded)
		}
	}()
	// A container left by an earlier attempt of this task (an agent crash between create and
	// the handle reaching Nomad) holds the name: it never ran under Nomad's control, so go.
	if err := removeContainer(ctx, dc, spec.Name); err != nil {
		return nil, nil, fmt.Errorf("remove stale container %s: %w", spec.Name, err)
	}
	created, err := dc.ContainerCreate(ctx, spec.Config, spec.Host, nil, nil, spec.Name)
	if err != nil {
		return nil, nil, fmt.Errorf("create container for image %s: %w", tc.Image, err)
	}
	defer func() {
		if !owned {
			_ = removeContainer(context.Background(), dc, created.ID)
		}
	}()
	if err := dc.ContainerStart(ctx, created.ID, types.ContainerStartOptions{}); err != nil {
		return nil, nil, fmt.Errorf("start container %s: %w", spec.Name, err)
	}
	info, err := dc.ContainerInspect(ctx, created.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("inspect container %s: %w", spec.Name, err)
	}
	startedAt := parseDockerTime(info.State.StartedAt)
	veth, err := d.limitEgress(ctx, pc, &tc, info.State.Pid)
	if err != nil {
		return nil, nil, err
	}

	st := taskState{ContainerID: created.ID, ContainerName: spec.Name, Image: tc.Image, StartedAt: startedAt, TaskConfig: task, Config: &tc, GuardedDirs: guarded, EgressIf: veth}
	if tc.Lease != nil {
		st.LeaseID = tc.Lease.ID
	}
	handle := drivers.NewTaskHandle(taskHandleVersion)
	handle.Config = task
	if err := handle.SetDriverState(&st); err != nil {
		return nil, nil, fmt.Errorf("encode task state: %w", err)
	}

	h := newTaskHandle(task, created.ID, spec.Name, tc.Image, startedAt)
	if err := d.attachLease(h, tc.Lease); err != nil {
		return nil, nil, err
	}
	h.releaseData, h.guardedDirs, h.egressIf, owned = release, guarded, veth, true
	d.tasks.set(task.ID, h)
	d.startLogs(h, false)
	go d.watch(h, dc)
	go d.watchDisk(h, dc, diskLimit(&tc, pc), pc.Hardening.diskInterval)
	d.logger.Info("started container", "task", task.ID, "container", created.ID[:12], "name", spec.Name)
	return handle, nil, nil
}

// RecoverTask re-adopts the container of a task after a plugin or agent restart. A container
// that is gone is reported as an error, never silently recreated: the lease's state lived in it.
func (d *Driver) RecoverTask(handle *drivers.TaskHandle) error {
	if handle == nil {
		return errors.New("recover: nil handle")
	}
	if _, ok := d.tasks.get(handle.Config.ID); ok {
		return nil
	}
	var st taskState
	if err := handle.GetDriverState(&st); err != nil {
		return fmt.Errorf("recover %s: decode task state: %w", handle.Config.ID, err)
	}
	_, dc, _, _ := d.state()
	if dc == nil {
		return errors.New("recover: driver not configured")
	}
	ctx, cancel := context.WithTimeout(d.ctx, 30*time.Second)
	defer cancel()
	info, err := dc.ContainerInspect(ctx, st.ContainerID)
	if client.IsErrNotFound(err) {
		return fmt.Errorf("recover %s: container %s (%s) no longer exists", handle.Config.ID, st.ContainerName, short(st.ContainerID))
	}
	if err != nil {
		return fmt.Errorf("recover %s: inspect container %s: %w", handle.Config.ID, short(st.ContainerID), err)
	}
	cfg := handle.Config
	if cfg == nil {
		cfg = st.TaskConfig
	}
	h := newTaskHandle(cfg, st.ContainerID, st.ContainerName, st.Image, st.StartedAt)
	d.tasks.set(cfg.ID, h)
	if info.State.Running {
		tc, err := recoveredConfig(cfg, &st)
		if err == nil {
			// The container still has its datasets mounted: hold them against cache GC again.
			_, h.releaseData, err = d.dealMounts(ctx, cfg, tc.Mounts)
		}
		if err == nil {
			err = d.attachLease(h, tc.Lease)
		}
		if err != nil {
			h.release()
			d.tasks.delete(cfg.ID)
			return fmt.Errorf("recover %s: %w", cfg.ID, err)
		}
	}
	// Only now: a failed recovery above must not unmount guards a running container relies on.
	h.mu.Lock()
	h.guardedDirs, h.egressIf = st.GuardedDirs, st.EgressIf
	h.mu.Unlock()
	if info.State.Running {
		d.startLogs(h, true)
		if pc, _, _, _ := d.state(); pc != nil {
			if tc, err := recoveredConfig(cfg, &st); err == nil {
				go d.watchDisk(h, dc, diskLimit(&tc, pc), pc.Hardening.diskInterval)
			}
		}
	}
	go d.watch(h, dc)
	d.logger.Info("recovered container", "task", cfg.ID, "container", short(st.ContainerID), "running", info.State.Running)
	return nil
}

// watch waits for the container to stop and records its exit.
func (d *Driver) watch(h *taskHandle, dc *client.Client) {
	for {
		waitCh, errCh := dc.ContainerWait(d.ctx, h.containerID, container.WaitConditionNotRunning)
		select {
		case <-waitCh:
		case err := <-errCh:
			if d.ctx.Err() != nil {
				return // plugin shutting down; RecoverTask picks it up
			}
			if client.IsErrNotFound(err) {
				h.setExited(&drivers.ExitResult{ExitCode: 255, Err: fmt.Errorf("container %s disappeared", short(h.containerID))})
				return
			}
			d.logger.Warn("container wait failed; retrying", "container", short(h.containerID), "error", err)
			select {
			case <-time.After(time.Second):
				continue
			case <-d.ctx.Done():
				return
			}
		case <-d.ctx.Done():
			return
		}
		info, err := dc.ContainerInspect(d.ctx, h.containerID)
		if err != nil {
			if d.ctx.Err() != nil {
				return
			}
			h.setExited(&drivers.ExitResult{ExitCode: 255, Err: fmt.Errorf("inspect exited container: %w", err)})
			return
		}
		if info.State.Running {
			continue // woke for a restart race; wait again
		}
		res := &drivers.ExitResult{ExitCode: info.State.ExitCode, OOMKilled: info.State.OOMKilled}
		if c := info.State.ExitCode; c > 128 && c <= 128+64 {
			res.Signal = c - 128
		}
		if info.State.Error != "" {
			res.Err = errors.New(info.State.Error)
		} else if r := h.getStopReason(); r != "" {
			res.Err = errors.New(r)
		}
		// Nomad stops the task's log collector once the exit is reported: let the copy of
		// the container's last output reach the log FIFOs first (its stream ends with the
		// container), bounded so a stuck reader cannot hold the exit back.
		h.drainLogs(logDrainTimeout)
		h.setExited(res)
		return
	}
}

// WaitTask returns a channel that yields the task's exit result once.
func (d *Driver) WaitTask(ctx context.Context, taskID string) (<-chan *drivers.ExitResult, error) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return nil, drivers.ErrTaskNotFound
	}
	ch := make(chan *drivers.ExitResult, 1)
	go func() {
		defer close(ch)
		select {
		case <-h.done:
			ch <- h.exitResult()
		case <-ctx.Done():
		case <-d.ctx.Done():
		}
	}()
	return ch, nil
}

// StopTask sends the signal (SIGTERM by default), then kills after the timeout.
func (d *Driver) StopTask(taskID string, timeout time.Duration, signal string) error {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return drivers.ErrTaskNotFound
	}
	if signal == "" {
		signal = "SIGTERM"
	}
	d.detachLease(h)
	_, dc, _, _ := d.state()
	if err := dc.ContainerKill(d.ctx, h.containerID, signal); err != nil && !isNotRunning(err) {
		return fmt.Errorf("signal %s to container %s: %w", signal, short(h.containerID), err)
	}
	select {
	case <-h.done:
		return nil
	case <-time.After(timeout):
	}
	if err := dc.ContainerKill(d.ctx, h.containerID, "SIGKILL"); err != nil && !isNotRunning(err) {
		return fmt.Errorf("kill container %s: %w", short(h.containerID), err)
	}
	select {
	case <-h.done:
		return nil
	case <-time.After(30 * time.Second):
		return fmt.Errorf("container %s did not stop after SIGKILL", short(h.containerID))
	}
}

// DestroyTask removes the container; nothing of the task is left behind.
func (d *Driver) DestroyTask(taskID string, force bool) error {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return drivers.ErrTaskNotFound
	}
	if h.isRunning() && !force {
		return errors.New("cannot destroy a running task without force")
	}
	_, dc, _, _ := d.state()
	d.detachLease(h)
	if err := removeContainer(d.ctx, dc, h.containerID); err != nil {
		return fmt.Errorf("remove container %s: %w", short(h.containerID), err)
	}
	h.release() // only now: the container no longer mounts the datasets
	d.tasks.delete(taskID)
	return nil
}

// InspectTask reports the task's status.
func (d *Driver) InspectTask(taskID string) (*drivers.TaskStatus, error) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return nil, drivers.ErrTaskNotFound
	}
	return h.status(), nil
}

// SignalTask delivers a signal; the container's init forwards it to the program.
func (d *Driver) SignalTask(taskID string, signal string) error {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return drivers.ErrTaskNotFound
	}
	_, dc, _, _ := d.state()
	if err := dc.ContainerKill(d.ctx, h.containerID, signal); err != nil {
		return fmt.Errorf("signal %s to container %s: %w", signal, short(h.containerID), err)
	}
	return nil
}

func removeContainer(ctx context.Context, dc *client.Client, idOrName string) error {
	err := dc.ContainerRemove(ctx, idOrName, types.ContainerRemoveOptions{Force: true, RemoveVolumes: true})
	if err == nil || client.IsErrNotFound(err) {
		return nil
	}
	return err
}

func isNotRunning(err error) bool {
	return err != nil && (client.IsErrNotFound(err) || containsAny(err.Error(), "is not running", "No such container"))
}

func parseDockerTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Now()
	}
	return t
}

func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

// recoveredConfig is a recovered task's driver config: the copy in the driver's own state,
// or, for state written before the driver kept one, the handle's raw config when Nomad still
// has it.
func recoveredConfig(cfg *drivers.TaskConfig, st *taskState) (TaskConfig, error) {
	if st.Config != nil {
		return *st.Config, nil
	}
	var tc TaskConfig
	if err := cfg.DecodeDriverConfig(&tc); err != nil {
		return TaskConfig{}, fmt.Errorf("decode driver config (not in the task state, and Nomad no longer has it): %w", err)
	}
	return tc, nil
}
