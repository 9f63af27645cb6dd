package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/wire"
)

// ErrNotExposed means a lease does not expose the port asked for.
var ErrNotExposed = errors.New("port not exposed")

// exposeInfoTimeout bounds how long `shale leases` waits for one gateway's expose-info.
const exposeInfoTimeout = 15 * time.Second

// ExposeRecord is one exposed port of a lease as `shale leases` and `shale open` show it.
type ExposeRecord struct {
	Port     uint16 `json:"port"`
	Protocol string `json:"protocol"`
	Public   bool   `json:"public"`
	URL      string `json:"url,omitempty"`   // where the node serves it; "" until running, or for a private tcp port
	Token    string `json:"token,omitempty"` // for a private port: "Authorization: Bearer TOKEN"
}

// BrowserURL is URL with the token in the query for a private http port: the gateway moves
// it into a cookie at the first visit.
func (e ExposeRecord) BrowserURL() string {
	if e.URL == "" || e.Public || e.Token == "" || e.Protocol != lease.ProtocolHTTP {
		return e.URL
	}
	return e.URL + "?shale_token=" + url.QueryEscape(e.Token)
}

func exposeRecords(spec []lease.Expose, info *wire.ExposeInfo) []ExposeRecord {
	var out []ExposeRecord
	for _, e := range spec {
		rec := ExposeRecord{Port: e.Port, Protocol: e.Protocol, Public: e.Public}
		if info != nil {
			for _, ep := range info.Exposes {
				if ep.Port == e.Port && ep.Protocol == e.Protocol {
					rec.URL = ep.URL
				}
			}
			if !e.Public {
				rec.Token = info.Token
			}
		}
		out = append(out, rec)
	}
	return out
}

// addExposes fills in the exposed ports of the running leases that have any, asking each
// lease's gateway; a gateway that does not answer leaves the URLs empty and says why.
func (a *App) addExposes(ctx context.Context, rs []*LeaseRecord) {
	for _, r := range rs {
		if len(r.Spec.Exposes) == 0 {
			continue
		}
		r.Exposes = exposeRecords(r.Spec.Exposes, nil)
		if ended(r.Order.State) || r.Endpoint == "" {
			continue
		}
		cfg, err := a.tunnelConfig(ctx, r)
		var info wire.ExposeInfo
		if err == nil {
			info, err = a.exposeInfo(ctx, r, cfg)
		}
		if err != nil {
			a.progress("shale: lease %s: cannot learn its exposed ports' addresses: %v", r.Lease, err)
			continue
		}
		r.Exposes = exposeRecords(r.Spec.Exposes, &info)
	}
}

func (a *App) exposeInfo(ctx context.Context, r *LeaseRecord, cfg tunnel.Config) (wire.ExposeInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, exposeInfoTimeout)
	defer cancel()
	c, err := a.dial(ctx, r, cfg)
	if err != nil {
		return wire.ExposeInfo{}, err
	}
	defer c.Close()
	return c.ExposeInfo(ctx)
}

// printExposes lists the exposed ports under the leases table.
func (a *App) printExposes(rs []*LeaseRecord) {
	for _, r := range rs {
		for _, e := range r.Exposes {
			vis := "private"
			if e.Public {
				vis = "public"
			}
			where := e.BrowserURL()
			switch {
			case where == "" && e.Protocol == lease.ProtocolTCP:
				where = fmt.Sprintf("shale open %s %d --forward", r.Lease, e.Port)
			case where == "":
				where = "-"
			}
			fmt.Fprintf(a.env.Stdout, "%s exposes %d/%s (%s): %s\n", r.Lease, e.Port, e.Protocol, vis, where)
		}
	}
}

func parsePortArg(s string) (uint16, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err == nil {
		err = lease.ValidatePort(n)
	}
	if err != nil {
		return 0, fmt.Errorf("port %q: want the container port the lease exposes, 1-65535, e.g. `shale open LEASE 8888`", s)
	}
	return uint16(n), nil
}

func (a *App) openCommand() *cobra.Command {
	var forward bool
	var local string
	cmd := &cobra.Command{
		Use:   "open LEASE PORT",
		Short: "Print the URL of a port the lease exposes (with its token when private), or forward a local port to it",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			port, err := parsePortArg(args[1])
			if err != nil {
				return err
			}
			r, cfg, err := a.connect(ctx, args[0])
			if err != nil {
				return err
			}
			var exp *lease.Expose
			var have []string
			for i, e := range r.Spec.Exposes {
				have = append(have, e.String())
				if e.Port == port {
					exp = &r.Spec.Exposes[i]
				}
			}
			if exp == nil {
				exposes := "no ports"
				if len(have) > 0 {
					exposes = strings.Join(have, ", ")
				}
				return fmt.Errorf("%w: lease %s does not expose port %d (it exposes %s); a lease's ports are fixed when it is ordered (--expose %d/http, or an expose {} block)",
					ErrNotExposed, r.Lease, port, exposes, port)
			}
			if local != "" && !forward {
				return errors.New("--local goes with --forward")
			}
			if !forward {
				info, err := a.exposeInfo(ctx, r, cfg)
				if err != nil {
					return err
				}
				rec := exposeRecords([]lease.Expose{*exp}, &info)[0]
				if rec.URL == "" {
					return fmt.Errorf("the provider's node serves no address for %d/%s: reach it with `shale open %s %d --forward`", port, exp.Protocol, r.Lease, port)
				}
				if a.json() {
					return a.printJSON(rec)
				}
				fmt.Fprintln(a.env.Stdout, rec.BrowserURL())
				if rec.Token != "" {
					a.progress("shale: private port: scripts send \"Authorization: Bearer %s\"", rec.Token)
				}
				return nil
			}
			return a.forwardExpose(ctx, r, cfg, port, local)
		},
	}
	cmd.Flags().BoolVar(&forward, "forward", false, "forward a local port to the lease's port through SSH, paying meanwhile, until interrupted")
	cmd.Flags().StringVar(&local, "local", "", "local address to listen on with --forward (default 127.0.0.1:PORT)")
	return cmd
}

// forwardExpose listens locally and relays each connection to the container's port through
// the lease's SSH connection, paying as `shale ssh` does, until ctx ends or the lease does.
func (a *App) forwardExpose(ctx context.Context, r *LeaseRecord, cfg tunnel.Config, port uint16, local string) error {
	if local == "" {
		local = net.JoinHostPort("127.0.0.1", strconv.Itoa(int(port)))
	}
	c, err := a.dial(ctx, r, cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	addr, err := c.Forward(ctx, local, net.JoinHostPort("localhost", strconv.Itoa(int(port))))
	if err != nil {
		return fmt.Errorf("forward %s: %w; pick a free address with --local 127.0.0.1:PORT", local, err)
	}
	if a.json() {
		if err := a.printJSON(map[string]string{"lease": r.Lease, "local": addr.String(), "port": strconv.Itoa(int(port))}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(a.env.Stdout, "forwarding %s to port %d of lease %s; interrupt to stop\n", addr, port, r.Lease)
	}
	if r.Spec.Price.Amount == nil || r.Spec.Price.Amount.Sign() == 0 {
		<-ctx.Done() // a free lease has no payment channel to keep
		return nil
	}
	err = c.Pay(ctx)
	if errors.Is(err, tunnel.ErrLeaseEnded) {
		return fmt.Errorf("lease ended: %w", err)
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}
