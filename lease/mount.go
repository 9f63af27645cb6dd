package lease

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/deals/piececid"
)

// IsPieceV1 reports whether a piece CID is the legacy v1 form (baga…), whose size travels
// next to it; false for a v2 PieceCID and for anything that is not a CID.
func IsPieceV1(pieceCID string) bool {
	c, err := cid.Decode(pieceCID)
	return err == nil && piececid.IsPieceCID(c) && c.Prefix().Codec == cid.FilCommitmentUnsealed
}

// ParsePieceCID parses a v1 or v2 PieceCID with an optional padded size (0: none) and
// returns its canonical string form. A payload CID is refused with a pointer to `cid`.
func ParsePieceCID(s string, size uint64) (string, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a valid CID: %w", s, err)
	}
	if !piececid.IsPieceCID(c) {
		return "", fmt.Errorf("%s is a payload CID, not a PieceCID (baga… with a piece size, or a v2 bafkzcib…); name it as the mount's cid", s)
	}
	if _, err := piececid.FromCID(c, size); err != nil {
		return "", err
	}
	return c.String(), nil
}

// ParsePayloadCID is ParseCID for a mount's cid: a PieceCID is refused with a pointer to
// piece_cid, since the driver would look for it among CAR roots and never find it.
func ParsePayloadCID(s string) (string, error) {
	canon, err := ParseCID(s)
	if err != nil {
		return "", err
	}
	if c, _ := cid.Decode(canon); piececid.IsPieceCID(c) {
		return "", fmt.Errorf("%s is a PieceCID, not a payload CID; name it as the mount's piece_cid", s)
	}
	return canon, nil
}

// validate checks one mount's names (not its path); field errors are reported under the
// mount's field names.
func (m Mount) validate(add func(field string, err error)) {
	if m.CID == "" && m.PieceCID == "" {
		add("", errors.New("name the deal data: cid (a payload CID), piece_cid (a PieceCID), or both"))
		return
	}
	if m.CID != "" {
		if c, err := ParsePayloadCID(m.CID); err != nil {
			add("cid", err)
		} else if c != m.CID {
			// The driver advertises datasets by canonical CID; another spelling would never
			// match a node.
			add("cid", fmt.Errorf("CID %q is not in canonical form %q", m.CID, c))
		}
	}
	if m.PieceCID == "" {
		if m.PieceSize != 0 {
			add("piece_size", errors.New("only with piece_cid"))
		}
		return
	}
	if c, err := ParsePieceCID(m.PieceCID, m.PieceSize); err != nil {
		add("piece_cid", err)
	} else if c != m.PieceCID {
		add("piece_cid", fmt.Errorf("PieceCID %q is not in canonical form %q", m.PieceCID, c))
	}
}

// ParseMountFlag parses a --mnt value: NAMES:/path, where NAMES is a payload CID, a
// PieceCID, or both joined by "+"; a v1 PieceCID carries its padded size after "@"
// ("baga…@32GiB"), a v2 one may (it must agree). Which name is which is told by the CID.
func ParseMountFlag(v string) (Mount, error) {
	const form = "expected CID:/path, PIECECID[@SIZE]:/path or CID+PIECECID[@SIZE]:/path"
	names, p, ok := strings.Cut(v, ":")
	if !ok || names == "" {
		return Mount{}, fmt.Errorf("%q: %s", v, form)
	}
	m := Mount{Path: p}
	parts := strings.Split(names, "+")
	if len(parts) > 2 {
		return Mount{}, fmt.Errorf("%q: at most two names, a payload CID and a PieceCID (%s)", v, form)
	}
	for _, part := range parts {
		name, size, sized := strings.Cut(part, "@")
		c, err := cid.Decode(name)
		if err != nil {
			return Mount{}, fmt.Errorf("%q is not a valid CID: %w", name, err)
		}
		if !piececid.IsPieceCID(c) {
			if sized {
				return Mount{}, fmt.Errorf("%q: a size (@%s) goes only with a PieceCID, and %s is a payload CID", v, size, name)
			}
			if m.CID != "" {
				return Mount{}, fmt.Errorf("%q names two payload CIDs; give at most one and one PieceCID", v)
			}
			m.CID = c.String()
			continue
		}
		if m.PieceCID != "" {
			return Mount{}, fmt.Errorf("%q names two PieceCIDs; give at most one and one payload CID", v)
		}
		if sized {
			n, err := ParseSize(size)
			if err != nil {
				return Mount{}, fmt.Errorf("piece size of %s: %w", name, err)
			}
			m.PieceSize = n
		}
		if m.PieceCID, err = ParsePieceCID(name, m.PieceSize); err != nil {
			return Mount{}, err
		}
	}
	return m, nil
}
