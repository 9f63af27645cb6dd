package driver

import (
	"fmt"
	"math/big"
	"regexp"
	"sort"

	"github.com/ipfs/go-cid"
	"golang.org/x/crypto/ssh"
)

func validateCID(s string) error {
	if _, err := cid.Decode(s); err != nil {
		return fmt.Errorf("%q is not a valid CID: %v", s, err)
	}
	return nil
}

func validateSSHKey(s string) error {
	if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(s)); err != nil {
		return fmt.Errorf("not an SSH public key in authorized_keys form: %v", err)
	}
	return nil
}

var (
	sizePattern  = regexp.MustCompile(`^[0-9]+([KMGT]i?B?|B)?$`)
	pricePattern = regexp.MustCompile(`^[0-9]+attofil/[1-9][0-9]*s$`)
)

func validateSize(s string) error {
	if !sizePattern.MatchString(s) {
		return fmt.Errorf("%q: want bytes per second such as \"1Mi\" or \"512K\"", s)
	}
	return nil
}

func validatePrice(s string) error {
	if !pricePattern.MatchString(s) {
		return fmt.Errorf("%q: want <attoFIL>attofil/<seconds>s, e.g. \"10000000000000000attofil/60s\"", s)
	}
	return nil
}

func validateAmount(s string) error {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Sign() < 0 {
		return fmt.Errorf("%q: want a non-negative integer amount of attoFIL", s)
	}
	return nil
}

func sortStrings(s []string) { sort.Strings(s) }
