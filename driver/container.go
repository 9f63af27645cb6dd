package driver

import (
	"errors"
	"fmt"
	"path"
	"runtime"
	"strings"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"
	"github.com/hashicorp/nomad/plugins/drivers"
)

const (
	// initDir holds the init binary inside every container, mounted read-only.
	initDir  = "/.shale"
	initPath = initDir + "/init"

	labelAllocID   = "com.hashicorp.nomad.alloc_id"
	labelJobID     = "com.hashicorp.nomad.job_id"
	labelJobName   = "com.hashicorp.nomad.job_name"
	labelTaskGroup = "com.hashicorp.nomad.task_group_name"
	labelTaskName  = "com.hashicorp.nomad.task_name"
	labelNamespace = "com.hashicorp.nomad.namespace"
	labelNodeID    = "com.hashicorp.nomad.node_id"
	labelTaskID    = "io.shale.task_id"
	labelLeaseID   = "io.shale.lease_id"
	labelManaged   = "io.shale.managed"

	nvidiaVisibleDevices = "NVIDIA_VISIBLE_DEVICES"
)

// ErrNoGPURuntime is returned when a task reserves GPUs on a node whose Docker engine lacks
// the GPU runtime.
var ErrNoGPURuntime = errors.New("GPU runtime missing")

// containerSpec is everything Docker needs to create a task's container.
type containerSpec struct {
	Name   string
	Config *container.Config
	Host   *container.HostConfig
}

// specInput gathers what buildContainerSpec reads, so that it stays a pure function.
type specInput struct {
	Task       *drivers.TaskConfig
	Config     *TaskConfig
	Plugin     *Config
	InitBinary string
	GPURuntime bool
}

// containerName is unique per allocation and task, and readable in `docker ps`.
func containerName(task *drivers.TaskConfig) string {
	return fmt.Sprintf("shale-%s-%s", task.Name, task.AllocID)
}

// buildContainerSpec turns Nomad's task and the job config into a hardened container spec.
func buildContainerSpec(in specInput) (*containerSpec, error) {
	task, tc, pc := in.Task, in.Config, in.Plugin
	if err := validateTask(tc); err != nil {
		return nil, err
	}

	env := make([]string, 0, len(task.Env)+len(task.DeviceEnv))
	for k, v := range task.Env {
		env = append(env, k+"="+v)
	}
	for k, v := range task.DeviceEnv {
		env = append(env, k+"="+v)
	}
	sortStrings(env)

	// The init runs the command (if any) as its child, so signals reach the program and
	// zombies are reaped whatever the image; with no command it idles until SIGTERM.
	entry := []string{initPath, "init", "--"}
	var cmd []string
	if tc.Command != "" {
		cmd = append([]string{tc.Command}, tc.Args...)
	} else if len(tc.Args) > 0 {
		return nil, fmt.Errorf("%w: args given without command", ErrInvalidConfig)
	}

	labels := map[string]string{
		labelManaged:   "true",
		labelAllocID:   task.AllocID,
		labelJobID:     task.JobID,
		labelJobName:   task.JobName,
		labelTaskGroup: task.TaskGroupName,
		labelTaskName:  task.Name,
		labelNamespace: task.Namespace,
		labelNodeID:    task.NodeID,
		labelTaskID:    task.ID,
	}
	if tc.Lease != nil {
		labels[labelLeaseID] = tc.Lease.ID
	}

	cfg := &container.Config{
		Image:      tc.Image,
		Entrypoint: entry,
		Cmd:        cmd,
		Env:        env,
		WorkingDir: tc.WorkDir,
		Labels:     labels,
		User:       task.User,
		// Stdin stays closed: interactive access is the gateway's job, through exec.
		AttachStdout: true,
		AttachStderr: true,
	}

	host := &container.HostConfig{
		Privileged:     false,
		CapDrop:        []string{"ALL"},
		CapAdd:         append([]string(nil), pc.Hardening.CapAdd...),
		SecurityOpt:    []string{"no-new-privileges:true"},
		ReadonlyRootfs: pc.Hardening.ReadonlyRootfs,
		NetworkMode:    leaseNetworkMode(pc),
		IpcMode:        container.IPCModePrivate,
		RestartPolicy:  container.RestartPolicy{Name: "no"},
		// Nomad's log collector reads our FIFOs; keep Docker's own copy small.
		LogConfig: container.LogConfig{Type: "json-file", Config: map[string]string{"max-size": "10m", "max-file": "2"}},
	}
	pids := pc.Hardening.PidsLimit
	host.PidsLimit = &pids
	if pc.Hardening.ReadonlyRootfs {
		host.Tmpfs = map[string]string{"/tmp": "rw,nosuid,nodev,size=256m", "/run": "rw,nosuid,nodev,size=16m"}
	}

	if err := applyResources(host, task, pc); err != nil {
		return nil, err
	}
	if err := applyGPUs(host, task, pc, in.GPURuntime); err != nil {
		return nil, err
	}
	host.Mounts = taskMounts(task, in.InitBinary)
	for _, d := range task.Devices {
		host.Devices = append(host.Devices, container.DeviceMapping{
			PathOnHost: d.HostPath, PathInContainer: d.TaskPath, CgroupPermissions: d.Permissions,
		})
	}
	return &containerSpec{Name: containerName(task), Config: cfg, Host: host}, nil
}

func applyResources(host *container.HostConfig, task *drivers.TaskConfig, pc *Config) error {
	if task.Resources == nil || task.Resources.NomadResources == nil {
		return fmt.Errorf("%w: task %q has no resources", ErrInvalidConfig, task.Name)
	}
	nr := task.Resources.NomadResources
	mem := nr.Memory.MemoryMB
	soft := int64(0)
	// Nomad's `memory_max` is the hard limit; `memory` becomes the soft reservation.
	if nr.Memory.MemoryMaxMB > mem {
		soft, mem = mem, nr.Memory.MemoryMaxMB
	}
	if mem <= 0 {
		return fmt.Errorf("%w: task %q: memory must be positive", ErrInvalidConfig, task.Name)
	}
	host.Memory = mem * 1024 * 1024
	host.MemorySwap = host.Memory // no swap beyond the limit
	host.MemoryReservation = soft * 1024 * 1024
	host.CPUShares = nr.Cpu.CpuShares
	if lr := task.Resources.LinuxResources; lr != nil {
		host.CpusetCpus = lr.CpusetCpus
		if lr.CPUShares > 0 {
			host.CPUShares = lr.CPUShares
		}
	}
	if len(nr.Cpu.ReservedCores) > 0 && host.CpusetCpus == "" {
		cores := make([]string, len(nr.Cpu.ReservedCores))
		for i, c := range nr.Cpu.ReservedCores {
			cores[i] = fmt.Sprint(c)
		}
		host.CpusetCpus = strings.Join(cores, ",")
	}
	if lr := task.Resources.LinuxResources; pc.Hardening.CPUHardLimit && lr != nil && lr.PercentTicks > 0 {
		// The task's fraction of the node's CPU time, as Nomad's docker driver computes it,
		// bounded below by Docker's 1ms minimum quota.
		const period = 100000
		host.CPUPeriod = period
		host.CPUQuota = max(int64(1000), int64(lr.PercentTicks*float64(period)*float64(runtime.NumCPU())))
	}
	return nil
}

func applyGPUs(host *container.HostConfig, task *drivers.TaskConfig, pc *Config, runtime bool) error {
	ids := strings.TrimSpace(task.DeviceEnv[nvidiaVisibleDevices])
	if ids == "" || ids == "void" || ids == "none" {
		return nil
	}
	if !runtime {
		return fmt.Errorf("%w: task %q reserves GPUs (%s) but this node's Docker engine has no %q runtime; install the NVIDIA Container Toolkit or place the lease on a GPU node",
			ErrNoGPURuntime, task.Name, ids, pc.GPURuntime)
	}
	host.DeviceRequests = append(host.DeviceRequests, container.DeviceRequest{
		Driver:       "nvidia",
		DeviceIDs:    strings.Split(ids, ","),
		Capabilities: [][]string{{"gpu"}},
	})
	return nil
}

// taskMounts is the complete list of host paths a container sees: Nomad's task directories,
// the init binary (read-only), and operator-defined Nomad volumes. Jobs cannot add host paths.
func taskMounts(task *drivers.TaskConfig, initBinary string) []mount.Mount {
	var ms []mount.Mount
	bind := func(src, dst string, ro bool) {
		ms = append(ms, mount.Mount{Type: mount.TypeBind, Source: src, Target: dst, ReadOnly: ro,
			BindOptions: &mount.BindOptions{Propagation: mount.PropagationRPrivate}})
	}
	if task.AllocDir != "" {
		taskDir := task.TaskDir()
		bind(taskDir.LocalDir, "/local", false)
		bind(taskDir.SecretsDir, "/secrets", false)
		bind(taskDir.SharedAllocDir, "/alloc", false)
	}
	bind(initBinary, initPath, true)
	for _, m := range task.Mounts {
		bind(m.HostPath, path.Clean(m.TaskPath), m.Readonly)
	}
	return ms
}
