package client

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/lease"
)

// ProviderInfo is one row of `shale sps`.
type ProviderInfo struct {
	MinerID            string                 `json:"miner_id"`
	Address            string                 `json:"address"`
	Endpoint           string                 `json:"endpoint"`
	HostKeyFingerprint string                 `json:"host_key_fingerprint"`
	Meta               contracts.ProviderMeta `json:"metadata"`
	MetaError          string                 `json:"metadata_error,omitempty"`
	Datasets           []string               `json:"datasets"`
	RatingSum          uint64                 `json:"rating_sum"`
	RatingCount        uint64                 `json:"rating_count"`
	Rating             string                 `json:"rating"`
	// RatedPaid is what the rated leases paid the provider (FIL, exact): a rating backed by
	// little money says little.
	RatedPaid        string `json:"rated_paid"`
	RatedPaidAttoFIL string `json:"rated_paid_attofil"`
}

// Providers lists the registered providers in registration order, each with its current
// record and the datasets it announced and has not retracted, from events since block from;
// dataset filters to the providers holding that CID (see announcesDataset).
func Providers(ctx context.Context, m *contracts.Marketplace, from uint64, dataset string) ([]ProviderInfo, error) {
	evs, err := m.Events(ctx, from, nil)
	if err != nil {
		return nil, err
	}
	var order []common.Address
	datasets := map[common.Address]map[string]int{} // cid → position of its last announcement
	settled := map[[32]byte]*big.Int{}
	ratedPaid := map[common.Address]*big.Int{}
	for i, ev := range evs {
		switch v := ev.Value.(type) {
		case *bindings.MarketplaceOrderSettled:
			settled[v.OrderId] = v.Paid
		case *bindings.MarketplaceProviderRated:
			if ratedPaid[v.Provider] == nil {
				ratedPaid[v.Provider] = new(big.Int)
			}
			if paid := settled[v.OrderId]; paid != nil { // a reclaimed lease paid the provider nothing
				ratedPaid[v.Provider].Add(ratedPaid[v.Provider], paid)
			}
		case *bindings.MarketplaceProviderRegistered:
			order = append(order, v.Provider)
		case *bindings.MarketplaceDatasetAnnounced:
			if datasets[v.Provider] == nil {
				datasets[v.Provider] = map[string]int{}
			}
			if _, ok := datasets[v.Provider][v.Cid]; !ok {
				datasets[v.Provider][v.Cid] = i
			}
		case *bindings.MarketplaceDatasetRetracted:
			delete(datasets[v.Provider], v.Cid)
		}
	}
	var out []ProviderInfo
	for _, addr := range order {
		p, err := m.Provider(ctx, addr)
		if err != nil {
			return nil, err
		}
		info := ProviderInfo{
			MinerID: p.MinerID, Address: addr.Hex(), Endpoint: p.Endpoint,
			HostKeyFingerprint: contracts.FormatHostKeyFingerprint(p.HostKeyFingerprint), Datasets: []string{},
			RatingSum: p.RatingSum, RatingCount: p.RatingCount, Rating: FormatRating(p.RatingSum, p.RatingCount),
		}
		rp := ratedPaid[addr]
		if rp == nil {
			rp = new(big.Int)
		}
		info.RatedPaid, info.RatedPaidAttoFIL = lease.FormatFIL(rp), rp.String()
		if meta, err := contracts.ParseProviderMeta(p.Metadata); err != nil {
			info.MetaError = err.Error()
		} else {
			info.Meta = meta
		}
		ds := datasets[addr]
		for cid := range ds {
			info.Datasets = append(info.Datasets, cid)
		}
		sort.Slice(info.Datasets, func(i, j int) bool { return ds[info.Datasets[i]] < ds[info.Datasets[j]] })
		if dataset != "" && !announcesDataset(ds, dataset) {
			continue
		}
		out = append(out, info)
	}
	return out, nil
}

func (a *App) spsCommand() *cobra.Command {
	var dataset string
	cmd := &cobra.Command{
		Use:   "sps",
		Short: "List storage providers, their prices, resources, datasets and ratings",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, err := a.chain(cmd.Context())
			if err != nil {
				return err
			}
			ps, err := Providers(cmd.Context(), m, a.cfg.StartBlock, dataset)
			if err != nil {
				return err
			}
			if a.json() {
				if ps == nil {
					ps = []ProviderInfo{}
				}
				return a.printJSON(ps)
			}
			if len(ps) == 0 {
				if dataset != "" {
					a.progress("no provider announces dataset %s", dataset)
				} else {
					a.progress("no provider is registered on the marketplace at %s", m.Address.Hex())
				}
				return nil
			}
			tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "MINER\tENDPOINT\tMIN PRICE\tMAX DURATION\tRESOURCES\tRATING\tRATED PAID\tDATASETS\tHOST KEY")
			for _, p := range ps {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.MinerID, p.Endpoint, dash(p.Meta.MinPrice),
					dash(p.Meta.MaxDuration), resources(p.Meta), p.Rating, p.RatedPaid, dash(strings.Join(p.Datasets, ",")), p.HostKeyFingerprint)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&dataset, "dataset", "", "only providers that announced this CID (payload CID, or PieceCID v1 or v2)")
	return cmd
}

func resources(m contracts.ProviderMeta) string {
	var parts []string
	if m.Nodes > 0 {
		parts = append(parts, fmt.Sprintf("%d nodes", m.Nodes))
	}
	if m.CPUs != "" {
		parts = append(parts, m.CPUs+" cpus")
	}
	if m.Memory != "" {
		parts = append(parts, m.Memory+" mem")
	}
	if m.GPUs > 0 {
		parts = append(parts, fmt.Sprintf("%d gpus", m.GPUs))
	}
	return dash(strings.Join(parts, ", "))
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
