package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// NewRootCommand builds the `shale` command tree over env.
func NewRootCommand(env Env) *cobra.Command {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	a := &App{env: env}
	root := &cobra.Command{
		Use:           "shale",
		Short:         "Rent containers next to Filecoin data and pay by the second",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			if a.output != "text" && a.output != "json" {
				return fmt.Errorf("--output %q: want text or json", a.output)
			}
			return nil
		},
	}
	root.SetIn(env.Stdin)
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "config file (default $SHALE_CONFIG or ~/.config/shale/config.hcl)")
	pf.StringVar(&a.rpcFlag, "rpc", "", "chain RPC endpoint, overrides the config's rpc")
	pf.StringVar(&a.contractFlag, "contract", "", "marketplace contract address, overrides the config's contract")
	pf.StringVarP(&a.output, "output", "o", "text", "output format: text or json")
	root.AddCommand(
		a.keysCommand(),
		a.spsCommand(),
		a.giveMeContainerCommand(),
		a.leaseCommand(),
		a.leasesCommand(),
		a.cancelCommand(),
		a.reclaimCommand(),
		a.sshCommand(),
		a.payCommand(),
		a.proxyCommand(),
		a.sshConfigCommand(),
		a.terminateCommand(),
		a.rateCommand(),
		a.withdrawCommand(),
		a.balanceCommand(),
	)
	return root
}

// Execute runs the CLI with args and returns the process exit status: a remote command's
// own status for `shale ssh`, 1 after printing any other error.
func Execute(ctx context.Context, env Env, args []string) int {
	root := NewRootCommand(env)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var ee *ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.Code
	default:
		fmt.Fprintf(root.ErrOrStderr(), "shale: %v\n", err)
		return 1
	}
}
