package lease

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Upper bounds on what a lease may ask for. They sit far above any real node so no honest
// lease meets them, and far below where arithmetic on them (Nomad's int MHz and MB, a token
// bucket's burst, seconds × price) could overflow or stall.
const (
	MaxCPU         MilliCPUs = 4096 * 1000 // 4096 cores
	MaxMemory                = 64 << 40    // 64 TiB
	MaxDisk                  = 1 << 50     // 1 PiB
	MaxGPUs                  = 64
	MaxBandwidth             = 100 << 30 // 100 GiB/s, beyond any NIC a provider has
	MaxDuration              = 366 * 24 * time.Hour
	MaxGPUModelLen           = 128
	MaxMounts                = 64
	MaxSSHKeys               = 64
	MaxArgs                  = 1024
	MaxArgLen                = 64 << 10 // per command or argument, as Linux's MAX_ARG_STRLEN will not go past 128 KiB
)

// ErrOutOfRange marks a number that parses but is beyond what a lease may ask for.
var ErrOutOfRange = errors.New("out of range")

// ValidateCPU bounds a CPU amount: positive and at most MaxCPU.
func ValidateCPU(c MilliCPUs) error {
	switch {
	case c == 0:
		return errors.New("cpus must be positive")
	case c > MaxCPU:
		return fmt.Errorf("%w: cpus %s is over the maximum of %s", ErrOutOfRange, c, MaxCPU)
	}
	return nil
}

// ValidateMemory bounds a memory size: at least MinMemory, at most MaxMemory.
func ValidateMemory(m uint64) error {
	switch {
	case m == 0:
		return errors.New("memory must be positive")
	case m < MinMemory:
		return fmt.Errorf("memory %s is below the %s minimum", FormatSize(m), FormatSize(MinMemory))
	case m > MaxMemory:
		return fmt.Errorf("%w: memory %s is over the maximum of %s", ErrOutOfRange, FormatSize(m), FormatSize(MaxMemory))
	}
	return nil
}

// ValidateDisk bounds an ephemeral disk size (0 = the provider's default).
func ValidateDisk(d uint64) error {
	if d > MaxDisk {
		return fmt.Errorf("%w: disk %s is over the maximum of %s", ErrOutOfRange, FormatSize(d), FormatSize(MaxDisk))
	}
	return nil
}

// ValidateGPUs bounds a GPU count.
func ValidateGPUs(n uint64) error {
	if n > MaxGPUs {
		return fmt.Errorf("%w: gpus %d is over the maximum of %d", ErrOutOfRange, n, MaxGPUs)
	}
	return nil
}

// ValidateGPUModel allows printable text of bounded length; the model becomes a Nomad
// constraint target, so template openers are refused too.
func ValidateGPUModel(m string) error {
	switch {
	case len(m) > MaxGPUModelLen:
		return fmt.Errorf("%w: gpu_model is %d bytes long, at most %d are allowed", ErrOutOfRange, len(m), MaxGPUModelLen)
	case strings.ContainsFunc(m, func(r rune) bool { return !unicode.IsPrint(r) }):
		return fmt.Errorf("gpu_model %q has control characters", m)
	case strings.Contains(m, "${") || strings.Contains(m, "%{"):
		return fmt.Errorf("gpu_model %q must not contain \"${\" or \"%%{\"", m)
	}
	return nil
}

// ValidateBandwidth bounds a bandwidth cap in bytes per second (0 = unlimited).
func ValidateBandwidth(bw uint64) error {
	if bw > MaxBandwidth {
		return fmt.Errorf("%w: bandwidth %s/s is over the maximum of %s/s; leave it out for no cap", ErrOutOfRange, FormatSize(bw), FormatSize(MaxBandwidth))
	}
	return nil
}

// ValidateLeaseDuration bounds a lease's duration, prepay or grace.
func ValidateLeaseDuration(d time.Duration) error {
	if d > MaxDuration {
		return fmt.Errorf("%w: %s is over the maximum of %s (366 days)", ErrOutOfRange, d, MaxDuration)
	}
	return nil
}

// ValidateCommand bounds the command line a lease runs.
func ValidateCommand(cmd string, args []string) error {
	if len(args) > MaxArgs {
		return fmt.Errorf("%w: %d args, at most %d are allowed", ErrOutOfRange, len(args), MaxArgs)
	}
	for i, a := range append([]string{cmd}, args...) {
		if len(a) > MaxArgLen {
			name := "command"
			if i > 0 {
				name = fmt.Sprintf("args[%d]", i-1)
			}
			return fmt.Errorf("%w: %s is %d bytes long, at most %d are allowed", ErrOutOfRange, name, len(a), MaxArgLen)
		}
		if strings.ContainsRune(a, 0) {
			return errors.New("command and args must not contain NUL bytes")
		}
	}
	return nil
}
