package lease

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Exposure protocols: "http" is reverse-proxied by the node's gateway (by host name or path
// prefix), "tcp" is relayed from a port the operator's range allocates.
const (
	ProtocolHTTP = "http"
	ProtocolTCP  = "tcp"
)

// MaxExposes bounds how many ports one lease may expose, whatever a provider allows: each
// costs the gateway a route and, for tcp, a listening port.
const MaxExposes = 16

// Expose serves a port of the lease container through the node's gateway. A private
// exposure (the default) needs the lease's ingress token; a public one is open to anyone.
type Expose struct {
	Port     uint16 // container port, 1–65535
	Protocol string // ProtocolHTTP or ProtocolTCP
	Public   bool
}

// String is the flag form, e.g. "8888/http" or "5432/tcp,public".
func (e Expose) String() string {
	s := strconv.Itoa(int(e.Port)) + "/" + e.Protocol
	if e.Public {
		s += ",public"
	}
	return s
}

// ValidatePort checks a container port number.
func ValidatePort(p uint64) error {
	if p == 0 || p > 65535 {
		return fmt.Errorf("%w: port %d is not between 1 and 65535", ErrOutOfRange, p)
	}
	return nil
}

// ValidateProtocol checks an exposure's protocol.
func ValidateProtocol(p string) error {
	if p != ProtocolHTTP && p != ProtocolTCP {
		return fmt.Errorf("protocol %q is not supported: use %q or %q", p, ProtocolHTTP, ProtocolTCP)
	}
	return nil
}

// ParseExpose reads the --expose flag form "PORT[/PROTOCOL][,public]": "8888/http",
// "5432/tcp", "8080/http,public". The protocol defaults to http.
func ParseExpose(s string) (Expose, error) {
	var e Expose
	spec, opt, hasOpt := strings.Cut(s, ",")
	if hasOpt {
		if opt != "public" {
			return e, fmt.Errorf("%w: expose %q: unknown option %q; the only option is \"public\", e.g. 8888/http,public", ErrInvalidExpose, s, opt)
		}
		e.Public = true
	}
	port, proto, hasProto := strings.Cut(spec, "/")
	e.Protocol = ProtocolHTTP
	if hasProto {
		e.Protocol = proto
	}
	n, err := strconv.ParseUint(port, 10, 64)
	if err != nil || strconv.FormatUint(n, 10) != port {
		return Expose{}, fmt.Errorf("%w: expose %q: port %q is not a number; write PORT/PROTOCOL, e.g. 8888/http", ErrInvalidExpose, s, port)
	}
	if err := ValidatePort(n); err != nil {
		return Expose{}, fmt.Errorf("%w: expose %q: %w", ErrInvalidExpose, s, err)
	}
	if err := ValidateProtocol(e.Protocol); err != nil {
		return Expose{}, fmt.Errorf("%w: expose %q: %w", ErrInvalidExpose, s, err)
	}
	e.Port = uint16(n)
	return e, nil
}

// ValidateExposes checks a lease's exposures together: each valid, at most MaxExposes, and
// no port exposed twice (one port cannot speak two protocols).
func ValidateExposes(es []Expose) error {
	var errs []error
	if len(es) > MaxExposes {
		errs = append(errs, fmt.Errorf("%w: %d exposed ports, at most %d are allowed", ErrOutOfRange, len(es), MaxExposes))
	}
	seen := map[uint16]int{}
	for i, e := range es {
		if err := ValidatePort(uint64(e.Port)); err != nil {
			errs = append(errs, fmt.Errorf("expose[%d]: %w", i, err))
		}
		if err := ValidateProtocol(e.Protocol); err != nil {
			errs = append(errs, fmt.Errorf("expose[%d]: %w", i, err))
		}
		if j, dup := seen[e.Port]; dup && e.Port != 0 {
			errs = append(errs, fmt.Errorf("expose[%d]: port %d is already exposed by expose[%d]", i, e.Port, j))
			continue
		}
		seen[e.Port] = i
	}
	return errors.Join(errs...)
}
