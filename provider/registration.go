package provider

import (
	"context"
	"fmt"
	"io"
	"math/big"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
)

// registration is what register would change on chain: the cluster's offer against the
// provider's record and announced datasets.
type registration struct {
	m          *contracts.Marketplace
	chainID    *big.Int
	offer      *offer
	fp         [32]byte
	meta       string
	current    contracts.Provider
	recordSame bool     // the record already holds the offer's endpoint, host key and metadata
	add, drop  []string // datasets to announce and to retract
}

// planRegistration compares the cluster's offer with addr's registration on chain.
func planRegistration(ctx context.Context, cfg *Config, backend chainBackend, nc *api.Client, cluster bridge.Cluster, endpointFlag string, addr common.Address) (*registration, error) {
	m, chainID, err := marketplace(ctx, cfg, backend)
	if err != nil {
		return nil, err
	}
	coll, err := collateral(ctx, cfg, m)
	if err != nil {
		return nil, err
	}
	o, err := gatherOffer(ctx, cfg, nc, cluster, endpointFlag, coll)
	if err != nil {
		return nil, err
	}
	fp, err := contracts.HostKeyFingerprint(o.HostKey)
	if err != nil {
		return nil, err
	}
	r := &registration{m: m, chainID: chainID, offer: o, fp: fp, meta: o.Meta.Encode()}
	if r.current, err = provider(ctx, m, addr); err != nil {
		return nil, err
	}
	if err := checkMiner(ctx, cfg, m, addr, r.current); err != nil {
		return nil, err
	}
	var announced map[string]bool
	if r.current.Registered() {
		if announced, err = announcedDatasets(ctx, cfg, m, backend, addr); err != nil {
			return nil, err
		}
	}
	r.add, r.drop = datasetChanges(o.Datasets, announced)
	p := r.current
	r.recordSame = p.Registered() && p.Endpoint == o.Endpoint && p.HostKeyFingerprint == fp && p.Metadata == r.meta
	return r, nil
}

// checkMiner refuses a registration the contract would revert: a changed miner id, or one
// another address holds.
func checkMiner(ctx context.Context, cfg *Config, m *contracts.Marketplace, addr common.Address, p contracts.Provider) error {
	if p.Registered() && p.MinerID != cfg.MinerID {
		return cfg.errorAt("provider.miner_id", "provider %s is already registered as miner %s; a registration's miner id cannot change", addr.Hex(), p.MinerID)
	}
	if !p.Registered() {
		// The miner id is unique on chain: say who holds it rather than revert.
		if other, err := m.ProviderByMiner(ctx, cfg.MinerID); err == nil && other.Registered() {
			return cfg.errorAt("provider.miner_id", "miner %s is already registered by %s", cfg.MinerID, other.Address.Hex())
		}
	}
	return nil
}

// datasetChanges returns the held datasets not announced yet, and the announced ones no
// node holds any more, sorted.
func datasetChanges(held []string, announced map[string]bool) (add, drop []string) {
	for _, c := range held {
		if !announced[c] {
			add = append(add, c)
		}
	}
	holds := map[string]bool{}
	for _, c := range held {
		holds[c] = true
	}
	for c := range announced {
		if !holds[c] {
			drop = append(drop, c)
		}
	}
	sort.Strings(drop)
	return add, drop
}

// would prefixes a dry run's actions.
func would(dryRun bool, s string) string {
	if dryRun {
		return "would " + s
	}
	return s
}

// sendRecord registers the provider or updates its record, unless it is up to date.
func (r *registration) sendRecord(ctx context.Context, cfg *Config, opts *bind.TransactOpts, dryRun bool, out io.Writer) error {
	o := r.offer
	switch {
	case !r.current.Registered():
		fmt.Fprintln(out, would(dryRun, "register")+" provider")
		if !dryRun {
			if _, err := r.m.RegisterProvider(ctx, opts, cfg.MinerID, o.Endpoint, r.fp, r.meta); err != nil {
				return fmt.Errorf("registerProvider: %w", err)
			}
		}
	case !r.recordSame:
		fmt.Fprintln(out, would(dryRun, "update")+" provider record")
		if !dryRun {
			if _, err := r.m.UpdateProvider(ctx, opts, o.Endpoint, r.fp, r.meta); err != nil {
				return fmt.Errorf("updateProvider: %w", err)
			}
		}
	default:
		fmt.Fprintln(out, "provider record up to date")
	}
	return nil
}

// sendDatasets announces the new datasets and retracts the dropped ones.
func (r *registration) sendDatasets(ctx context.Context, opts *bind.TransactOpts, dryRun bool, out io.Writer) error {
	if len(r.add) > 0 {
		fmt.Fprintf(out, "%s %d dataset(s): %s\n", would(dryRun, "announce"), len(r.add), strings.Join(r.add, ", "))
		if !dryRun {
			if _, err := r.m.AnnounceDatasets(ctx, opts, r.add...); err != nil {
				return fmt.Errorf("announceDatasets: %w", err)
			}
		}
	}
	if len(r.drop) > 0 {
		fmt.Fprintf(out, "%s %d dataset(s) no node holds any more: %s\n", would(dryRun, "retract"), len(r.drop), strings.Join(r.drop, ", "))
		if !dryRun {
			if _, err := r.m.RetractDatasets(ctx, opts, r.drop...); err != nil {
				return fmt.Errorf("retractDatasets: %w", err)
			}
		}
	}
	return nil
}
