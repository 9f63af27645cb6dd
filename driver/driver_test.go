package driver

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"
	"github.com/hashicorp/nomad/helper/testlog"
	"github.com/hashicorp/nomad/helper/uuid"
	"github.com/hashicorp/nomad/nomad/structs"
	"github.com/hashicorp/nomad/plugins/base"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/hashicorp/nomad/plugins/drivers/testutils"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/leasejob"
)

// These tests run the driver through Nomad's plugin harness (gRPC, logmon, alloc dirs)
// against the real Docker engine.

type harness struct {
	*testutils.DriverHarness
	docker *client.Client
	driver *Driver
	t      *testing.T
}

func newHarness(t *testing.T, mut func(*Config)) *harness {
	t.Helper()
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	cfg := &Config{InitBinary: testsupport.PluginBinary(t)}
	applyConfigDefaults(cfg)
	if mut != nil {
		mut(cfg)
	}
	var raw []byte
	if err := base.MsgPackEncode(&raw, cfg); err != nil {
		t.Fatal(err)
	}
	d := New(testlog.HCLogger(t))
	h := testutils.NewDriverHarness(t, d)
	if err := h.SetConfig(&base.Config{PluginConfig: raw}); err != nil {
		t.Fatalf("SetConfig: %v", err)
	}
	t.Cleanup(d.Shutdown)
	return &harness{DriverHarness: h, docker: dc, driver: d, t: t}
}

// newTask makes a task with its alloc dir and log FIFOs; everything is removed at cleanup.
func (h *harness) newTask(tc *TaskConfig, memMB int64) *drivers.TaskConfig {
	h.t.Helper()
	task := &drivers.TaskConfig{
		ID: uuid.Generate(), AllocID: uuid.Generate(), Name: "lease", JobName: "test", JobID: "test",
		Resources: &drivers.Resources{
			NomadResources: &structs.AllocatedTaskResources{
				Cpu:    structs.AllocatedCpuResources{CpuShares: 100},
				Memory: structs.AllocatedMemoryResources{MemoryMB: memMB},
			},
			LinuxResources: &drivers.LinuxResources{CPUShares: 100, MemoryLimitBytes: memMB << 20},
		},
	}
	if err := task.EncodeConcreteDriverConfig(tc); err != nil {
		h.t.Fatal(err)
	}
	cleanup := h.MkAllocDir(task, true)
	h.t.Cleanup(func() {
		_ = h.DestroyTask(task.ID, true)
		cleanup()
	})
	return task
}

// start starts a long-running task and waits until the driver reports it running.
func (h *harness) start(task *drivers.TaskConfig) *drivers.TaskHandle {
	h.t.Helper()
	handle := h.startOnly(task)
	if err := h.WaitUntilStarted(task.ID, 30*time.Second); err != nil {
		h.t.Fatal(err)
	}
	return handle
}

// startOnly starts a task that may exit at once; the test waits for its exit instead.
func (h *harness) startOnly(task *drivers.TaskConfig) *drivers.TaskHandle {
	h.t.Helper()
	handle, _, err := h.StartTask(task)
	if err != nil {
		h.t.Fatalf("StartTask: %v", err)
	}
	return handle
}

func (h *harness) wait(taskID string, timeout time.Duration) *drivers.ExitResult {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ch, err := h.WaitTask(ctx, taskID)
	if err != nil {
		h.t.Fatal(err)
	}
	select {
	case res := <-ch:
		if res == nil {
			h.t.Fatal("wait channel closed without a result")
		}
		return res
	case <-ctx.Done():
		h.t.Fatalf("task %s did not exit within %s", taskID, timeout)
		return nil
	}
}

func (h *harness) containerID(taskID string) string {
	h.t.Helper()
	st, err := h.InspectTask(taskID)
	if err != nil {
		h.t.Fatal(err)
	}
	return st.DriverAttributes["container_id"]
}

func (h *harness) exec(taskID string, cmd ...string) (string, int) {
	h.t.Helper()
	res, err := h.ExecTask(taskID, cmd, 30*time.Second)
	if err != nil {
		h.t.Fatalf("exec %v: %v", cmd, err)
	}
	return string(res.Stdout) + string(res.Stderr), res.ExitResult.ExitCode
}

// waitReady waits for the task's script to touch /tmp/ready (its signal traps are installed).
func (h *harness) waitReady(taskID string) {
	h.t.Helper()
	testsupport.Eventually(h.t, 20*time.Second, "task script ready", func() error {
		if _, code := h.exec(taskID, "test", "-e", "/tmp/ready"); code != 0 {
			return fmt.Errorf("/tmp/ready not there yet")
		}
		return nil
	})
}

func sh(script string) *TaskConfig {
	return &TaskConfig{Image: testsupport.BusyboxImage, Command: "/bin/sh", Args: []string{"-c", script}}
}

func TestStartWaitExitCodeAndLogs(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(sh(`echo "to stdout $A"; echo "to stderr" >&2; exit 3`), 64)
	task.Env["A"] = "env-works"
	h.startOnly(task)
	res := h.wait(task.ID, 30*time.Second)
	if res.ExitCode != 3 || res.OOMKilled || res.Signal != 0 {
		t.Fatalf("exit result %+v, want code 3", res)
	}
	logDir := filepath.Join(task.TaskDir().LogDir)
	testsupport.Eventually(t, 20*time.Second, "logs in Nomad's log files", func() error {
		out, _ := os.ReadFile(filepath.Join(logDir, "lease.stdout.0"))
		errb, _ := os.ReadFile(filepath.Join(logDir, "lease.stderr.0"))
		if !strings.Contains(string(out), "to stdout env-works") || !strings.Contains(string(errb), "to stderr") {
			return fmt.Errorf("stdout %q stderr %q", out, errb)
		}
		return nil
	})
}

func TestIdleLeaseRunsUnderInitAndStopsOnSIGTERM(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)

	out, code := h.exec(task.ID, "cat", "/proc/1/cmdline")
	if code != 0 || !strings.HasPrefix(out, initPath+"\x00init") {
		t.Fatalf("PID 1 is %q (exit %d), want the shale init", out, code)
	}
	// A zombie whose parent died is re-parented to PID 1 and must be reaped.
	if out, code := h.exec(task.ID, "sh", "-c", "sh -c 'sleep 0.1 & exit 0'; sleep 0.5"); code != 0 {
		t.Fatalf("making an orphan: exit %d: %s", code, out)
	}
	testsupport.Eventually(t, 10*time.Second, "orphan reaped by init", func() error {
		out, code := h.exec(task.ID, "sh", "-c", "grep -l '^State:.*Z' /proc/[0-9]*/status; [ $? -eq 1 ]")
		if code != 0 || strings.TrimSpace(out) != "" {
			return fmt.Errorf("zombies: %s", out)
		}
		return nil
	})

	if err := h.StopTask(task.ID, 20*time.Second, "SIGTERM"); err != nil {
		t.Fatal(err)
	}
	res := h.wait(task.ID, 30*time.Second)
	if res.ExitCode != 0 {
		t.Fatalf("idle init exit %+v, want 0 on SIGTERM (137 would mean it had to be killed)", res)
	}
}

func TestStopKillsAfterTimeout(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(sh(`trap "" TERM; touch /tmp/ready; while :; do sleep 0.2; done`), 64)
	h.start(task)
	h.waitReady(task.ID)
	if err := h.StopTask(task.ID, time.Second, "SIGTERM"); err != nil {
		t.Fatal(err)
	}
	res := h.wait(task.ID, 30*time.Second)
	if res.ExitCode != 137 || res.Signal != 9 {
		t.Fatalf("exit result %+v, want SIGKILL (137)", res)
	}
}

func TestSignalTaskReachesProgram(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(sh(`trap "exit 42" USR1; touch /tmp/ready; while :; do sleep 0.1; done`), 64)
	h.start(task)
	h.waitReady(task.ID)
	if err := h.SignalTask(task.ID, "SIGUSR1"); err != nil {
		t.Fatal(err)
	}
	if res := h.wait(task.ID, 30*time.Second); res.ExitCode != 42 {
		t.Fatalf("exit %+v, want 42 from the USR1 trap", res)
	}
}

func TestOOMKilled(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(sh(`x=aaaaaaaaaaaaaaaa; while :; do x="$x$x"; done`), 16)
	h.startOnly(task)
	res := h.wait(task.ID, 60*time.Second)
	if !res.OOMKilled {
		t.Fatalf("exit result %+v, want OOMKilled", res)
	}
}

func TestExecStreamingConformance(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)
	testutils.ExecTaskStreamingConformanceTests(t, h.DriverHarness, task.ID)
}

func TestExecStreamingTTYResize(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)

	resize := make(chan drivers.TerminalSize, 1)
	resize <- drivers.TerminalSize{Height: 33, Width: 101}
	stdinR, stdinW := io.Pipe()
	var out testsupport.SyncBuffer
	done := make(chan *drivers.ExitResult, 1)
	go func() {
		res, err := h.driver.ExecTaskStreaming(context.Background(), task.ID, &drivers.ExecOptions{
			Command: []string{"/bin/sh"}, Tty: true, Stdin: stdinR,
			Stdout: &out, Stderr: &out, ResizeCh: resize,
		})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	// The resize is applied asynchronously: ask until the terminal reports it.
	testsupport.Eventually(t, 20*time.Second, "terminal size 33x101", func() error {
		fmt.Fprintln(stdinW, "stty size")
		if !strings.Contains(out.String(), "33 101") {
			return fmt.Errorf("output so far %q", out.String())
		}
		return nil
	})
	fmt.Fprintln(stdinW, "exit 7")
	select {
	case res := <-done:
		if res == nil || res.ExitCode != 7 {
			t.Fatalf("exit %+v, want 7", res)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("tty exec did not end")
	}
}

func TestTaskStats(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ch, err := h.TaskStats(ctx, task.ID, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second sample has a CPU delta
		select {
		case s := <-ch:
			if s == nil || s.ResourceUsage.MemoryStats.Usage == 0 || s.Timestamp == 0 {
				t.Fatalf("sample %d: %+v", i, s)
			}
		case <-ctx.Done():
			t.Fatal("no stats")
		}
	}
}

func TestHardeningInsideContainer(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)
	status, code := h.exec(task.ID, "cat", "/proc/self/status")
	if code != 0 {
		t.Fatalf("cat /proc/self/status: exit %d: %s", code, status)
	}
	// CHOWN(0) DAC_OVERRIDE(1) FOWNER(3) FSETID(4) KILL(5) SETGID(6) SETUID(7) NET_BIND_SERVICE(10).
	if !strings.Contains(status, "CapEff:\t00000000000004fb") {
		t.Errorf("effective capabilities not the documented set:\n%s", grepLine(status, "Cap"))
	}
	if !strings.Contains(status, "NoNewPrivs:\t1") {
		t.Errorf("no-new-privileges not set:\n%s", grepLine(status, "NoNewPrivs"))
	}
	if out, code := h.exec(task.ID, "mount", "-t", "tmpfs", "x", "/mnt"); code == 0 {
		t.Errorf("mount succeeded inside the container: %s", out)
	}
	if out, code := h.exec(task.ID, "touch", initPath); code == 0 {
		t.Errorf("init binary writable: %s", out)
	}
	if out, code := h.exec(task.ID, "sh", "-c", "echo ok > /local/f && cat /local/f"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("task local/ dir not writable: %q %d", out, code)
	}
	info, err := h.docker.ContainerInspect(context.Background(), h.containerID(task.ID))
	if err != nil {
		t.Fatal(err)
	}
	if info.HostConfig.PidsLimit == nil || *info.HostConfig.PidsLimit != defaultPidsLimit || info.HostConfig.Memory != 64<<20 {
		t.Errorf("limits: pids %v memory %d", info.HostConfig.PidsLimit, info.HostConfig.Memory)
	}
	if info.Config.Labels[labelAllocID] != task.AllocID {
		t.Errorf("labels %v", info.Config.Labels)
	}
}

func TestRecoverWithFreshDriver(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	handle := h.start(task)
	id := h.containerID(task.ID)

	// A new plugin process: same config, no memory of the task.
	h2 := newHarness(t, nil)
	if err := h2.RecoverTask(handle); err != nil {
		t.Fatalf("RecoverTask: %v", err)
	}
	st, err := h2.InspectTask(task.ID)
	if err != nil || st.State != drivers.TaskStateRunning || st.DriverAttributes["container_id"] != id {
		t.Fatalf("recovered status %+v (%v), want running container %s", st, err, id)
	}
	if out, code := h2.exec(task.ID, "echo", "still here"); code != 0 || !strings.Contains(out, "still here") {
		t.Fatalf("exec after recover: %q %d", out, code)
	}
	if err := h2.StopTask(task.ID, 10*time.Second, "SIGTERM"); err != nil {
		t.Fatal(err)
	}
	if res := h2.wait(task.ID, 30*time.Second); res.ExitCode != 0 {
		t.Fatalf("exit after recover %+v", res)
	}
	if err := h2.DestroyTask(task.ID, false); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverReportsVanishedContainer(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	handle := h.start(task)
	id := h.containerID(task.ID)
	if err := removeContainer(context.Background(), h.docker, id); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, nil)
	err := h2.RecoverTask(handle)
	if err == nil || !strings.Contains(err.Error(), "no longer exists") {
		t.Fatalf("RecoverTask = %v, want an error saying the container no longer exists", err)
	}
	list, err := h.docker.ContainerList(context.Background(), containerListByAlloc(task.AllocID))
	if err != nil {
		t.Fatalf("listing containers: %v", err)
	}
	if len(list) != 0 {
		t.Fatalf("a container was recreated: %+v", list)
	}
}

func TestDestroyLeavesNothing(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	h.start(task)
	if err := h.DestroyTask(task.ID, false); err == nil {
		t.Fatal("destroyed a running task without force")
	}
	if err := h.DestroyTask(task.ID, true); err != nil {
		t.Fatal(err)
	}
	list, err := h.docker.ContainerList(context.Background(), containerListByAlloc(task.AllocID))
	if err != nil || len(list) != 0 {
		t.Fatalf("containers left: %+v (%v)", list, err)
	}
	if _, err := h.InspectTask(task.ID); err == nil {
		t.Fatal("task still known after destroy")
	}
}

func TestMissingImageNamesIt(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(&TaskConfig{Image: "shale/no-such-image:1"}, 64)
	_, _, err := h.StartTask(task)
	want := `image "shale/no-such-image:1" is not present on this node and pulling is disabled`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("StartTask = %v, want %q", err, want)
	}
}

func TestImageAllowListEnforced(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Image.Allow = []string{"shale/debian:*"} })
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage}, 64)
	_, _, err := h.StartTask(task)
	if err == nil || !strings.Contains(err.Error(), "matches none of this node's image.allow patterns") {
		t.Fatalf("StartTask = %v, want an allow-list refusal", err)
	}
}

// firstFingerprint is the driver's initial fingerprint.
func (h *harness) firstFingerprint() *drivers.Fingerprint {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ch, err := h.Fingerprint(ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	select {
	case fp := <-ch:
		return fp
	case <-ctx.Done():
		h.t.Fatal("no fingerprint")
		return nil
	}
}

func TestFingerprintHealthy(t *testing.T) {
	h := newHarness(t, nil)
	fp := h.firstFingerprint()
	if fp == nil || fp.Health != drivers.HealthStateHealthy {
		t.Fatalf("fingerprint %+v", fp)
	}
	if v, ok := fp.Attributes[leasejob.AttrDockerVersion].GetString(); !ok || v == "" {
		t.Errorf("docker version attribute missing: %v", fp.Attributes)
	}
	if b, ok := fp.Attributes[leasejob.AttrGPURuntime].GetBool(); !ok || b {
		t.Errorf("gpu_runtime = %v on a node without one", fp.Attributes[leasejob.AttrGPURuntime])
	}
}

func TestFingerprintUnhealthyEngine(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.DockerEndpoint = "unix:///nonexistent/docker.sock" })
	fp := h.firstFingerprint()
	want := "Docker engine at unix:///nonexistent/docker.sock is not answering"
	if fp.Health != drivers.HealthStateUnhealthy || !strings.Contains(fp.HealthDescription, want) {
		t.Fatalf("fingerprint %s %q, want unhealthy %q", fp.Health, fp.HealthDescription, want)
	}
}
