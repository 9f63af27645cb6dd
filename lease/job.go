package lease

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/nomad/api"
)

// DefaultMHzPerCore converts cores to Nomad CPU shares when JobOptions.MHzPerCore is zero.
// Nomad schedules CPU in MHz; 1000 MHz per core is a conservative floor that fits any node
// with that many cores of at least 1 GHz. Providers should pass their nodes' real clock.
const DefaultMHzPerCore = 1000

// DriverName is the Nomad task driver that runs leases.
const DriverName = "shale"

// GPUDevice is the Nomad device a GPU lease asks for.
const GPUDevice = "nvidia/gpu"

// DatasetAttribute is the node attribute the driver fingerprints for a locally held CID.
func DatasetAttribute(cid string) string { return "${attr.driver.shale.dataset." + cid + "}" }

// PieceAttribute is the node attribute the driver fingerprints for a locally held piece: true
// under its v2 PieceCID, the padded piece size under its v1 PieceCID.
func PieceAttribute(pieceCID string) string { return "${attr.driver.shale.piece." + pieceCID + "}" }

// JobOptions carries what the provider side knows and the Spec does not.
type JobOptions struct {
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
func (s Spec) Job(id LeaseID, opts JobOptions) (*api.Job, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if opts.ExpiresAt.IsZero() {
		return nil, errors.New("lease job: JobOptions.ExpiresAt is required")
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
		return nil, errors.New("lease job: escrow must not be negative")
	}
	dcs := opts.Datacenters
	if len(dcs) == 0 {
		dcs = []string{"*"}
	}

	// Bounds keep the int conversions below exact; no node has 2³¹ MHz or MB.
	const limit = 1 << 31
	if uint64(s.Resources.CPU) > limit || mhz > limit {
		return nil, fmt.Errorf("lease job: %s cpus at %d MHz per core is too large", s.Resources.CPU, mhz)
	}
	cpu := ceilDiv(uint64(s.Resources.CPU)*mhz, 1000)
	memMB := ceilDiv(s.Resources.Memory, 1<<20)
	diskMB := ceilDiv(s.Resources.Disk, 1<<20)
	if cpu > limit || memMB > limit || diskMB > limit {
		return nil, errors.New("lease job: resources are too large for Nomad")
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
		Config:    s.taskConfig(id, opts.ExpiresAt, opts.PaymentKey, escrow),
		Resources: res,
		Meta:      map[string]string{"shale.lease": id.String()},
	}
	for _, m := range s.Mounts {
		task.Constraints = append(task.Constraints, m.constraint())
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
			"shale.lease":      id.String(),
			"shale.provider":   s.Provider,
			"shale.expires_at": opts.ExpiresAt.UTC().Format(time.RFC3339),
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

// taskConfig builds the driver's task config. Nested blocks are []map[string]interface{}
// because that is the shape Nomad's HCL2 decoder expects for blocks submitted via the API.
//
// Every string in it is escaped with EscapeTemplate: the Nomad client evaluates the config as
// an HCL2 template with the node's and task's variables before the driver sees it, so a
// client's "${NOMAD_...}" or "%{...}" would otherwise be expanded on the provider's node.
func (s Spec) taskConfig(id LeaseID, expires time.Time, paymentKey [32]byte, escrow *big.Int) map[string]interface{} {
	cfg := map[string]interface{}{"image": EscapeTemplate(s.Image)}
	if s.Command != "" {
		cfg["command"] = EscapeTemplate(s.Command)
	}
	if len(s.Args) > 0 {
		cfg["args"] = escapeAll(s.Args)
	}
	payment := map[string]interface{}{
		"public_key": "0x" + hex.EncodeToString(paymentKey[:]),
		"price":      s.Price.String(),
		"escrow":     escrow.String(),
		"prepay":     s.Prepay.String(),
		"grace":      s.Grace.String(),
	}
	lease := map[string]interface{}{
		"id":         id.String(),
		"ssh_keys":   escapeAll(s.SSHKeys),
		"expires_at": expires.UTC().Format(time.RFC3339),
		"payment":    []map[string]interface{}{payment},
	}
	if s.Bandwidth > 0 {
		lease["bandwidth"] = FormatSize(s.Bandwidth)
	}
	cfg["lease"] = []map[string]interface{}{lease}
	if s.Resources.Disk > 0 {
		// Nomad does not pass the group's ephemeral disk to drivers; the driver enforces this.
		cfg["disk"] = FormatSize(s.Resources.Disk)
	}
	if len(s.Mounts) > 0 {
		mounts := make([]map[string]interface{}, 0, len(s.Mounts))
		for _, m := range s.Mounts {
			mc := map[string]interface{}{"path": EscapeTemplate(m.Path)}
			if m.CID != "" {
				mc["cid"] = EscapeTemplate(m.CID)
			}
			if m.PieceCID != "" {
				mc["piece_cid"] = EscapeTemplate(m.PieceCID)
			}
			if m.PieceSize != 0 {
				mc["piece_size"] = FormatSize(m.PieceSize)
			}
			mounts = append(mounts, mc)
		}
		cfg["mount"] = mounts
	}
	return cfg
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

func escapeAll(in []string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = EscapeTemplate(s)
	}
	return out
}

// constraint places a mount's lease on a node holding its data. A piece decides the bytes
// (the payload CID, if also named, is checked against its CAR by the driver), so it is
// what the node must hold: a v2 PieceCID as a dataset, a v1 one at exactly the padded size
// asked for, since the same CommP at another size is another piece.
func (m Mount) constraint() *api.Constraint {
	switch {
	case m.PieceCID == "":
		return &api.Constraint{LTarget: DatasetAttribute(m.CID), Operand: "=", RTarget: "true"}
	case IsPieceV1(m.PieceCID):
		return &api.Constraint{LTarget: PieceAttribute(m.PieceCID), Operand: "=", RTarget: pieceSizeAttr(m.PieceSize)}
	default:
		return &api.Constraint{LTarget: DatasetAttribute(m.PieceCID), Operand: "=", RTarget: "true"}
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
