package main

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
	o := &offer{}
	keys := map[string][]string{} // host key → node names
	datasets := map[string]bool{}
	var cores, memBytes uint64
	gpus := 0
	for _, n := range nodes {
		name := n.Name
		if name == "" {
			name = n.ID
		}
		ep, hk := n.Attributes[attrEndpoint], n.Attributes[attrHostKey]
		if ep == "" || hk == "" {
			return nil, fmt.Errorf("node %s runs the shale driver without its SSH gateway (no %s attribute); enable the gateway in its plugin config", name, attrEndpoint)
		}
		if o.Endpoint == "" {
			o.Endpoint = ep
		}
		keys[hk] = append(keys[hk], name)
		// Payload CIDs and v2 PieceCIDs are announced alike, so clients find a provider by
		// either (`shale sps --dataset`).
		for a, v := range n.Attributes {
			if cid, ok := strings.CutPrefix(a, attrDataset); ok && v == "true" {
				datasets[cid] = true
			}
			if cid, ok := strings.CutPrefix(a, attrPiece); ok && v == "true" {
				datasets[cid] = true
			}
		}
		c, _ := strconv.ParseUint(n.Attributes["cpu.numcores"], 10, 64)
		mb, _ := strconv.ParseUint(n.Attributes["memory.totalbytes"], 10, 64)
		cores += c
		memBytes += mb
		if nc != nil {
			info, _, err := nc.Nodes().Info(n.ID, (&api.QueryOptions{}).WithContext(ctx))
			if err != nil {
				return nil, fmt.Errorf("nomad node %s: %w", name, err)
			}
			if info.NodeResources != nil {
				for _, d := range info.NodeResources.Devices {
					if d.Type == "gpu" {
						gpus += len(d.Instances)
					}
				}
			}
		}
	}
	if len(keys) > 1 {
		var parts []string
		for k, names := range keys {
			sort.Strings(names)
			parts = append(parts, fmt.Sprintf("%s on %s", k, strings.Join(names, ", ")))
		}
		sort.Strings(parts)
		return nil, fmt.Errorf("the nodes' SSH gateways have different host keys (%s); the marketplace records one fingerprint per provider, "+
			"so configure the same host_key_file in the shale plugin config of every node and restart them", strings.Join(parts, "; "))
	}
	for k := range keys {
		o.HostKey = k
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
	for c := range datasets {
		o.Datasets = append(o.Datasets, c)
	}
	sort.Strings(o.Datasets)
	minPrice := ""
	if cfg.MinPrice != nil {
		minPrice = cfg.MinPrice.Display() // one form for every provider, whatever the config says
	}
	o.Meta = contracts.ProviderMeta{
		MinPrice:   minPrice,
		Collateral: lease.FormatFIL(coll),
		Nodes:      len(nodes),
		CPUs:       strconv.FormatUint(cores, 10),
		GPUs:       gpus,
		Images:     cfg.Images,
	}
	if cfg.MaxDuration > 0 {
		o.Meta.MaxDuration = lease.FormatDuration(cfg.MaxDuration)
	}
	if cfg.MaxGrace > 0 {
		o.Meta.MaxGrace = lease.FormatDuration(cfg.MaxGrace)
	}
	if cfg.MaxPrepay > 0 {
		o.Meta.MaxPrepay = lease.FormatDuration(cfg.MaxPrepay)
	}
	// Whole MiB: node totals are rarely a round number, and "24105Mi" reads better than Ki.
	if memBytes >= 1<<20 {
		o.Meta.Memory = lease.FormatSize(memBytes &^ (1<<20 - 1))
	}
	if cores == 0 {
		o.Meta.CPUs = ""
	}
	return o, nil
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
	m, chainID, err := marketplace(ctx, cfg, backend)
	if err != nil {
		return err
	}
	coll, err := collateral(ctx, cfg, m)
	if err != nil {
		return err
	}
	o, err := gatherOffer(ctx, cfg, nc, cluster, ro.Endpoint, coll)
	if err != nil {
		return err
	}
	fp, err := contracts.HostKeyFingerprint(o.HostKey)
	if err != nil {
		return err
	}
	meta := o.Meta.Encode()
	p, err := provider(ctx, m, addr)
	if err != nil {
		return err
	}
	if p.Registered() && p.MinerID != cfg.MinerID {
		return cfg.errorAt("provider.miner_id", "provider %s is already registered as miner %s; a registration's miner id cannot change", addr.Hex(), p.MinerID)
	}
	if !p.Registered() {
		// The miner id is unique on chain: say who holds it rather than revert.
		if other, err := m.ProviderByMiner(ctx, cfg.MinerID); err == nil && other.Registered() {
			return cfg.errorAt("provider.miner_id", "miner %s is already registered by %s", cfg.MinerID, other.Address.Hex())
		}
	}
	var announced map[string]bool
	if p.Registered() {
		if announced, err = announcedDatasets(ctx, cfg, m, backend, addr); err != nil {
			return err
		}
	}
	var add, drop []string
	for _, c := range o.Datasets {
		if !announced[c] {
			add = append(add, c)
		}
	}
	held := map[string]bool{}
	for _, c := range o.Datasets {
		held[c] = true
	}
	for c := range announced {
		if !held[c] {
			drop = append(drop, c)
		}
	}
	sort.Strings(drop)

	fmt.Fprintf(out, "provider  %s (miner %s) on chain %s, marketplace %s\n", addr.Hex(), cfg.MinerID, chainID, cfg.Contract.Hex())
	fmt.Fprintf(out, "endpoint  %s\nhost key  %s\nmetadata  %s\ndatasets  %d on %d node(s)\n", o.Endpoint, o.HostKey, meta, len(o.Datasets), o.Meta.Nodes)
	recordSame := p.Registered() && p.Endpoint == o.Endpoint && p.HostKeyFingerprint == fp && p.Metadata == meta
	if recordSame && len(add) == 0 && len(drop) == 0 {
		fmt.Fprintln(out, "already up to date: nothing to change")
		return nil
	}
	verb := func(s string) string {
		if ro.DryRun {
			return "would " + s
		}
		return s
	}
	opts, err := signer(key, chainID)
	if err != nil {
		return err
	}
	switch {
	case !p.Registered():
		fmt.Fprintln(out, verb("register")+" provider")
		if !ro.DryRun {
			if _, err := m.RegisterProvider(ctx, opts, cfg.MinerID, o.Endpoint, fp, meta); err != nil {
				return fmt.Errorf("registerProvider: %w", err)
			}
		}
	case !recordSame:
		fmt.Fprintln(out, verb("update")+" provider record")
		if !ro.DryRun {
			if _, err := m.UpdateProvider(ctx, opts, o.Endpoint, fp, meta); err != nil {
				return fmt.Errorf("updateProvider: %w", err)
			}
		}
	default:
		fmt.Fprintln(out, "provider record up to date")
	}
	if len(add) > 0 {
		fmt.Fprintf(out, "%s %d dataset(s): %s\n", verb("announce"), len(add), strings.Join(add, ", "))
		if !ro.DryRun {
			if _, err := m.AnnounceDatasets(ctx, opts, add...); err != nil {
				return fmt.Errorf("announceDatasets: %w", err)
			}
		}
	}
	if len(drop) > 0 {
		fmt.Fprintf(out, "%s %d dataset(s) no node holds any more: %s\n", verb("retract"), len(drop), strings.Join(drop, ", "))
		if !ro.DryRun {
			if _, err := m.RetractDatasets(ctx, opts, drop...); err != nil {
				return fmt.Errorf("retractDatasets: %w", err)
			}
		}
	}
	if ro.DryRun {
		fmt.Fprintln(out, "dry run: nothing sent")
	} else {
		fmt.Fprintln(out, "done")
	}
	return nil
}
