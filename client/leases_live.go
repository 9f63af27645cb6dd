package client

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/shaleprotocol/shale/contracts"
)

// liveQuery bounds one gateway's answer to `shale leases --live`, so one unreachable
// provider delays the listing by this much at most.
const liveQuery = 15 * time.Second

// addMeters asks the gateway of every running lease for its meter. A gateway that cannot be
// asked leaves the reason in MeterError; nothing is paid and the client's meter is not started.
func (a *App) addMeters(ctx context.Context, rs []*LeaseRecord) {
	for _, r := range rs {
		if r.Order.State != contracts.StateRunning {
			continue
		}
		rec, err := a.liveMeter(ctx, r)
		if err != nil {
			r.MeterError = err.Error()
			continue
		}
		r.Meter = &rec
	}
}

func (a *App) liveMeter(ctx context.Context, r *LeaseRecord) (MeterRecord, error) {
	ctx, cancel := context.WithTimeout(ctx, liveQuery)
	defer cancel()
	cfg, err := a.tunnelConfigFor(ctx, r, false)
	if err != nil {
		return MeterRecord{}, err
	}
	cfg.DialTimeout = liveQuery
	c, err := a.dial(ctx, r, cfg)
	if err != nil {
		return MeterRecord{}, err
	}
	defer c.Close()
	u, err := c.Usage(ctx)
	if err != nil {
		return MeterRecord{}, err
	}
	return meterRecord(r.Lease, r.Spec.Price, &u, nil), nil
}

// printLive is the `shale leases --live` table: the meter's columns for running leases.
func (a *App) printLive(rs []*LeaseRecord) error {
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LEASE\tSTATE\tELAPSED\tRATE\tPAID (ACKED)\tDUE\tESCROW LEFT\tRUNS OUT IN\tBYTES IN/OUT\tPAYER")
	for _, r := range rs {
		m := r.Meter
		if m == nil {
			state := r.State
			if r.MeterError != "" {
				state += " (gateway unreachable: " + r.MeterError + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t-\t%s\t-\t-\t-\t-\t-\t%s\n", r.Lease, state, r.Price, payerText(r))
			continue
		}
		bytes := "unknown"
		if m.BytesKnown {
			bytes = humanBytes(m.BytesIn) + " / " + humanBytes(m.BytesOut)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Lease, r.State,
			time.Duration(m.ElapsedS)*time.Second, m.Price, fil(m.PaidAtto), fil(m.DueAtto), fil(m.EscrowLeft),
			time.Duration(m.RunsOutInS)*time.Second, bytes, payerText(r))
	}
	return tw.Flush()
}
