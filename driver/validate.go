package driver

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/shaleprotocol/shale/lease"
)

// The task config speaks the lease language: every value is checked by the lease package,
// so a job the bridge generated and a job an operator wrote are held to the same rules.

func validateCID(s string) error {
	_, err := lease.ParseCID(s)
	return err
}

func validateSSHKey(s string) error {
	_, err := lease.ParseSSHKey(s)
	return err
}

// validateBandwidth is checked again here because an operator-written job skips the lease
// rules the bridge applies.
func validateBandwidth(s string) error {
	bw, err := lease.ParseSize(s)
	if err != nil {
		return err
	}
	return lease.ValidateBandwidth(bw)
}

// parseDisk reads a positive, bounded disk size.
func parseDisk(s string) (uint64, error) {
	n, err := lease.ParseSize(s)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, fmt.Errorf("%q: must be positive", s)
	}
	return n, lease.ValidateDisk(n)
}

func validatePrice(s string) error {
	p, err := lease.ParsePrice(s)
	if err != nil {
		return err
	}
	return p.Validate()
}

func validateLeaseID(s string) error {
	_, err := lease.ParseLeaseID(s)
	return err
}

func validateAmount(s string) error {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Sign() < 0 {
		return fmt.Errorf("%q: want a non-negative integer amount of attoFIL", s)
	}
	return nil
}

// validateContainerPath adds, to the lease rules for mount paths, the paths the driver owns.
func validateContainerPath(p string) error {
	if err := lease.ValidateMountPath(p); err != nil {
		return err
	}
	for _, reserved := range []string{"/proc", "/sys", "/dev", "/local", "/secrets", "/alloc", initDir} {
		if p == reserved || strings.HasPrefix(p, reserved+"/") {
			return fmt.Errorf("mount path %q is reserved (%s)", p, reserved)
		}
	}
	return nil
}

func sortStrings(s []string) { sort.Strings(s) }
