package bridge

import (
	"context"
	"fmt"
	"math/big"
	"path"
	"strconv"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// DefaultMaxGrace and DefaultMaxPrepay are the payment-term bounds an operator gets without
// setting any; they equal the gateway's own defaults, which enforce them again on the node.
const (
	DefaultMaxGrace  = 10 * time.Minute
	DefaultMaxPrepay = time.Hour
)

// Policy is what the provider accepts.
type Policy struct {
	MinPrice    *lease.Price  // nil: any price
	MaxDuration time.Duration // 0: any duration
	MaxGrace    time.Duration // longest payment grace; 0: any (the gateway still bounds it)
	MaxPrepay   time.Duration // longest prepay; 0: any (the gateway still bounds it)
	Images      []string      // path.Match patterns on the image reference; empty: any image
	MaxLeases   int           // concurrent leases; 0: as many as Nomad can place
	MaxExposes  int           // exposed ports per lease; 0: none (see expose.go)
	Collateral  *big.Int      // attoFIL posted per accepted order (at least the marketplace minimum)
}

// Rejection categories, the label of the rejected-orders metric.
const (
	rejectSpec     = "invalid_spec"
	rejectOrderID  = "bad_order_id"
	rejectPrice    = "price_too_low"
	rejectDuration = "duration_too_long"
	rejectTerms    = "payment_terms"
	rejectImage    = "image_not_allowed"
	rejectDataset  = "unknown_dataset"
	rejectCapacity = "over_capacity"
)

// check decides whether to accept o: a non-empty reason (and its category) rejects it; an
// error means the answer is not known yet (Nomad unreachable) and the check is retried.
func (b *Bridge) check(ctx context.Context, o *Order) (reason, category string, err error) {
	lo := o.leaseOrder()
	spec, err := lo.Spec()
	if err != nil {
		return fmt.Sprintf("invalid lease spec: %v", err), rejectSpec, nil
	}
	if err := lo.CheckID(b.opt.ChainID, b.opt.Contract); err != nil {
		return err.Error(), rejectOrderID, nil
	}
	p := b.opt.Policy
	if p.MinPrice != nil && spec.Price.CmpRate(*p.MinPrice) < 0 {
		return fmt.Sprintf("price %s is below this provider's minimum %s", spec.Price, p.MinPrice), rejectPrice, nil
	}
	if p.MaxDuration > 0 && spec.Duration > p.MaxDuration {
		return fmt.Sprintf("duration %s exceeds this provider's maximum %s", spec.Duration, p.MaxDuration), rejectDuration, nil
	}
	if p.MaxGrace > 0 && spec.Grace > p.MaxGrace {
		return fmt.Sprintf("grace %s exceeds this provider's maximum %s", spec.Grace, p.MaxGrace), rejectTerms, nil
	}
	if p.MaxPrepay > 0 && spec.Prepay > p.MaxPrepay {
		return fmt.Sprintf("prepay %s exceeds this provider's maximum %s", spec.Prepay, p.MaxPrepay), rejectTerms, nil
	}
	if why := exposeReason(p, spec.Exposes); why != "" {
		return why, rejectExpose, nil
	}
	if len(p.Images) > 0 && !imageAllowed(p.Images, spec.Image) {
		return fmt.Sprintf("image %q is not offered by this provider", spec.Image), rejectImage, nil
	}
	nodes, err := b.readyNodes(ctx)
	if err != nil {
		return "", "", err
	}
	for _, m := range spec.Mounts {
		if why := mountOnSomeNode(nodes, m); why != "" {
			return why, rejectDataset, nil
		}
	}
	if p.MaxLeases > 0 {
		if active := b.activeLeases(o.ID); active >= p.MaxLeases {
			return fmt.Sprintf("over capacity: %d leases running (limit %d)", active, p.MaxLeases), rejectCapacity, nil
		}
	}
	if b.fits[o.ID] {
		return "", "", nil // this round's joint plan placed it beside everything reserved
	}
	// Nomad itself answers whether the resources fit now: a dry-run plan of the very job.
	job, err := b.job(o, time.Now().Add(time.Duration(o.Duration)*time.Second+b.opt.StartTimeout))
	if err != nil {
		return fmt.Sprintf("invalid lease spec: %v", err), rejectSpec, nil
	}
	reserved := b.reserve(job, o.ID)
	why, err := b.cluster.Plan(ctx, job)
	if err != nil {
		return "", "", err
	}
	if why != "" {
		if reserved > 0 {
			why += fmt.Sprintf(" (counting %d leases accepted but not yet placed)", reserved)
		}
		return "over capacity: " + why, rejectCapacity, nil
	}
	return "", "", nil
}

// planTogether dry-runs, as one job, every order waiting for its check together with every
// lease accepted but not yet placed. When all of them fit, each check of this round skips its
// own plan: one plan a round instead of one per order, which in a burst of a hundred orders was
// most of the round. When they do not all fit, each order is planned on its own, in order.
func (b *Bridge) planTogether(ctx context.Context, orders []*Order) map[[32]byte]bool {
	var job *api.Job
	fits := map[[32]byte]bool{}
	for _, o := range orders {
		if o.State != Seen || (!o.NextTry.IsZero() && time.Now().Before(o.NextTry)) {
			continue
		}
		j, err := b.job(o, time.Now().Add(time.Duration(o.Duration)*time.Second+b.opt.StartTimeout))
		if err != nil {
			continue // its own check rejects it
		}
		for _, tg := range j.TaskGroups {
			name := fmt.Sprintf("seen-%d-%s", len(fits), *tg.Name)
			tg.Name = &name
		}
		if job == nil {
			job = j
		} else {
			job.TaskGroups = append(job.TaskGroups, j.TaskGroups...)
		}
		fits[o.ID] = true
	}
	if len(fits) < 2 {
		return nil
	}
	b.reserve(job, [32]byte{})
	why, err := b.cluster.Plan(ctx, job)
	if err != nil || why != "" {
		return nil
	}
	return fits
}

// reserve adds to job, as extra task groups, the leases this bridge accepted (or is
// accepting) whose jobs Nomad does not hold yet, so the plan answers whether all of them fit
// together: checks run ahead of the chain's inclusions without promising the same resources
// twice. It returns how many it added.
func (b *Bridge) reserve(job *api.Job, self [32]byte) int {
	n := 0
	for _, r := range b.round {
		if r.ID == self || (r.State != Accepting && r.State != Accepted) {
			continue
		}
		expires := r.ExpiresAt
		if expires.IsZero() {
			expires = time.Now().Add(time.Duration(r.Duration)*time.Second + b.opt.StartTimeout)
		}
		rj, err := b.job(r, expires)
		if err != nil {
			continue // its own check rejected such a spec; it will fail, not run
		}
		for _, tg := range rj.TaskGroups {
			name := fmt.Sprintf("reserved-%d-%s", n, *tg.Name)
			tg.Name = &name
			job.TaskGroups = append(job.TaskGroups, tg)
		}
		n++
	}
	return n
}

// activeLeases counts orders that hold (or will hold) a container, other than self, from
// this round's records (the store holds nothing newer).
func (b *Bridge) activeLeases(self [32]byte) int {
	n := 0
	for _, o := range b.round {
		if o.ID == self {
			continue
		}
		switch o.State {
		case Accepting, Accepted, Registered, Starting, Running, Ending:
			n++
		}
	}
	return n
}

func imageAllowed(patterns []string, image string) bool {
	for _, p := range patterns {
		if ok, err := path.Match(p, image); err == nil && ok {
			return true
		}
	}
	return false
}

// mountOnSomeNode says why no node holds a mount's data, or "" when one does. A mount with
// a piece needs the piece (the driver checks its payload CID against the CAR); a v1 piece
// must be held at the padded size asked for, and a node holding it at another size is named
// in the reason, since that is a wrong piece_size rather than a missing dataset.
func mountOnSomeNode(nodes []Node, m lease.Mount) string {
	switch {
	case m.PieceCID == "":
		if !datasetOnSomeNode(nodes, m.CID) {
			return fmt.Sprintf("dataset %s is not held by this provider", m.CID)
		}
	case lease.IsPieceV1(m.PieceCID):
		want := strconv.FormatUint(m.PieceSize, 10)
		held := ""
		for _, n := range nodes {
			switch v := n.Attributes[leasejob.PieceAttr(m.PieceCID)]; v {
			case want:
				return ""
			case "":
			default:
				held = v
			}
		}
		if held != "" {
			return fmt.Sprintf("piece %s is held by this provider as a %s-byte piece, not %s (wrong piece_size)", m.PieceCID, held, want)
		}
		return fmt.Sprintf("piece %s (%s bytes padded) is not held by this provider", m.PieceCID, want)
	default:
		if !datasetOnSomeNode(nodes, m.PieceCID) {
			return fmt.Sprintf("piece %s is not held by this provider", m.PieceCID)
		}
	}
	return ""
}

func datasetOnSomeNode(nodes []Node, cid string) bool {
	for _, n := range nodes {
		if n.Attributes[leasejob.DatasetAttr(cid)] == "true" {
			return true
		}
	}
	return false
}

// ValidateImagePatterns reports a malformed pattern at configuration time.
func ValidateImagePatterns(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("image pattern %q: %w", p, err)
		}
	}
	return nil
}
