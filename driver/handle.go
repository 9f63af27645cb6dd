package driver

import (
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/nomad/plugins/drivers"

	"github.com/shaleprotocol/shale/lease"
)

// taskState is persisted by Nomad in the task handle so RecoverTask can re-adopt the container.
type taskState struct {
	ContainerID   string
	ContainerName string
	Image         string
	StartedAt     time.Time
	LeaseID       string
	TaskConfig    *drivers.TaskConfig
	// Config is the task's decoded driver config. Recovery needs it (the lease and deal
	// mounts), and Nomad does not keep a handle's raw driver config across an agent restart
	// (it is an unexported field of drivers.TaskConfig), so the driver keeps its own copy.
	Config *TaskConfig
	// GuardedDirs are the task's host directories the driver bind-mounted nosuid,nodev; they
	// are unmounted when the task is destroyed, also by a plugin that recovered the task.
	GuardedDirs []string
	// EgressIf is the host end of the container's veth when its egress is capped and counted.
	EgressIf string
}

// taskHandle is the driver's view of one running task.
type taskHandle struct {
	taskConfig  *drivers.TaskConfig
	containerID string
	name        string
	image       string
	startedAt   time.Time

	logLock string // held by the task's log copier while it runs

	releaseData func() // drops the deal-data cache references; nil without mounts
	guardedDirs []string
	stopReason  string // why the driver stopped the task, for its exit result
	egressIf    string // host end of the container's veth when its egress is capped

	hasLease bool
	leaseID  lease.LeaseID
	expiry   *time.Timer

	mu        sync.RWMutex
	state     drivers.TaskState
	completed time.Time
	result    *drivers.ExitResult
	done      chan struct{} // closed when result is set
}

func newTaskHandle(cfg *drivers.TaskConfig, id, name, image string, started time.Time) *taskHandle {
	return &taskHandle{
		taskConfig: cfg, containerID: id, name: name, image: image, startedAt: started,
		state: drivers.TaskStateRunning, done: make(chan struct{}),
	}
}

func (h *taskHandle) setExited(res *drivers.ExitResult) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.result != nil {
		return
	}
	h.state, h.result, h.completed = drivers.TaskStateExited, res, time.Now()
	close(h.done)
}

func (h *taskHandle) setStopReason(r string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stopReason = r
}

func (h *taskHandle) getStopReason() string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.stopReason
}

func (h *taskHandle) exitResult() *drivers.ExitResult {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.result
}

func (h *taskHandle) isRunning() bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.state == drivers.TaskStateRunning
}

func (h *taskHandle) status() *drivers.TaskStatus {
	h.mu.RLock()
	defer h.mu.RUnlock()
	st := &drivers.TaskStatus{
		ID:          h.taskConfig.ID,
		Name:        h.taskConfig.Name,
		State:       h.state,
		StartedAt:   h.startedAt,
		CompletedAt: h.completed,
		ExitResult:  h.result,
		DriverAttributes: map[string]string{
			"container_id":   h.containerID,
			"container_name": h.name,
			"image":          h.image,
		},
	}
	if h.egressIf != "" {
		if n, err := egressBytes(h.egressIf); err == nil {
			st.DriverAttributes["egress_bytes"] = strconv.FormatUint(n, 10)
		}
	}
	return st
}

// release drops the task's deal-data references once; later calls do nothing.
func (h *taskHandle) release() {
	h.mu.Lock()
	r, dirs := h.releaseData, h.guardedDirs
	h.releaseData, h.guardedDirs = nil, nil
	h.mu.Unlock()
	if r != nil {
		r()
	}
	unguardTaskDirs(dirs)
}

// logDrainTimeout bounds how long an exit waits for the container's last output.
const logDrainTimeout = 10 * time.Second

// drainLogs waits until the log copier has finished (the container's log stream ended) or
// timeout passes.
func (h *taskHandle) drainLogs(timeout time.Duration) {
	h.mu.Lock()
	lock := h.logLock
	h.mu.Unlock()
	if lock == "" {
		return
	}
	deadline := time.Now().Add(timeout)
	for copierRunning(lock) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond) // a flock has no wait-with-deadline; poll it
	}
}

// taskStore is the set of tasks this driver instance manages.
type taskStore struct {
	mu    sync.RWMutex
	store map[string]*taskHandle
}

func newTaskStore() *taskStore { return &taskStore{store: map[string]*taskHandle{}} }

func (s *taskStore) set(id string, h *taskHandle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.store[id] = h
}

func (s *taskStore) get(id string) (*taskHandle, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	h, ok := s.store[id]
	return h, ok
}

func (s *taskStore) delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.store, id)
}
