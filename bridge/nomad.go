package bridge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/leasejob"
)

// NomadCluster implements Cluster over Nomad's HTTP API.
type NomadCluster struct {
	c *api.Client
}

// NewNomadCluster returns a cluster client for the agent at cfg.Address (token, region and
// namespace as configured).
func NewNomadCluster(cfg *api.Config) (*NomadCluster, error) {
	c, err := api.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("nomad client: %w", err)
	}
	return &NomadCluster{c: c}, nil
}

func (n *NomadCluster) q(ctx context.Context) *api.QueryOptions {
	return (&api.QueryOptions{}).WithContext(ctx)
}

// Nodes implements Cluster.
func (n *NomadCluster) Nodes(ctx context.Context) ([]Node, error) {
	stubs, _, err := n.c.Nodes().List(n.q(ctx))
	if err != nil {
		return nil, fmt.Errorf("nomad nodes: %w", err)
	}
	var out []Node
	for _, s := range stubs {
		if s.Status != api.NodeStatusReady || s.SchedulingEligibility != api.NodeSchedulingEligible {
			continue
		}
		if d, ok := s.Drivers[leasejob.DriverName]; !ok || !d.Healthy {
			continue
		}
		node, _, err := n.c.Nodes().Info(s.ID, n.q(ctx))
		if err != nil {
			return nil, fmt.Errorf("nomad node %s: %w", s.ID, err)
		}
		out = append(out, Node{ID: node.ID, Name: node.Name, Attributes: node.Attributes})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// Plan implements Cluster.
func (n *NomadCluster) Plan(ctx context.Context, job *api.Job) (string, error) {
	resp, _, err := n.c.Jobs().PlanOpts(job, &api.PlanOptions{}, (&api.WriteOptions{}).WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("nomad plan %s: %w", *job.ID, err)
	}
	var reasons []string
	for tg, m := range resp.FailedTGAllocs {
		var parts []string
		for dim, c := range m.DimensionExhausted {
			parts = append(parts, fmt.Sprintf("%s exhausted on %d nodes", dim, c))
		}
		for c, k := range m.ConstraintFiltered {
			parts = append(parts, fmt.Sprintf("%s filtered %d nodes", c, k))
		}
		if m.NodesAvailable != nil && len(parts) == 0 {
			parts = append(parts, fmt.Sprintf("%d nodes evaluated", m.NodesEvaluated))
		}
		sort.Strings(parts)
		reasons = append(reasons, fmt.Sprintf("group %s cannot be placed: %s", tg, strings.Join(parts, ", ")))
	}
	sort.Strings(reasons)
	return strings.Join(reasons, "; "), nil
}

// Register implements Cluster.
func (n *NomadCluster) Register(ctx context.Context, job *api.Job) error {
	_, _, err := n.c.Jobs().Info(*job.ID, n.q(ctx))
	if err == nil {
		return nil // already submitted: never twice
	}
	if !isNotFound(err) {
		return fmt.Errorf("nomad job %s: %w", *job.ID, err)
	}
	// Index 0 with EnforceIndex registers only if the job does not exist, closing the race
	// between the lookup above and this call.
	_, _, err = n.c.Jobs().RegisterOpts(job, &api.RegisterOptions{EnforceIndex: true, ModifyIndex: 0}, (&api.WriteOptions{}).WithContext(ctx))
	if err != nil && strings.Contains(err.Error(), "Enforcing job modify index") {
		return nil
	}
	if err != nil {
		return fmt.Errorf("nomad register %s: %w", *job.ID, err)
	}
	return nil
}

// Allocation implements Cluster.
func (n *NomadCluster) Allocation(ctx context.Context, jobID string) (*Alloc, error) {
	stubs, _, err := n.c.Jobs().Allocations(jobID, true, n.q(ctx))
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("nomad allocations of %s: %w", jobID, err)
	}
	if len(stubs) == 0 {
		return nil, nil
	}
	sort.Slice(stubs, func(i, j int) bool { return stubs[i].CreateIndex > stubs[j].CreateIndex })
	s := stubs[0]
	a := &Alloc{ID: s.ID, NodeID: s.NodeID, ClientStatus: s.ClientStatus}
	if ts, ok := s.TaskStates["lease"]; ok && ts != nil {
		a.TaskState, a.Failed = ts.State, ts.Failed
		for _, e := range ts.Events {
			if e == nil {
				continue
			}
			if msg := startFailure(e); msg != "" && a.Failure == "" {
				a.Failure, a.Failed = msg, true
			}
			if msg := pluginMessage(e.DisplayMessage); msg != "" {
				a.Events = append(a.Events, msg)
			}
		}
	}
	return a, nil
}

// startFailure is the message of an event saying the task could not start ("" for any other
// event): the driver refused it, a prestart hook failed, or the client found the task invalid.
func startFailure(e *api.TaskEvent) string {
	var msg string
	switch e.Type {
	case api.TaskDriverFailure:
		msg = e.DriverError
	case api.TaskSetupFailure:
		msg = e.SetupError
	case api.TaskFailedValidation:
		msg = e.ValidationError
	default:
		return ""
	}
	if msg == "" {
		msg = e.DisplayMessage
	}
	if msg == "" {
		msg = e.Type
	}
	return pluginMessage(msg)
}

// grpcPrefix is what Nomad's plugin client puts before every error a driver returns.
var grpcPrefix = regexp.MustCompile(`^rpc error: code = \w+ desc = `)

// pluginMessage is a driver's error as the driver wrote it, without the gRPC framing, so the
// reason a client reads starts with what went wrong.
func pluginMessage(msg string) string {
	return grpcPrefix.ReplaceAllString(msg, "")
}

// Stop implements Cluster.
func (n *NomadCluster) Stop(ctx context.Context, jobID string) error {
	job, _, err := n.c.Jobs().Info(jobID, n.q(ctx))
	if err != nil {
		if isNotFound(err) {
			return nil
		}
		return fmt.Errorf("nomad job %s: %w", jobID, err)
	}
	if job.Stop != nil && *job.Stop {
		return nil // stopping again would add a job version for nothing
	}
	_, _, err = n.c.Jobs().Deregister(jobID, false, (&api.WriteOptions{}).WithContext(ctx))
	if err != nil && !isNotFound(err) {
		return fmt.Errorf("nomad stop %s: %w", jobID, err)
	}
	return nil
}

// ReadFile implements Cluster.
func (n *NomadCluster) ReadFile(ctx context.Context, allocID, path string) ([]byte, error) {
	alloc, _, err := n.c.Allocations().Info(allocID, n.q(ctx))
	if err != nil {
		return nil, fmt.Errorf("nomad allocation %s: %w", allocID, err)
	}
	r, err := n.c.AllocFS().Cat(alloc, path, n.q(ctx))
	if err != nil {
		if isNotFound(err) || strings.Contains(err.Error(), "no such file") {
			return nil, ErrNoFile
		}
		return nil, fmt.Errorf("nomad alloc fs %s %s: %w", allocID, path, err)
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("nomad alloc fs %s %s: %w", allocID, path, err)
	}
	return b, nil
}

func isNotFound(err error) bool {
	var ue api.UnexpectedResponseError
	if errors.As(err, &ue) {
		return ue.StatusCode() == http.StatusNotFound
	}
	return strings.Contains(err.Error(), "404") || strings.Contains(err.Error(), "not found")
}
