package wire

import (
	"encoding/json"
	"errors"
	"fmt"
)

// ExposeInfoRequest is the SSH global request with which a lease's client asks the gateway
// for its exposed ports' addresses and token; the reply's payload is ExposeInfo as JSON.
const ExposeInfoRequest = "expose-info@shale"

// MaxExposeInfo bounds an ExposeInfo reply: 16 exposures with their URLs fit many times.
const MaxExposeInfo = 16 << 10

// ErrExposeInfo marks a malformed expose-info reply.
var ErrExposeInfo = errors.New("wire: malformed expose-info reply")

// ExposeInfo is what a lease's exposures are reachable at. Token authenticates to the
// private ones (as "Authorization: Bearer TOKEN", or ?shale_token=TOKEN once in a browser).
type ExposeInfo struct {
	Token   string           `json:"token"`
	Exposes []ExposeEndpoint `json:"exposes"`
}

// ExposeEndpoint is one exposed port. URL is "http(s)://…/" for http; "tcp://host:port" for
// a public tcp port; "" for a private tcp port, reachable only through SSH forwarding.
type ExposeEndpoint struct {
	Port     uint16 `json:"port"`
	Protocol string `json:"protocol"`
	Public   bool   `json:"public"`
	URL      string `json:"url"`
}

// Encode is the reply payload.
func (e ExposeInfo) Encode() []byte {
	b, _ := json.Marshal(e) // strings, numbers and bools only: cannot fail
	return b
}

// ParseExposeInfo decodes a reply payload, bounded by MaxExposeInfo.
func ParseExposeInfo(b []byte) (ExposeInfo, error) {
	var e ExposeInfo
	if len(b) > MaxExposeInfo {
		return e, fmt.Errorf("%w: %d bytes, at most %d", ErrExposeInfo, len(b), MaxExposeInfo)
	}
	if err := json.Unmarshal(b, &e); err != nil {
		return ExposeInfo{}, fmt.Errorf("%w: %w", ErrExposeInfo, err)
	}
	return e, nil
}
