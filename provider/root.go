package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/nomad/api"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/leasefile"
)

// Execute runs the command tree over args and returns the process exit status: 1 after
// printing an error to stderr. stop and work are as for NewRootCmd.
func Execute(stop, work context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := NewRootCmd(stop, work, stdout, stderr)
	cmd.SetArgs(goStyleFlags(cmd, args))
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(stderr, "shale-bridge:", err)
		return 1
	}
	return 0
}

// NewRootCmd builds the command tree. stop ends `run` gracefully; work cancels everything.
// Tests call it with their own contexts and buffers.
func NewRootCmd(stop, work context.Context, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "shale-bridge",
		Short:         "Run a Shale storage provider: registration, order handling and settlement",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	// Every command but run ends at the first signal; run finishes its round (see runCmd).
	root.SetContext(stop)
	root.AddCommand(runCmd(stop, work), registerCmd(), statusCmd(), leaseContainerCmd())
	return root
}

// goStyleFlags lets operators write Go/Nomad-style single-dash long flags ("-config F", as
// the docs and the seed do): pflag would read "-config" as the shorthand cluster -c -o -n …,
// so a single-dash argument naming a long flag of any command gets its second dash.
func goStyleFlags(root *cobra.Command, args []string) []string {
	longs := map[string]bool{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { longs[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(name) > 1 && longs[name] {
			a = "-" + a
		}
		out = append(out, a)
	}
	return out
}

// configFlag adds --config (also written -config, see goStyleFlags, or -c).
func configFlag(c *cobra.Command) *string {
	return c.Flags().StringP("config", "c", "/etc/shale/shale-bridge.hcl", "configuration file (HCL)")
}

// loadConfigFlag loads the file and renders its diagnostics with source snippets.
func loadConfigFlag(path string) (*Config, error) {
	cfg, diags := LoadConfig(path)
	if diags.HasErrors() {
		return nil, errors.New("invalid configuration:\n" + strings.TrimRight(leasefile.FormatDiagnostics(diags, nil), "\n"))
	}
	return cfg, nil
}

func runCmd(stop, work context.Context) *cobra.Command {
	c := &cobra.Command{
		Use:   "run",
		Short: "Run the bridge: accept orders, run their leases on Nomad, settle them on chain",
		Long: `run loads the provider key, checks the marketplace (contract code, the provider's registration,
collateral against minCollateral, the prover's K against the batch size), then follows the chain until
SIGINT/SIGTERM. It serves /metrics, /healthz (liveness), /readyz (settlement works too) and /v1/orders on the
configured listen address from the start; the prover keys load (or are derived) in the background.`,
		Args: cobra.NoArgs,
	}
	path := configFlag(c)
	c.RunE = func(_ *cobra.Command, _ []string) error {
		cfg, err := loadConfigFlag(*path)
		if err != nil {
			return err
		}
		backend, err := dial(stop, cfg)
		if err != nil {
			return err
		}
		defer backend.Close()
		cluster, err := bridge.NewNomadCluster(nomadConfig(cfg))
		if err != nil {
			return err
		}
		return runBridge(stop, work, cfg, runDeps{Backend: backend, Cluster: cluster, Log: newLogger(cfg, os.Stderr)})
	}
	return c
}

func registerCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "register",
		Short: "Register (or update) the provider and announce the datasets its Nomad nodes hold",
		Long: `register reads the shale nodes from Nomad (gateway endpoint and host key, datasets, resources) and
registers the provider on the marketplace, or updates its record, then announces new datasets and retracts
those no node holds any more. It is idempotent: with nothing changed it sends no transaction.`,
		Args: cobra.NoArgs,
	}
	path := configFlag(c)
	var ro registerOptions
	c.Flags().StringVar(&ro.Endpoint, "endpoint", "", "public host:port of the SSH gateway (default: provider.metadata_endpoint_override, else the nodes' gateway endpoint)")
	c.Flags().BoolVar(&ro.DryRun, "dry-run", false, "show what would change without sending transactions")
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		cfg, err := loadConfigFlag(*path)
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		backend, err := dial(ctx, cfg)
		if err != nil {
			return err
		}
		defer backend.Close()
		nc, err := api.NewClient(nomadConfig(cfg))
		if err != nil {
			return err
		}
		cluster, err := bridge.NewNomadCluster(nomadConfig(cfg))
		if err != nil {
			return err
		}
		return register(ctx, cfg, backend, nc, cluster, ro, cmd.OutOrStdout())
	}
	return c
}

func statusCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "status",
		Short: "Show the bridge's orders",
		Long: `status reads the bridge's state file; while run holds it locked, status asks the running bridge's
/v1/orders on the configured listen address instead. Finished orders are hidden unless --all. Above the
table it shows the running bridge's health from /healthz: chain, Nomad and the prover (loading with its
step, ready, or failed with the reason).`,
		Args: cobra.NoArgs,
	}
	path := configFlag(c)
	var so statusOptions
	c.Flags().StringVarP(&so.Output, "output", "o", "", `output format: "" (table) or json (full records)`)
	c.Flags().BoolVar(&so.All, "all", false, "include finished orders (settled, rejected, cancelled, failed)")
	c.RunE = func(cmd *cobra.Command, _ []string) error {
		if so.Output != "" && so.Output != "json" {
			return fmt.Errorf("-o %q: want json", so.Output)
		}
		cfg, err := loadConfigFlag(*path)
		if err != nil {
			return err
		}
		orders, err := readOrders(cmd.Context(), cfg)
		if err != nil {
			return err
		}
		// A bridge that is not running has no health to show; its orders come from the store.
		if so.Output == "" {
			if h, err := fetchHealth(cmd.Context(), cfg.Listen); err == nil {
				if err := printHealth(cmd.OutOrStdout(), h); err != nil {
					return err
				}
			}
		}
		return printStatus(cmd.OutOrStdout(), orders, so)
	}
	return c
}

func leaseContainerCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "lease-container <lease.hcl>",
		Short: "Run a lease straight on Nomad, without the chain (for testing a node)",
		Long: `lease-container parses a lease file, registers its Nomad job (lease id on chain 0 with an order id
from a random nonce), waits until it runs and prints the lease id, the node's gateway endpoint and host key.`,
		Args: cobra.ExactArgs(1),
	}
	lo := leaseContainerOptions{PollEvery: time.Second}
	nomadDefault := os.Getenv("NOMAD_ADDR")
	if nomadDefault == "" {
		nomadDefault = defaultNomadAddress
	}
	c.Flags().StringVar(&lo.Nomad, "nomad", nomadDefault, "Nomad agent address ($NOMAD_ADDR)")
	c.Flags().StringVar(&lo.Token, "token", os.Getenv("NOMAD_TOKEN"), "Nomad ACL token ($NOMAD_TOKEN)")
	c.Flags().StringVar(&lo.Region, "region", "", "Nomad region (default: the agent's)")
	c.Flags().StringVar(&lo.Namespace, "namespace", "", "Nomad namespace (default: default)")
	c.Flags().StringSliceVar(&lo.Datacenters, "datacenter", nil, "datacenters the job may run in (default: all)")
	c.Flags().StringVar(&lo.PaymentKeyPub, "payment-key-pub", "", "the client's payment public key (0x + 64 hex)")
	c.Flags().StringVar(&lo.PaymentKeyOut, "payment-key-out", "", "without --payment-key-pub: generate a payment key and save it here")
	c.Flags().DurationVar(&lo.Expires, "expires", 0, "how long the lease runs (default: the lease's duration)")
	c.Flags().DurationVar(&lo.Wait, "wait", 5*time.Minute, "how long to wait for the container to run")
	c.RunE = func(cmd *cobra.Command, args []string) error {
		return leaseContainer(cmd.Context(), args[0], lo, cmd.OutOrStdout())
	}
	return c
}
