package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"

	"github.com/shaleprotocol/shale/deals"
)

const dealsUsage = `usage: shale-driver deals <command> [flags]

Operator commands for the car store the shale driver mounts deal data from.

commands:
  import -store <dir> [-o json] <path>   turn a file or directory into a CAR in the store
                                         (UnixFS, CIDv1, raw leaves, sha2-256); print its CID
                                         on stdout and its PieceCIDs (v2, v1 and padded size)
                                         on stderr
  list   -store <dir> [-o json]          print CID, PieceCID, size and file of each CAR
`

// runDeals runs `shale-driver deals ...` and returns the process exit code.
func runDeals(args []string) int {
	return dealsMain(args, os.Stdout, os.Stderr)
}

func dealsMain(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, dealsUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cmd := args[0]
	fs := flag.NewFlagSet("shale-driver deals "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	store := fs.String("store", "", "car store directory (required)")
	output := fs.String("o", "text", "output format: text or json")
	fs.Usage = func() { fmt.Fprint(stderr, dealsUsage) }
	if cmd != "import" && cmd != "list" {
		fmt.Fprintf(stderr, "shale-driver deals: unknown command %q\n\n%s", cmd, dealsUsage)
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *store == "" {
		fmt.Fprintf(stderr, "shale-driver deals %s: -store <dir> is required\n", cmd)
		return 2
	}
	if *output != "text" && *output != "json" {
		fmt.Fprintf(stderr, "shale-driver deals %s: -o must be text or json, not %q\n", cmd, *output)
		return 2
	}
	var err error
	switch cmd {
	case "import":
		if fs.NArg() != 1 {
			fmt.Fprintf(stderr, "shale-driver deals import: want exactly one path, got %d\n", fs.NArg())
			return 2
		}
		err = dealsImport(ctx, stdout, stderr, *store, fs.Arg(0), *output == "json")
	case "list":
		if fs.NArg() != 0 {
			fmt.Fprintf(stderr, "shale-driver deals list: unexpected arguments %q\n", fs.Args())
			return 2
		}
		err = dealsList(ctx, stdout, *store, *output == "json")
	}
	if err != nil {
		fmt.Fprintf(stderr, "shale-driver deals %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// dealsImport prints the payload CID alone on stdout (scripts capture it) and the piece on
// stderr, or everything as JSON.
func dealsImport(ctx context.Context, w, info io.Writer, store, src string, asJSON bool) error {
	c, err := deals.Import(ctx, store, src)
	if err != nil {
		return err
	}
	path := deals.ImportedPath(store, src, c)
	p, err := deals.PieceOfFile(ctx, path)
	if err != nil {
		return fmt.Errorf("piece of %s: %w", path, err)
	}
	if !asJSON {
		if _, err := fmt.Fprintln(w, c); err != nil {
			return err
		}
		_, err = fmt.Fprintf(info, "piece %s (v1 %s, piece size %d)\n", p.V2(), p.V1(), p.PaddedSize)
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(src)
	return writeJSON(w, map[string]any{"cid": c.String(), "car": path, "size": st.Size(), "source": abs,
		"piece_cid": p.V2().String(), "piece_cid_v1": p.V1().String(), "piece_size": p.PaddedSize})
}

type carListing struct {
	CID   string `json:"cid"`
	Piece string `json:"piece_cid,omitempty"`
	Size  int64  `json:"size"`
	File  string `json:"file"`
	Roots int    `json:"roots"`
	Error string `json:"error,omitempty"`
}

func dealsList(ctx context.Context, w io.Writer, store string, asJSON bool) error {
	cars, err := deals.List(ctx, store)
	if err != nil {
		return err
	}
	rows := make([]carListing, 0, len(cars))
	for _, c := range cars {
		row := carListing{Size: c.Size, File: filepath.Base(c.Path), Roots: len(c.Roots), Error: c.Err}
		var roots []string
		for _, r := range c.Roots {
			roots = append(roots, r.String())
		}
		row.CID = strings.Join(roots, ",")
		if c.Piece.PaddedSize != 0 {
			row.Piece = c.Piece.V2().String()
		}
		rows = append(rows, row)
	}
	if asJSON {
		return writeJSON(w, rows)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CID\tPIECE\tSIZE\tFILE")
	for _, r := range rows {
		id := r.CID
		if r.Error != "" {
			id = "(unreadable: " + r.Error + ")"
		}
		piece := r.Piece
		if piece == "" {
			piece = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", id, piece, humanBytes(r.Size), r.File)
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// humanBytes prints sizes the way the lease specs write them (Ki, Mi, Gi, Ti).
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%dB", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 3; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f%ciB", float64(n)/float64(div), "KMGT"[exp])
}
