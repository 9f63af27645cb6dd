package driver

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/hashicorp/nomad/nomad/structs"
	"github.com/hashicorp/nomad/plugins/drivers"
)

func testTask(mut func(*drivers.TaskConfig)) *drivers.TaskConfig {
	t := &drivers.TaskConfig{
		ID: "alloc1/web/abcd", Name: "web", AllocID: "0f6c1d7e-1111-2222-3333-444455556666",
		JobID: "lease-1", JobName: "lease-1", TaskGroupName: "g", Namespace: "default", NodeID: "node-1",
		Env:      map[string]string{"NOMAD_TASK_DIR": "/local", "A": "1"},
		AllocDir: "/var/nomad/alloc/0f6c",
		Resources: &drivers.Resources{
			NomadResources: &structs.AllocatedTaskResources{
				Cpu:    structs.AllocatedCpuResources{CpuShares: 500},
				Memory: structs.AllocatedMemoryResources{MemoryMB: 256},
			},
			LinuxResources: &drivers.LinuxResources{CPUShares: 500, PercentTicks: 0.25},
		},
	}
	if mut != nil {
		mut(t)
	}
	return t
}

func testPluginConfig(t *testing.T, mut func(*Config)) *Config {
	c := &Config{}
	applyConfigDefaults(c)
	if mut != nil {
		mut(c)
	}
	if err := c.validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

func build(t *testing.T, task *drivers.TaskConfig, tc *TaskConfig, pc *Config, gpu bool) (*containerSpec, error) {
	t.Helper()
	return buildContainerSpec(specInput{Task: task, Config: tc, Plugin: pc, InitBinary: "/opt/nomad/plugins/shale-driver", GPURuntime: gpu})
}

func TestContainerSpecHardenedByDefault(t *testing.T) {
	spec, err := build(t, testTask(nil), &TaskConfig{Image: "shale/busybox"}, testPluginConfig(t, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	h := spec.Host
	if h.Privileged {
		t.Error("privileged")
	}
	if !slices.Equal(h.CapDrop, []string{"ALL"}) || !slices.Equal(h.CapAdd, defaultCapAdd) {
		t.Errorf("caps: drop %v add %v", h.CapDrop, h.CapAdd)
	}
	if !slices.Contains(h.SecurityOpt, "no-new-privileges:true") {
		t.Errorf("security opts %v", h.SecurityOpt)
	}
	if h.PidsLimit == nil || *h.PidsLimit != defaultPidsLimit {
		t.Errorf("pids limit %v", h.PidsLimit)
	}
	if h.RestartPolicy.Name != "no" {
		t.Errorf("restart policy %q: Nomad owns restarts", h.RestartPolicy.Name)
	}
	if h.NetworkMode != defaultLeaseNetwork {
		t.Errorf("network mode %q, want the isolated lease network %q", h.NetworkMode, defaultLeaseNetwork)
	}
	// The only host paths: Nomad's task dirs and the read-only init.
	var targets []string
	for _, m := range h.Mounts {
		targets = append(targets, m.Target)
		if m.Target == initPath && (!m.ReadOnly || m.Source != "/opt/nomad/plugins/shale-driver") {
			t.Errorf("init mount %+v", m)
		}
		if !strings.HasPrefix(m.Source, "/var/nomad/alloc/0f6c") && m.Target != initPath {
			t.Errorf("unexpected host path %s", m.Source)
		}
	}
	if want := []string{"/local", "/secrets", "/alloc", initPath}; !slices.Equal(targets, want) {
		t.Errorf("mount targets %v, want %v", targets, want)
	}
	if len(h.Binds) != 0 || len(h.VolumesFrom) != 0 {
		t.Errorf("binds %v volumes-from %v", h.Binds, h.VolumesFrom)
	}
	if !slices.Equal(spec.Config.Entrypoint, []string{initPath, "init", "--"}) || len(spec.Config.Cmd) != 0 {
		t.Errorf("idle entrypoint %v cmd %v", spec.Config.Entrypoint, spec.Config.Cmd)
	}
}

func TestContainerSpecResources(t *testing.T) {
	cases := []struct {
		name                 string
		mem, memMax          int64
		hardCPU              bool
		wantMem, wantReserve int64
		wantQuota            int64
	}{
		{"memory is the hard limit", 256, 0, false, 256 << 20, 0, 0},
		{"memory_max is the hard limit, memory the reservation", 256, 1024, false, 1024 << 20, 256 << 20, 0},
		{"cpu hard limit from percent ticks", 128, 0, true, 128 << 20, 0, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			task := testTask(func(tk *drivers.TaskConfig) {
				tk.Resources.NomadResources.Memory = structs.AllocatedMemoryResources{MemoryMB: c.mem, MemoryMaxMB: c.memMax}
			})
			pc := testPluginConfig(t, func(p *Config) { p.Hardening.CPUHardLimit = c.hardCPU })
			spec, err := build(t, task, &TaskConfig{Image: "shale/busybox"}, pc, false)
			if err != nil {
				t.Fatal(err)
			}
			h := spec.Host
			if h.Memory != c.wantMem || h.MemorySwap != c.wantMem || h.MemoryReservation != c.wantReserve {
				t.Errorf("memory %d swap %d reservation %d", h.Memory, h.MemorySwap, h.MemoryReservation)
			}
			if h.CPUShares != 500 {
				t.Errorf("cpu shares %d", h.CPUShares)
			}
			if c.wantQuota == 0 && (h.CPUQuota != 0 || h.CPUPeriod != 0) {
				t.Errorf("unexpected quota %d/%d", h.CPUQuota, h.CPUPeriod)
			}
			if c.wantQuota != 0 && (h.CPUPeriod != 100000 || h.CPUQuota < 1000) {
				t.Errorf("quota %d/%d", h.CPUQuota, h.CPUPeriod)
			}
		})
	}
}

func TestContainerSpecNamesLabelsEnvCommand(t *testing.T) {
	task := testTask(func(tk *drivers.TaskConfig) { tk.User = "nobody" })
	tc := &TaskConfig{Image: "shale/busybox", Command: "sh", Args: []string{"-c", "echo hi"}, Lease: &LeaseConfig{
		ID: testLease, SSHKeys: []string{testSSHKey}, ExpiresAt: "2026-11-24T10:00:00Z",
		Payment: &PaymentConfig{PublicKey: testPubKey, Price: "1attofil/1s", Escrow: "3600"},
	}}
	a, err := build(t, task, tc, testPluginConfig(t, nil), false)
	if err != nil {
		t.Fatal(err)
	}
	other := testTask(func(tk *drivers.TaskConfig) { tk.AllocID = "99999999-1111-2222-3333-444455556666" })
	b, _ := build(t, other, tc, testPluginConfig(t, nil), false)
	if a.Name == b.Name || !strings.Contains(a.Name, task.AllocID) {
		t.Errorf("names not unique per allocation: %s %s", a.Name, b.Name)
	}
	l := a.Config.Labels
	if l[labelAllocID] != task.AllocID || l[labelTaskName] != "web" || l[labelLeaseID] != testLease || l[labelManaged] != "true" {
		t.Errorf("labels %v", l)
	}
	if !slices.Contains(a.Config.Env, "A=1") || !slices.Contains(a.Config.Env, "NOMAD_TASK_DIR=/local") {
		t.Errorf("env %v", a.Config.Env)
	}
	if !slices.Equal(a.Config.Cmd, []string{"sh", "-c", "echo hi"}) || a.Config.User != "nobody" {
		t.Errorf("cmd %v user %q", a.Config.Cmd, a.Config.User)
	}
}

func TestContainerSpecGPUs(t *testing.T) {
	gpuTask := testTask(func(tk *drivers.TaskConfig) {
		tk.DeviceEnv = map[string]string{nvidiaVisibleDevices: "GPU-aaaa,GPU-bbbb"}
	})
	spec, err := build(t, gpuTask, &TaskConfig{Image: "shale/debian:bookworm"}, testPluginConfig(t, nil), true)
	if err != nil {
		t.Fatal(err)
	}
	want := container.DeviceRequest{Driver: "nvidia", DeviceIDs: []string{"GPU-aaaa", "GPU-bbbb"}, Capabilities: [][]string{{"gpu"}}}
	if len(spec.Host.DeviceRequests) != 1 || !slices.Equal(spec.Host.DeviceRequests[0].DeviceIDs, want.DeviceIDs) ||
		spec.Host.DeviceRequests[0].Driver != "nvidia" || spec.Host.DeviceRequests[0].Capabilities[0][0] != "gpu" {
		t.Errorf("device requests %+v", spec.Host.DeviceRequests)
	}
	if !slices.Contains(spec.Config.Env, "NVIDIA_VISIBLE_DEVICES=GPU-aaaa,GPU-bbbb") {
		t.Errorf("device env not passed: %v", spec.Config.Env)
	}

	_, err = build(t, gpuTask, &TaskConfig{Image: "shale/debian:bookworm"}, testPluginConfig(t, nil), false)
	if !errors.Is(err, ErrNoGPURuntime) || !strings.Contains(err.Error(), `has no "nvidia" runtime`) {
		t.Errorf("GPU task without runtime: %v", err)
	}

	spec, err = build(t, testTask(nil), &TaskConfig{Image: "shale/busybox"}, testPluginConfig(t, nil), false)
	if err != nil || len(spec.Host.DeviceRequests) != 0 {
		t.Errorf("CPU task got device requests %v (%v)", spec.Host.DeviceRequests, err)
	}
}

func TestContainerSpecRejects(t *testing.T) {
	cases := []struct {
		name string
		task *drivers.TaskConfig
		tc   *TaskConfig
		want error
		msg  string
	}{
		{"args without command", testTask(nil), &TaskConfig{Image: "shale/busybox", Args: []string{"x"}}, ErrInvalidConfig, "args given without command"},
		{"privileged", testTask(nil), &TaskConfig{Image: "shale/busybox", Privileged: true}, ErrInvalidConfig, "privileged"},
		{"no memory", testTask(func(tk *drivers.TaskConfig) { tk.Resources.NomadResources.Memory.MemoryMB = 0 }), &TaskConfig{Image: "shale/busybox"}, ErrInvalidConfig, "memory must be positive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := build(t, c.task, c.tc, testPluginConfig(t, nil), false)
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err = %v, want %v containing %q", err, c.want, c.msg)
			}
		})
	}
}

func TestImageAllowList(t *testing.T) {
	allow := []string{"shale/*", "docker.io/library/debian:*"}
	for img, ok := range map[string]bool{
		"shale/busybox":         true,
		"shale/debian:bookworm": true,
		"debian:bookworm":       true,
		"evil/miner:latest":     false,
		"ghcr.io/shale/busybox": false,
	} {
		err := imageAllowed(allow, img)
		if ok != (err == nil) {
			t.Errorf("%s: allowed=%v err=%v", img, ok, err)
		}
		if err != nil && (!errors.Is(err, ErrImageNotAllowed) || !strings.Contains(err.Error(), img)) {
			t.Errorf("%s: error does not name the image: %v", img, err)
		}
	}
	if err := imageAllowed(nil, "anything/goes"); err != nil {
		t.Errorf("empty allow-list refused: %v", err)
	}
}
