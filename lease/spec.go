package lease

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/ipfs/go-cid"
	"golang.org/x/crypto/ssh"
)

// Defaults applied by the spec front ends (flags and HCL) when a field is left out.
const (
	DefaultDuration = time.Hour
	DefaultPrepay   = 5 * time.Minute
	DefaultGrace    = time.Minute
)

// MinMemory is the smallest memory a lease may reserve; Nomad refuses tasks below 10 MB.
const MinMemory = 10 << 20

// Spec is everything a client asks for when renting a container: where, what, how big,
// how long and at what price. Front ends (HCL, give-me-container flags, on-chain orders)
// all produce a Spec; Validate is the single place its rules live.
type Spec struct {
	Provider  string    // Filecoin miner id of the SP, e.g. "f01946720" ("t0…" on testnets)
	Image     string    // docker reference, e.g. "shale/debian:bookworm"
	Command   string    // optional; empty means the image idles until the lease ends
	Args      []string  // optional arguments to Command
	Resources Resources // what Nomad reserves for the lease
	Bandwidth uint64    // bytes per second through the gateway; 0 = unlimited
	Mounts    []Mount   // deal data mounted read-only
	Exposes   []Expose  // container ports served by the node's gateway
	SSHKeys   []string  // authorized_keys lines that may log in
	Price     Price     // rate paid through vouchers
	Duration  time.Duration
	Prepay    time.Duration // how far ahead of metered time the client pays
	Grace     time.Duration // how far payment may fall behind before the lease stops
}

// Resources is what the lease reserves on the node.
type Resources struct {
	CPU      MilliCPUs // > 0
	Memory   uint64    // bytes, > 0
	GPUs     uint64    // count of nvidia/gpu devices
	GPUModel string    // optional device model constraint, needs GPUs > 0
	Disk     uint64    // bytes of ephemeral disk; 0 = the provider's default
}

// Mount places deal data at Path inside the container, read-only. The data is named by its
// payload CID, by the PieceCID of the Filecoin piece holding it, or by both (then the
// piece's CAR must have CID as a root).
type Mount struct {
	CID       string // payload CID, canonical string form (see ParsePayloadCID); optional with PieceCID
	PieceCID  string // v1 (baga…) or v2 (FRC-0069) PieceCID, canonical form (see ParsePieceCID)
	PieceSize uint64 // padded piece size in bytes: required with a v1 PieceCID, optional (and agreeing) with v2
	Path      string // absolute, clean container path
}

// Validate checks every rule and returns all problems at once (joined with errors.Join,
// each wrapping ErrInvalidSpec), so a person fixes a spec in one round trip.
func (s Spec) Validate() error {
	var errs []error
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: %s: %w", ErrInvalidSpec, field, err))
		}
	}
	add("provider", ValidateProvider(s.Provider))
	add("image", ValidateImage(s.Image))
	if s.Command == "" && len(s.Args) > 0 {
		add("args", errors.New("args need a command"))
	}
	add("command", ValidateCommand(s.Command, s.Args))
	add("resources", s.Resources.Validate())
	add("bandwidth", ValidateBandwidth(s.Bandwidth))
	if len(s.Mounts) > MaxMounts {
		add("mount", fmt.Errorf("%w: %d mounts, at most %d are allowed", ErrOutOfRange, len(s.Mounts), MaxMounts))
	}
	if len(s.SSHKeys) > MaxSSHKeys {
		add("ssh_keys", fmt.Errorf("%w: %d keys, at most %d are allowed", ErrOutOfRange, len(s.SSHKeys), MaxSSHKeys))
	}
	seen := map[string]bool{}
	for i, m := range s.Mounts {
		m.validate(func(field string, err error) {
			if field != "" {
				field = "." + field
			}
			add(fmt.Sprintf("mount[%d]%s", i, field), err)
		})
		add(fmt.Sprintf("mount[%d].path", i), ValidateMountPath(m.Path))
		if seen[m.Path] {
			add(fmt.Sprintf("mount[%d].path", i), fmt.Errorf("%q is mounted twice", m.Path))
		}
		seen[m.Path] = true
	}
	add("expose", ValidateExposes(s.Exposes))
	if len(s.SSHKeys) == 0 {
		add("ssh_keys", errors.New("at least one SSH public key is required to log in"))
	}
	for i, k := range s.SSHKeys {
		if _, err := ParseSSHKey(k); err != nil {
			add(fmt.Sprintf("ssh_keys[%d]", i), err)
		}
	}
	add("price", s.Price.Validate())
	add("duration", validateSeconds(s.Duration, true))
	add("duration", ValidateLeaseDuration(s.Duration))
	add("prepay", validateSeconds(s.Prepay, false))
	add("grace", validateSeconds(s.Grace, false))
	add("grace", ValidateLeaseDuration(s.Grace))
	if s.Duration > 0 && s.Prepay > s.Duration {
		add("prepay", fmt.Errorf("%s is longer than the lease duration %s", s.Prepay, s.Duration))
	}
	return errors.Join(errs...)
}

// Validate checks the resource amounts against their bounds.
func (r Resources) Validate() error {
	errs := []error{ValidateCPU(r.CPU), ValidateMemory(r.Memory), ValidateDisk(r.Disk), ValidateGPUs(r.GPUs), ValidateGPUModel(r.GPUModel)}
	if r.GPUModel != "" && r.GPUs == 0 {
		errs = append(errs, fmt.Errorf("gpu_model %q needs gpus > 0", r.GPUModel))
	}
	return errors.Join(errs...)
}

// validateSeconds requires a non-negative (positive when required) whole number of seconds:
// orders carry durations in seconds, so anything finer could not be represented on chain.
func validateSeconds(d time.Duration, positive bool) error {
	switch {
	case d < 0:
		return fmt.Errorf("%s must not be negative", d)
	case positive && d == 0:
		return errors.New("must be positive")
	case d%time.Second != 0:
		return fmt.Errorf("%s is not a whole number of seconds", d)
	}
	return nil
}

// ValidateProvider checks a Filecoin miner id: "f0" (mainnet) or "t0" (testnets) followed by
// the actor number in canonical decimal, e.g. "f01946720".
func ValidateProvider(p string) error {
	if p == "" {
		return errors.New("missing provider (a Filecoin miner id such as \"f01946720\")")
	}
	if len(p) < 3 || (p[:2] != "f0" && p[:2] != "t0") {
		return fmt.Errorf("%q is not a Filecoin miner id: expected \"f0\" followed by digits, e.g. \"f01946720\"", p)
	}
	digits := p[2:]
	if _, err := strconv.ParseUint(digits, 10, 64); err != nil || (len(digits) > 1 && digits[0] == '0') || strings.ContainsAny(digits, "+-") {
		return fmt.Errorf("%q is not a Filecoin miner id: expected \"f0\" followed by digits, e.g. \"f01946720\"", p)
	}
	return nil
}

// ValidateImage checks that img is a docker image reference ("debian:bookworm",
// "shale/debian:bookworm", "registry:5000/x@sha256:…").
func ValidateImage(img string) error {
	if img == "" {
		return errors.New("missing image (a docker reference such as \"shale/debian:bookworm\")")
	}
	if _, err := reference.ParseNormalizedNamed(img); err != nil {
		return fmt.Errorf("%q is not a docker image reference: %w", img, err)
	}
	return nil
}

// ParseCID parses a CID and returns its canonical string form (base58 for CIDv0, base32
// for CIDv1): the driver advertises datasets by that form, so constraints must use it.
func ParseCID(s string) (string, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a valid CID: %w", s, err)
	}
	return c.String(), nil
}

// ValidateMountPath checks a container mount target: absolute, already clean (no "..",
// "//" or trailing "/"), and not the root, which would hide the image.
func ValidateMountPath(p string) error {
	switch {
	case p == "":
		return errors.New("missing mount path")
	case !path.IsAbs(p):
		return fmt.Errorf("mount path %q must be absolute, e.g. %q", p, path.Join("/", p))
	case path.Clean(p) != p:
		return fmt.Errorf("mount path %q is not clean: write %q", p, path.Clean(p))
	case p == "/":
		return errors.New("mount path must not be \"/\"")
	case strings.ContainsAny(p, ":,\x00\n"):
		// Docker's bind syntax and Nomad's config use these as separators.
		return fmt.Errorf("mount path %q must not contain ':', ',', NUL or newlines", p)
	}
	return nil
}

// ParseSSHKey parses one authorized_keys line ("ssh-ed25519 AAAA… comment"). Options
// (from="…", command="…") are refused: the gateway, not the client, decides what a key may do.
func ParseSSHKey(line string) (ssh.PublicKey, error) {
	l := strings.TrimSpace(line)
	if l == "" {
		return nil, errors.New("empty SSH public key")
	}
	if strings.ContainsAny(l, "\n\r") {
		return nil, errors.New("an SSH public key must be a single line")
	}
	key, _, options, rest, err := ssh.ParseAuthorizedKey([]byte(l))
	if err != nil {
		return nil, fmt.Errorf("malformed SSH public key %q: %w", abbreviate(l), err)
	}
	if len(options) > 0 {
		return nil, fmt.Errorf("SSH public key %q has authorized_keys options; remove %q", abbreviate(l), strings.Join(options, ","))
	}
	if len(rest) > 0 {
		return nil, errors.New("an SSH public key must be a single line")
	}
	if key.Type() == "ssh-dss" { // x/crypto deprecates the constant for the same reason
		return nil, errors.New("ssh-dss keys are insecure and not accepted; use ssh-ed25519")
	}
	return key, nil
}

// abbreviate keeps error messages about keys readable.
func abbreviate(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:30] + "…" + s[len(s)-8:]
}
