package client

import (
	"context"
	"errors"
	"fmt"
	"strings"

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
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w; see `%s --help`", err, c.CommandPath())
	})
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
		a.openCommand(),
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

// groupRunE runs a command that only groups others: without a subcommand it shows its help,
// with an unknown one it fails (cobra would show the help and succeed).
func groupRunE(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return cmd.Help()
}

// usageError recognizes cobra's own argument errors, which name no command to read about.
func usageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"accepts ", "requires at least ", "requires at most ", "unknown command "} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// Execute runs the CLI with args and returns the process exit status: a remote command's
// own status for `shale ssh`, 1 after printing any other error.
func Execute(ctx context.Context, env Env, args []string) int {
	root := NewRootCommand(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && cmd != nil && usageError(err) {
		// cobra puts its suggestions after a blank line; the hint belongs to the first line.
		first, rest, _ := strings.Cut(strings.TrimRight(err.Error(), "\n"), "\n\n")
		if rest != "" {
			rest = "\n\n" + rest
		}
		err = fmt.Errorf("%s; see `%s --help`%s", first, cmd.CommandPath(), rest)
	}
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
