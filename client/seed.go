package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/shaleprotocol/shale/lease"
)

// seedFlags are give-me-container's flags, spelled as the seed CLI spelled them. They are
// strings so that spec reports every bad value at once, in lease's words.
type seedFlags struct {
	miner, price, cpus, rams, gpus, gpuModel, disk, bandwidth, image, duration, prepay, grace string
	mnts, keys, exposes                                                                       []string
}

func (f *seedFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.miner, "miner", "", "provider (Filecoin miner id), required")
	fs.StringVar(&f.price, "price", "", "price with unit and period, e.g. 0.01fil/min, required")
	fs.StringVar(&f.cpus, "num_cpus", "1", "cores (or 0.5, 500m)")
	fs.StringVar(&f.rams, "num_rams", "1Gi", "memory")
	fs.StringVar(&f.gpus, "num_gpus", "0", "GPUs")
	fs.StringVar(&f.gpuModel, "gpu_model", "", "GPU model constraint")
	fs.StringVar(&f.disk, "disk", "0", "ephemeral disk (0: the provider's default)")
	fs.StringVar(&f.bandwidth, "bandwidth", "0", "bytes per second through the gateway (0: unlimited)")
	fs.StringVar(&f.image, "image", "", "docker image, required")
	fs.StringArrayVar(&f.mnts, "mnt", nil, "CID:/path, PIECECID[@SIZE]:/path or CID+PIECECID[@SIZE]:/path: mount deal data read-only (repeatable)")
	fs.StringArrayVar(&f.keys, "ssh_pubkey", nil, "authorized_keys line, path of a public key file (~/.ssh/id_rsa.pub) or @path (repeatable; default: the config's ssh_key + .pub)")
	fs.StringArrayVar(&f.exposes, "expose", nil, "PORT[/http|/tcp][,public]: serve a container port through the node's gateway, e.g. 8888/http (repeatable; private unless ,public)")
	fs.StringVar(&f.duration, "duration", "1h", "lease length (Go duration or days, e.g. 2d)")
	fs.StringVar(&f.prepay, "prepay", "5m", "pay this far ahead")
	fs.StringVar(&f.grace, "grace", "1m", "tolerated payment arrears")
}

// spec is the validated Spec the flags and the words after them (the command) describe.
// home expands a leading "~" in --ssh_pubkey, which shells leave alone in the
// --flag=~/... form the seed's users write. Every problem is reported, joined.
func (f *seedFlags) spec(command []string, home string) (lease.Spec, error) {
	var errs []error
	fail := func(flagName string, err error) {
		errs = append(errs, fmt.Errorf("--%s: %w", flagName, err))
	}
	s := lease.Spec{Provider: f.miner, Image: f.image}
	s.Resources.GPUModel = f.gpuModel
	if len(command) > 0 {
		s.Command = command[0]
		if len(command) > 1 {
			s.Args = append([]string(nil), command[1:]...)
		}
	}
	var err error
	if s.Resources.CPU, err = lease.ParseCPUs(f.cpus); err != nil {
		fail("num_cpus", err)
	}
	if s.Resources.GPUs, err = strconv.ParseUint(f.gpus, 10, 64); err != nil {
		fail("num_gpus", fmt.Errorf("%q: want a whole number of GPUs, e.g. 1", f.gpus))
	}
	if s.Resources.Memory, err = lease.ParseSize(f.rams); err != nil {
		fail("num_rams", err)
	}
	if s.Resources.Disk, err = lease.ParseSize(f.disk); err != nil {
		fail("disk", err)
	}
	if s.Bandwidth, err = lease.ParseSize(f.bandwidth); err != nil {
		fail("bandwidth", err)
	}
	if f.price == "" {
		fail("price", errors.New("required, e.g. --price=0.01fil/min"))
	} else if s.Price, err = lease.ParsePrice(f.price); err != nil {
		if !strings.Contains(err.Error(), "e.g.") {
			err = fmt.Errorf("%w; write an amount, a unit and a period, e.g. 0.01fil/min or 5e17attofil/h", err)
		}
		fail("price", err)
	}
	if s.Duration, err = lease.ParseDuration(f.duration); err != nil {
		fail("duration", err)
	}
	if s.Prepay, err = lease.ParseDuration(f.prepay); err != nil {
		fail("prepay", err)
	}
	if s.Grace, err = lease.ParseDuration(f.grace); err != nil {
		fail("grace", err)
	}
	for _, m := range f.mnts {
		mount, err := lease.ParseMountFlag(m)
		if err != nil {
			fail("mnt", err)
			continue
		}
		s.Mounts = append(s.Mounts, mount)
	}
	for _, e := range f.exposes {
		x, err := lease.ParseExpose(e)
		if err != nil {
			fail("expose", err)
			continue
		}
		s.Exposes = append(s.Exposes, x)
	}
	for _, k := range f.keys {
		lines, err := readKeyFlag(k, home)
		if err != nil {
			fail("ssh_pubkey", err)
			continue
		}
		s.SSHKeys = append(s.SSHKeys, lines...)
	}
	if len(errs) > 0 {
		return lease.Spec{}, fmt.Errorf("give-me-container: %w", errors.Join(errs...))
	}
	if err := s.Validate(); err != nil {
		return lease.Spec{}, fmt.Errorf("give-me-container: %w", err)
	}
	return s, nil
}

// maxKeyFile bounds what --ssh_pubkey reads: an authorized_keys file of a few hundred keys.
const maxKeyFile = 256 << 10

// readKeyFlag returns the key lines an --ssh_pubkey value names: the value itself when it
// is a key line, else the non-blank, non-comment lines of the file it names (after an
// optional "@"; a leading "~" is home).
func readKeyFlag(v, home string) ([]string, error) {
	v = strings.TrimSpace(v)
	p, explicit := strings.CutPrefix(v, "@")
	if !explicit && looksLikeKey(v) {
		return []string{v}, nil
	}
	if p == "" {
		return nil, errors.New("empty: pass an authorized_keys line or the path of a public key file, e.g. --ssh_pubkey=~/.ssh/id_ed25519.pub")
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home == "" {
			return nil, fmt.Errorf("expand %q: no home directory; give the path without ~", p)
		}
		p = filepath.Join(home, p[1:])
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
