package tunnel

import (
	"context"
	"errors"
	"fmt"

	"github.com/shaleprotocol/shale/wire"
)

// ErrNoExposeInfo means the gateway refused expose-info: it predates exposed ports.
var ErrNoExposeInfo = errors.New("tunnel: the gateway does not answer expose-info (it predates exposed ports)")

// ExposeInfo asks the gateway where the lease's exposed ports are served and for the token
// of the private ones.
func (c *Client) ExposeInfo(ctx context.Context) (wire.ExposeInfo, error) {
	type reply struct {
		ok   bool
		body []byte
		err  error
	}
	done := make(chan reply, 1)
	go func() {
		ok, body, err := c.conn.SendRequest(wire.ExposeInfoRequest, true, nil)
		done <- reply{ok, body, err}
	}()
	select {
	case <-ctx.Done():
		// The request goroutine ends when the caller closes the client.
		return wire.ExposeInfo{}, ctx.Err()
	case r := <-done:
		switch {
		case r.err != nil:
			return wire.ExposeInfo{}, fmt.Errorf("tunnel: expose-info: %w", r.err)
		case !r.ok:
			return wire.ExposeInfo{}, ErrNoExposeInfo
		}
		return wire.ParseExposeInfo(r.body)
	}
}
