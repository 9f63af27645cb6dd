package sptest

import (
	"fmt"
	"path"
	"slices"

	"github.com/shaleprotocol/shale/lease"
)

// Offer is what the stand-in provider can serve: the limits a bridge gets from its policy
// and from Nomad's view of its nodes.
type Offer struct {
	Images   []string        // path.Match patterns on the image reference; empty: any
	CPU      lease.MilliCPUs // the largest lease a node fits
	Memory   uint64
	GPUs     uint64
	Datasets []string // CIDs its nodes hold
}

// Refusal is why the provider declines spec, in the words of the bridge's checks (image,
// datasets, then capacity), or "" when it serves it.
func (o Offer) Refusal(spec lease.Spec) string {
	if len(o.Images) > 0 && !slices.ContainsFunc(o.Images, func(p string) bool {
		ok, err := path.Match(p, spec.Image)
		return err == nil && ok
	}) {
		return fmt.Sprintf("image %q is not offered by this provider", spec.Image)
	}
	for _, m := range spec.Mounts {
		if !slices.Contains(o.Datasets, m.CID) {
			return fmt.Sprintf("dataset %s is not held by this provider", m.CID)
		}
	}
	r := spec.Resources
	if r.CPU > o.CPU || r.Memory > o.Memory || r.GPUs > o.GPUs {
		return fmt.Sprintf("over capacity: no node fits %s CPUs, %s of memory and %d GPUs (largest: %s CPUs, %s, %d GPUs)",
			r.CPU, lease.FormatSize(r.Memory), r.GPUs, o.CPU, lease.FormatSize(o.Memory), o.GPUs)
	}
	return ""
}
