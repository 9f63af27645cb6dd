package provider

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"net"
	"sort"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// Node attributes the shale driver fingerprints.
const (
	attrEndpoint = leasejob.AttrGatewayEndpoint
	attrHostKey  = leasejob.AttrGatewayHostKey
	attrDataset  = leasejob.DatasetAttrPrefix
	// attrPiece is true under a held piece's v2 PieceCID (its v1 one carries the piece size).
	attrPiece = leasejob.PieceAttrPrefix
)

// logRange is how many blocks one dataset-event query spans; public RPC endpoints (Lotus
// included) refuse unbounded log ranges.
const logRange = 2000

// registerOptions are register's flags.
type registerOptions struct {
	Endpoint string // overrides the nodes' gateway endpoint
	DryRun   bool
}

// offer is what the Nomad cluster offers, as register publishes it.
type offer struct {
	Endpoint string
	HostKey  string // "SHA256:…"
	Datasets []string
	Meta     contracts.ProviderMeta
}

// gatherOffer reads the shale nodes from Nomad. Every node must present the same gateway
// host key: the registry holds one fingerprint, which clients check on every node.
func gatherOffer(ctx context.Context, cfg *Config, nc *api.Client, cluster bridge.Cluster, endpointFlag string, coll *big.Int) (*offer, error) {
	nodes, err := cluster.Nodes(ctx)
	if err != nil {
		return nil, err
	}
	if len(nodes) == 0 {
		return nil, fmt.Errorf("no ready Nomad node at %s runs a healthy shale driver (check `nomad node status` and the plugin \"shale\" block of the client config)", cfg.NomadAddress)
	}
	t := newNodeTally()
	for _, n := range nodes {
		if err := t.add(ctx, nc, n); err != nil {
			return nil, err
		}
	}
	o := &offer{Endpoint: t.endpoint}
	if o.HostKey, err = t.hostKey(); err != nil {
		return nil, err
	}
	switch {
	case endpointFlag != "":
		o.Endpoint = endpointFlag
	case cfg.EndpointOverride != "":
		o.Endpoint = cfg.EndpointOverride
	}
	if _, _, err := net.SplitHostPort(o.Endpoint); err != nil {
		return nil, fmt.Errorf("endpoint %q: want host:port: %v", o.Endpoint, err)
	}
	for c := range t.datasets {
		o.Datasets = append(o.Datasets, c)
	}
	sort.Strings(o.Datasets)
	o.Meta = offerMeta(cfg, coll, len(nodes), t)
	return o, nil
}

// nodeTally sums what the shale nodes offer, node by node.
type nodeTally struct {
	endpoint        string              // the first node's gateway endpoint
	keys            map[string][]string // host key → node names
	datasets        map[string]bool
	cores, memBytes uint64
	gpus            int
}

func newNodeTally() *nodeTally {
	return &nodeTally{keys: map[string][]string{}, datasets: map[string]bool{}}
}

// add counts node n. With nc it also asks Nomad for the node's GPUs, which its attributes
// do not list.
func (t *nodeTally) add(ctx context.Context, nc *api.Client, n bridge.Node) error {
	name := n.Name
	if name == "" {
		name = n.ID
	}
	ep, hk := n.Attributes[attrEndpoint], n.Attributes[attrHostKey]
	if ep == "" || hk == "" {
		return fmt.Errorf("node %s runs the shale driver without its SSH gateway (no %s attribute); enable the gateway in its plugin config", name, attrEndpoint)
	}
	if t.endpoint == "" {
		t.endpoint = ep
	}
	t.keys[hk] = append(t.keys[hk], name)
	// Payload CIDs and v2 PieceCIDs are announced alike, so clients find a provider by
	// either (`shale sps --dataset`).
	for a, v := range n.Attributes {
		if cid, ok := strings.CutPrefix(a, attrDataset); ok && v == "true" {
			t.datasets[cid] = true
		}
		if cid, ok := strings.CutPrefix(a, attrPiece); ok && v == "true" {
			t.datasets[cid] = true
		}
	}
	c, _ := strconv.ParseUint(n.Attributes["cpu.numcores"], 10, 64)
	mb, _ := strconv.ParseUint(n.Attributes["memory.totalbytes"], 10, 64)
	t.cores += c
	t.memBytes += mb
	if nc == nil {
		return nil
	}
	gpus, err := nodeGPUs(ctx, nc, n.ID)
	if err != nil {
		return fmt.Errorf("nomad node %s: %w", name, err)
	}
	t.gpus += gpus
	return nil
}

// nodeGPUs counts the GPU instances Nomad fingerprinted on node id.
func nodeGPUs(ctx context.Context, nc *api.Client, id string) (int, error) {
	info, _, err := nc.Nodes().Info(id, (&api.QueryOptions{}).WithContext(ctx))
	if err != nil {
		return 0, err
	}
	if info.NodeResources == nil {
		return 0, nil
	}
	gpus := 0
	for _, d := range info.NodeResources.Devices {
		if d.Type == "gpu" {
			gpus += len(d.Instances)
		}
	}
	return gpus, nil
}

// hostKey is the one gateway host key of all nodes, or an error naming which node has which.
func (t *nodeTally) hostKey() (string, error) {
	if len(t.keys) > 1 {
		var parts []string
		for k, names := range t.keys {
			sort.Strings(names)
			parts = append(parts, fmt.Sprintf("%s on %s", k, strings.Join(names, ", ")))
		}
		sort.Strings(parts)
		return "", fmt.Errorf("the nodes' SSH gateways have different host keys (%s); the marketplace records one fingerprint per provider, "+
			"so configure the same host_key_file in the shale plugin config of every node and restart them", strings.Join(parts, "; "))
	}
	for k := range t.keys {
		return k, nil
	}
	return "", nil
}

// offerMeta is the registry metadata for nodes nodes summed in t under cfg's policy.
func offerMeta(cfg *Config, coll *big.Int, nodes int, t *nodeTally) contracts.ProviderMeta {
	minPrice := ""
	if cfg.MinPrice != nil {
		minPrice = cfg.MinPrice.Display() // one form for every provider, whatever the config says
	}
	meta := contracts.ProviderMeta{
		MinPrice:   minPrice,
		Collateral: lease.FormatFIL(coll),
		Nodes:      nodes,
		CPUs:       strconv.FormatUint(t.cores, 10),
		GPUs:       t.gpus,
		Images:     cfg.Images,
		MaxExposes: cfg.MaxExposes,
	}
	if cfg.MaxDuration > 0 {
		meta.MaxDuration = lease.FormatDuration(cfg.MaxDuration)
	}
	if cfg.MaxGrace > 0 {
		meta.MaxGrace = lease.FormatDuration(cfg.MaxGrace)
	}
	if cfg.MaxPrepay > 0 {
		meta.MaxPrepay = lease.FormatDuration(cfg.MaxPrepay)
	}
	// Whole MiB: node totals are rarely a round number, and "24105Mi" reads better than Ki.
	if t.memBytes >= 1<<20 {
		meta.Memory = lease.FormatSize(t.memBytes &^ (1<<20 - 1))
	}
	if t.cores == 0 {
		meta.CPUs = ""
	}
	return meta
}

// announcedDatasets replays the provider's DatasetAnnounced/DatasetRetracted events from
// chain.start_block: datasets live in events only, not in contract storage.
func announcedDatasets(ctx context.Context, cfg *Config, m *contracts.Marketplace, backend chainBackend, provider common.Address) (map[string]bool, error) {
	head, err := backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("chain head: %w", err)
	}
	type ev struct {
		block uint64
		index uint
		cid   string
		add   bool
	}
	var evs []ev
	f := m.Filterer()
	for from := cfg.StartBlock; from <= head.Number.Uint64(); from += logRange {
		to := min(from+logRange-1, head.Number.Uint64())
		fo := &bind.FilterOpts{Start: from, End: &to, Context: ctx}
		ai, err := f.FilterDatasetAnnounced(fo, []common.Address{provider})
		if err != nil {
			return nil, fmt.Errorf("reading DatasetAnnounced events: %w", err)
		}
		for ai.Next() {
			evs = append(evs, ev{ai.Event.Raw.BlockNumber, ai.Event.Raw.Index, ai.Event.Cid, true})
		}
		if err := ai.Error(); err != nil {
			return nil, err
		}
		ri, err := f.FilterDatasetRetracted(fo, []common.Address{provider})
		if err != nil {
			return nil, fmt.Errorf("reading DatasetRetracted events: %w", err)
		}
		for ri.Next() {
			evs = append(evs, ev{ri.Event.Raw.BlockNumber, ri.Event.Raw.Index, ri.Event.Cid, false})
		}
		if err := ri.Error(); err != nil {
			return nil, err
		}
	}
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].block != evs[j].block {
			return evs[i].block < evs[j].block
		}
		return evs[i].index < evs[j].index
	})
	out := map[string]bool{}
	for _, e := range evs {
		if e.add {
			out[e.cid] = true
		} else {
			delete(out, e.cid)
		}
	}
	return out, nil
}

// register publishes the cluster's offer: it registers the provider (or updates its record)
// and announces the datasets the nodes hold that are not announced yet, retracting those no
// node holds any more. Every step compares with the chain first, so a second run with
// nothing changed sends no transaction and says so.
func register(ctx context.Context, cfg *Config, backend chainBackend, nc *api.Client, cluster bridge.Cluster, ro registerOptions, out io.Writer) error {
	key, addr, err := loadKey(cfg)
	if err != nil {
		return err
	}
	p, err := planRegistration(ctx, cfg, backend, nc, cluster, ro.Endpoint, addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "provider  %s (miner %s) on chain %s, marketplace %s\n", addr.Hex(), cfg.MinerID, p.chainID, cfg.Contract.Hex())
	fmt.Fprintf(out, "endpoint  %s\nhost key  %s\nmetadata  %s\ndatasets  %d on %d node(s)\n", p.offer.Endpoint, p.offer.HostKey, p.meta, len(p.offer.Datasets), p.offer.Meta.Nodes)
	if p.recordSame && len(p.add) == 0 && len(p.drop) == 0 {
		fmt.Fprintln(out, "already up to date: nothing to change")
		return nil
	}
	opts, err := signer(key, p.chainID)
	if err != nil {
		return err
	}
	if err := p.sendRecord(ctx, cfg, opts, ro.DryRun, out); err != nil {
		return err
	}
	if err := p.sendDatasets(ctx, opts, ro.DryRun, out); err != nil {
		return err
	}
	if ro.DryRun {
		fmt.Fprintln(out, "dry run: nothing sent")
	} else {
		fmt.Fprintln(out, "done")
	}
	return nil
}
