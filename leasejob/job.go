package leasejob

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/lease"
)

// DefaultMHzPerCore converts cores to Nomad CPU shares when Options.MHzPerCore is zero.
// Nomad schedules CPU in MHz; 1000 MHz per core is a conservative floor that fits any node
// with that many cores of at least 1 GHz. Providers should pass their nodes' real clock.
const DefaultMHzPerCore = 1000

// DriverName is the Nomad task driver that runs leases.
const DriverName = "shale"

// GPUDevice is the Nomad device a GPU lease asks for.
const GPUDevice = "nvidia/gpu"

// Job and task meta keys naming what a lease job is.
const (
	MetaLease     = "shale.lease"
	MetaProvider  = "shale.provider"
	MetaExpiresAt = "shale.expires_at"
)

// ErrInvalidJob marks options or a spec a lease job cannot be built from.
var ErrInvalidJob = errors.New("lease job")

// Options carries what the provider side knows and the Spec does not.
type Options struct {
	Region      string   // "" = the agent's region
	Namespace   string   // "" = the default namespace
	Datacenters []string // nil = every datacenter ("*")
	MHzPerCore  uint64   // 0 = DefaultMHzPerCore
	ExpiresAt   time.Time
	PaymentKey  [32]byte // client's compressed BN254 EdDSA payment public key
	Escrow      *big.Int // nil = Price.Escrow(Duration)
}

// Job turns a validated Spec into the Nomad job that runs the lease.
//
// The job is a batch job: a lease whose command exits is over, and an idle lease runs until
// it is stopped or expires. It never restarts (restart attempts 0, mode fail) and is never
// rescheduled (attempts 0, not unlimited): a new container elsewhere would not have the
// client's state and would double-bill. Nomad refuses a migrate block on batch jobs, so
// there is none; drains stop a lease instead of moving it.
func Job(s lease.Spec, id lease.LeaseID, opts Options) (*api.Job, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if opts.ExpiresAt.IsZero() {
		return nil, fmt.Errorf("%w: Options.ExpiresAt is required", ErrInvalidJob)
	}
	mhz := opts.MHzPerCore
	if mhz == 0 {
		mhz = DefaultMHzPerCore
	}
	escrow := opts.Escrow
	if escrow == nil {
		escrow = s.Price.Escrow(s.Duration)
	}
	if escrow.Sign() < 0 {
		return nil, fmt.Errorf("%w: escrow must not be negative", ErrInvalidJob)
	}
	dcs := opts.Datacenters
	if len(dcs) == 0 {
		dcs = []string{"*"}
	}

	// Bounds keep the int conversions below exact; no node has 2³¹ MHz or MB.
	const limit = 1 << 31
	if uint64(s.Resources.CPU) > limit || mhz > limit {
		return nil, fmt.Errorf("%w: %s cpus at %d MHz per core is too large", ErrInvalidJob, s.Resources.CPU, mhz)
	}
	cpu := ceilDiv(uint64(s.Resources.CPU)*mhz, 1000)
	memMB := ceilDiv(s.Resources.Memory, 1<<20)
	diskMB := ceilDiv(s.Resources.Disk, 1<<20)
	if cpu > limit || memMB > limit || diskMB > limit {
		return nil, fmt.Errorf("%w: resources are too large for Nomad", ErrInvalidJob)
	}
	res := &api.Resources{CPU: ptr(int(cpu)), MemoryMB: ptr(int(memMB))}
	if s.Resources.GPUs > 0 {
		dev := &api.RequestedDevice{Name: GPUDevice, Count: ptr(s.Resources.GPUs)}
		if s.Resources.GPUModel != "" {
			dev.Constraints = []*api.Constraint{{LTarget: "${device.model}", Operand: "=", RTarget: s.Resources.GPUModel}}
		}
		res.Devices = []*api.RequestedDevice{dev}
	}

	task := &api.Task{
		Name:      "lease",
		Driver:    DriverName,
		Config:    configMap(taskConfig(s, id, opts.ExpiresAt, opts.PaymentKey, escrow)),
		Resources: res,
		Meta:      map[string]string{MetaLease: id.String()},
	}
	for _, m := range s.Mounts {
		task.Constraints = append(task.Constraints, constraint(m))
	}
	group := &api.TaskGroup{
		Name:             ptr("lease"),
		Count:            ptr(1),
		Tasks:            []*api.Task{task},
		RestartPolicy:    &api.RestartPolicy{Attempts: ptr(0), Mode: ptr(api.RestartPolicyModeFail)},
		ReschedulePolicy: &api.ReschedulePolicy{Attempts: ptr(0), Unlimited: ptr(false)},
	}
	if s.Resources.Disk > 0 {
		group.EphemeralDisk = &api.EphemeralDisk{SizeMB: ptr(int(diskMB))}
	}
	job := &api.Job{
		ID:          ptr(id.JobID()),
		Name:        ptr(id.JobID()),
		Type:        ptr(api.JobTypeBatch),
		Datacenters: dcs,
		TaskGroups:  []*api.TaskGroup{group},
		Meta: map[string]string{
			MetaLease:     id.String(),
			MetaProvider:  s.Provider,
			MetaExpiresAt: opts.ExpiresAt.UTC().Format(time.RFC3339),
		},
	}
	if opts.Region != "" {
		job.Region = ptr(opts.Region)
	}
	if opts.Namespace != "" {
		job.Namespace = ptr(opts.Namespace)
	}
	return job, nil
}

// taskConfig is the driver config of the lease s, as the driver is to decode it.
func taskConfig(s lease.Spec, id lease.LeaseID, expires time.Time, paymentKey [32]byte, escrow *big.Int) TaskConfig {
	tc := TaskConfig{
		Image:   s.Image,
		Command: s.Command,
		Args:    s.Args,
		Lease: &LeaseConfig{
			ID:        id.String(),
			SSHKeys:   s.SSHKeys,
			ExpiresAt: expires.UTC().Format(time.RFC3339),
			Payment: &PaymentConfig{
				PublicKey: "0x" + hex.EncodeToString(paymentKey[:]),
				Price:     s.Price.String(),
				Escrow:    escrow.String(),
				Prepay:    s.Prepay.String(),
				Grace:     s.Grace.String(),
			},
		},
	}
	for _, e := range s.Exposes {
		tc.Lease.Exposes = append(tc.Lease.Exposes, ExposeConfig{Port: strconv.Itoa(int(e.Port)), Protocol: e.Protocol, Public: e.Public})
	}
	if s.Bandwidth > 0 {
		tc.Lease.Bandwidth = lease.FormatSize(s.Bandwidth)
	}
	if s.Resources.Disk > 0 {
		// Nomad does not pass the group's ephemeral disk to drivers; the driver enforces this.
		tc.Disk = lease.FormatSize(s.Resources.Disk)
	}
	for _, m := range s.Mounts {
		mc := MountConfig{CID: m.CID, PieceCID: m.PieceCID, Path: m.Path}
		if m.PieceSize != 0 {
			mc.PieceSize = lease.FormatSize(m.PieceSize)
		}
		tc.Mounts = append(tc.Mounts, mc)
	}
	return tc
}

// configMap is tc as a job's task Config: keys from the codec tags, empty fields left out,
// blocks as []map[string]interface{} (the shape Nomad's HCL2 decoder expects for blocks
// submitted through the API).
//
// Every string is escaped with EscapeTemplate: the Nomad client evaluates the config as an
// HCL2 template with the node's and task's variables before the driver sees it, so a
// client's "${NOMAD_...}" or "%{...}" would otherwise be expanded on the provider's node.
func configMap(tc TaskConfig) map[string]interface{} {
	return block(reflect.ValueOf(tc))
}

// block encodes one struct of the config; the kinds it handles are the ones TaskConfig uses,
// and the round-trip test through Nomad's decoder covers each of them.
func block(v reflect.Value) map[string]interface{} {
	out := map[string]interface{}{}
	for i := 0; i < v.NumField(); i++ {
		f, key := v.Field(i), v.Type().Field(i).Tag.Get("codec")
		if f.IsZero() || (f.Kind() == reflect.Slice && f.Len() == 0) {
			continue
		}
		switch {
		case f.Kind() == reflect.String:
			out[key] = EscapeTemplate(f.String())
		case f.Kind() == reflect.Bool:
			out[key] = f.Bool()
		case f.Kind() == reflect.Pointer:
			out[key] = []map[string]interface{}{block(f.Elem())}
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.String:
			ss := make([]string, f.Len())
			for j := range ss {
				ss[j] = EscapeTemplate(f.Index(j).String())
			}
			out[key] = ss
		case f.Kind() == reflect.Slice && f.Type().Elem().Kind() == reflect.Struct:
			bs := make([]map[string]interface{}, f.Len())
			for j := range bs {
				bs[j] = block(f.Index(j))
			}
			out[key] = bs
		default:
			panic(fmt.Sprintf("leasejob: task config field %s has kind %s, which configMap does not encode", key, f.Type()))
		}
	}
	return out
}

// EscapeTemplate makes s reach a Nomad driver literally: HCL2 reads "$${" as "${" and "%%{"
// as "%{", and leaves every other "$" and "%" alone, so doubling the sigil of each template
// opener is exact for any input.
func EscapeTemplate(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	s = strings.ReplaceAll(s, "${", "$${")
	return strings.ReplaceAll(s, "%{", "%%{")
}

// constraint places a mount's lease on a node holding its data. A piece decides the bytes
// (the payload CID, if also named, is checked against its CAR by the driver), so it is
// what the node must hold: a v2 PieceCID as a dataset, a v1 one at exactly the padded size
// asked for, since the same CommP at another size is another piece.
func constraint(m lease.Mount) *api.Constraint {
	switch {
	case m.PieceCID == "":
		return &api.Constraint{LTarget: Target(DatasetAttr(m.CID)), Operand: "=", RTarget: "true"}
	case lease.IsPieceV1(m.PieceCID):
		return &api.Constraint{LTarget: Target(PieceAttr(m.PieceCID)), Operand: "=", RTarget: strconv.FormatUint(m.PieceSize, 10)}
	default:
		return &api.Constraint{LTarget: Target(DatasetAttr(m.PieceCID)), Operand: "=", RTarget: "true"}
	}
}

// ceilDiv rounds up so a lease never gets less than it asked for; it cannot overflow.
func ceilDiv(a, b uint64) uint64 {
	q := a / b
	if a%b != 0 {
		q++
	}
	return q
}

func ptr[T any](v T) *T { return &v }
