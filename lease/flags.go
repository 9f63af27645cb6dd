package lease

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// GiveMeContainerUsage documents the flags of the seed's give-me-container command.
const GiveMeContainerUsage = `give-me-container [flags] [-- command [args...]]

  --miner=f0…             provider (Filecoin miner id), required
  --price=0.01fil/min     price with unit and period, required
  --num_cpus=4            cores (or "0.5", "500m"), default 1
  --num_rams=12Gi         memory, default 1Gi
  --num_gpus=1            GPUs, default 0
  --gpu_model=NAME        GPU model constraint, default any
  --disk=20Gi             ephemeral disk, default the provider's
  --bandwidth=1Mi         bytes per second, default unlimited
  --image=REF             docker image, required
  --mnt=CID:/path         mount deal data read-only (repeatable); by PieceCID:
                          baga…@32GiB:/path (v1 + padded size), bafkzcib…:/path (v2),
                          or CID+PIECECID[@SIZE]:/path for both
  --ssh_pubkey=KEY|FILE   authorized_keys line, or a public key file: ~/.ssh/id_rsa.pub
                          or @~/.ssh/id_rsa.pub (repeatable), required
  --duration=1h           lease length (Go duration or days, e.g. 2d), default 1h
  --prepay=5m             pay this far ahead, default 5m
  --grace=1m              tolerated payment arrears, default 1m

Flags take "--flag=value" or "--flag value". Words after "--" become the command.`

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// ParseGiveMeContainer parses the seed CLI's flags into a validated Spec. args may start
// with the word "give-me-container". --ssh_pubkey takes the key itself, a path to a public
// key file, or "@path"; "~" expands to the home directory because shells leave it alone in
// the "--flag=~/..." form; a file may hold several keys, one per line. Every problem is
// reported, joined with errors.Join.
func ParseGiveMeContainer(args []string) (Spec, error) {
	if len(args) > 0 && args[0] == "give-me-container" {
		args = args[1:]
	}
	fs := flag.NewFlagSet("give-me-container", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are returned, not printed
	var (
		miner     = fs.String("miner", "", "")
		price     = fs.String("price", "", "")
		cpus      = fs.String("num_cpus", "1", "")
		rams      = fs.String("num_rams", "1Gi", "")
		gpus      = fs.Uint64("num_gpus", 0, "")
		gpuModel  = fs.String("gpu_model", "", "")
		disk      = fs.String("disk", "0", "")
		bandwidth = fs.String("bandwidth", "0", "")
		image     = fs.String("image", "", "")
		duration  = fs.String("duration", DefaultDuration.String(), "")
		prepay    = fs.String("prepay", DefaultPrepay.String(), "")
		grace     = fs.String("grace", DefaultGrace.String(), "")
		mnts      multiFlag
		keys      multiFlag
	)
	fs.Var(&mnts, "mnt", "")
	fs.Var(&keys, "ssh_pubkey", "")
	if err := fs.Parse(args); err != nil {
		return Spec{}, fmt.Errorf("give-me-container: %w", err)
	}

	var errs []error
	fail := func(flagName string, err error) {
		errs = append(errs, fmt.Errorf("--%s: %w", flagName, err))
	}
	s := Spec{Provider: *miner, Image: *image}
	s.Resources.GPUs = *gpus
	s.Resources.GPUModel = *gpuModel
	if rest := fs.Args(); len(rest) > 0 {
		s.Command, s.Args = rest[0], append([]string(nil), rest[1:]...)
		if len(s.Args) == 0 {
			s.Args = nil
		}
	}
	var err error
	if s.Resources.CPU, err = ParseCPUs(*cpus); err != nil {
		fail("num_cpus", err)
	}
	if s.Resources.Memory, err = ParseSize(*rams); err != nil {
		fail("num_rams", err)
	}
	if s.Resources.Disk, err = ParseSize(*disk); err != nil {
		fail("disk", err)
	}
	if s.Bandwidth, err = ParseSize(*bandwidth); err != nil {
		fail("bandwidth", err)
	}
	if *price == "" {
		fail("price", errors.New("required, e.g. --price=0.01fil/min"))
	} else if s.Price, err = ParsePrice(*price); err != nil {
		if !strings.Contains(err.Error(), "e.g.") {
			err = fmt.Errorf("%w; write an amount, a unit and a period, e.g. 0.01fil/min or 5e17attofil/h", err)
		}
		fail("price", err)
	}
	if s.Duration, err = ParseDuration(*duration); err != nil {
		fail("duration", err)
	}
	if s.Prepay, err = ParseDuration(*prepay); err != nil {
		fail("prepay", err)
	}
	if s.Grace, err = ParseDuration(*grace); err != nil {
		fail("grace", err)
	}
	for _, m := range mnts {
		mount, err := ParseMountFlag(m)
		if err != nil {
			fail("mnt", err)
			continue
		}
		s.Mounts = append(s.Mounts, mount)
	}
	for _, k := range keys {
		lines, err := readKeyFlag(k)
		if err != nil {
			fail("ssh_pubkey", err)
			continue
		}
		s.SSHKeys = append(s.SSHKeys, lines...)
	}
	if len(errs) > 0 {
		return Spec{}, fmt.Errorf("give-me-container: %w", errors.Join(errs...))
	}
	if err := s.Validate(); err != nil {
		return Spec{}, fmt.Errorf("give-me-container: %w", err)
	}
	return s, nil
}

// maxKeyFile bounds what --ssh_pubkey reads: an authorized_keys file of a few hundred keys.
const maxKeyFile = 256 << 10

// readKeyFlag returns the key lines an --ssh_pubkey value names: the value itself when it
// is a key line, else the non-blank, non-comment lines of the file it names (after an
// optional "@").
func readKeyFlag(v string) ([]string, error) {
	v = strings.TrimSpace(v)
	p, explicit := strings.CutPrefix(v, "@")
	if !explicit && looksLikeKey(v) {
		return []string{v}, nil
	}
	if p == "" {
		return nil, errors.New("empty: pass an authorized_keys line or the path of a public key file, e.g. --ssh_pubkey=~/.ssh/id_ed25519.pub")
	}
	p, err := expandHome(p)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			if strings.ContainsAny(v, " \t") {
				return []string{v}, nil // a malformed key line: Validate says what is wrong with it
			}
			return nil, fmt.Errorf("%q is neither an SSH public key nor an existing file: pass the key line (ssh-ed25519 AAAA...) or the path of its .pub file", v)
		}
		return nil, fmt.Errorf("read SSH public key: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("read SSH public key %s: %w", p, err)
	}
	if len(b) > maxKeyFile {
		return nil, fmt.Errorf("%s is larger than %d KiB: not an SSH public key file", p, maxKeyFile>>10)
	}
	// The private half must never reach an order (orders are public) nor an error message.
	if bytes.Contains(b, []byte("PRIVATE KEY")) {
		pub := p + ".pub"
		if strings.HasSuffix(p, ".pub") {
			pub = "the matching .pub file"
		}
		return nil, fmt.Errorf("%s is a private key; pass its public half, %s", p, pub)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no SSH public key", p)
	}
	return out, nil
}

// looksLikeKey tells a key line from a path: key lines are "<type> <base64> [comment]" and
// every key type starts with one of these; a path to a file named like that is written with
// a directory ("./ssh-key.pub") or "@".
func looksLikeKey(v string) bool {
	if !strings.ContainsAny(v, " \t") {
		return false
	}
	for _, prefix := range []string{"ssh-", "ecdsa-", "sk-", "rsa-"} {
		if strings.HasPrefix(v, prefix) {
			return true
		}
	}
	return false
}

// expandHome expands a leading "~" or "~/" to the home directory.
func expandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("expand %q: %w; give the path without ~", p, err)
	}
	return filepath.Join(home, p[1:]), nil
}
