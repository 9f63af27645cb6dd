package gateway

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/shaleprotocol/shale/lease"
)

// leaseState is a registered lease with its live connections, byte counters and the token
// bucket every byte of its gateway traffic passes through.
type leaseState struct {
	g       *Server
	lease   Lease
	id      string
	keys    [][]byte
	limiter *rate.Limiter

	bytesIn  atomic.Uint64 // client → container
	bytesOut atomic.Uint64 // container → client

	pay *payments // nil for a free lease

	ctx    context.Context // ends when the lease is closed; stops its monitor
	cancel context.CancelFunc

	mu       sync.Mutex
	conns    map[ssh.Conn]context.CancelFunc
	sessions map[*session]struct{}
	closed   bool
}

// chunk is the largest single write; with a cap the burst is at least this so WaitN never
// asks for more tokens than the bucket holds.
const chunk = 32 << 10

// maxBurst bounds the bucket: a burst is an int, and a cap near 2⁶⁴ converted unchecked
// would be negative and make wait loop forever without sleeping.
const maxBurst = 1 << 30

func newLeaseState(g *Server, l Lease) *leaseState {
	keys := make([][]byte, len(l.Keys))
	for i, k := range l.Keys {
		keys[i] = k.Marshal()
	}
	lim := rate.NewLimiter(rate.Inf, chunk)
	if l.Bandwidth > 0 {
		// A burst of one second (at least one chunk) keeps the long-run average at the cap
		// while allowing whole SSH packets through.
		lim = rate.NewLimiter(rate.Limit(l.Bandwidth), int(min(max(l.Bandwidth, chunk), maxBurst)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &leaseState{g: g, lease: l, id: l.ID.String(), keys: keys, limiter: lim, ctx: ctx, cancel: cancel,
		conns: map[ssh.Conn]context.CancelFunc{}, sessions: map[*session]struct{}{}}
}

// Elapsed is the metered lease time: from container start, in whole seconds as Price.Cost uses.
func (ls *leaseState) elapsed(now time.Time) time.Duration {
	d := now.Sub(ls.lease.StartedAt)
	if d < 0 {
		return 0
	}
	return d.Truncate(time.Second)
}

func (ls *leaseState) isClosed() bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.closed
}

// refuseNew makes the lease refuse new connections and payment channels while a stop
// delivers its last notices to the ones already open.
func (ls *leaseState) refuseNew() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.closed = true
}

func (ls *leaseState) addConn(c ssh.Conn, cancel context.CancelFunc) bool {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.closed {
		return false
	}
	ls.conns[c] = cancel
	ls.g.metrics.connections.Inc()
	return true
}

func (ls *leaseState) removeConn(c ssh.Conn) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if _, ok := ls.conns[c]; ok {
		delete(ls.conns, c)
		ls.g.metrics.connections.Dec()
	}
}

// close ends every connection of the lease and its monitor, and refuses new connections.
func (ls *leaseState) close() {
	ls.cancel()
	ls.mu.Lock()
	ls.closed = true
	cancels := make([]context.CancelFunc, 0, len(ls.conns))
	for _, c := range ls.conns {
		cancels = append(cancels, c)
	}
	ls.mu.Unlock()
	for _, c := range cancels {
		c()
	}
	if ls.pay != nil {
		ls.pay.mu.Lock()
		_ = ls.pay.log.close()
		ls.pay.mu.Unlock()
	}
}

// addSession and removeSession track running sessions so notices reach their stderr.
func (ls *leaseState) addSession(s *session) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.sessions[s] = struct{}{}
}

func (ls *leaseState) removeSession(s *session) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	delete(ls.sessions, s)
}

// notifySessions writes msg on every running session's stderr, each from its own goroutine
// so that a session nobody reads delays no one; the returned channel closes once every
// write finished. A write stuck on an unread session ends when its connection closes.
func (ls *leaseState) notifySessions(msg string) chan struct{} {
	ls.mu.Lock()
	list := make([]*session, 0, len(ls.sessions))
	for s := range ls.sessions {
		list = append(list, s)
	}
	ls.mu.Unlock()
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, s := range list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = io.WriteString(s.ch.Channel.Stderr(), "\r\n"+msg+"\r\n")
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// Usage is a lease's metered consumption so far.
type Usage struct {
	Elapsed  time.Duration
	BytesIn  uint64 // client → container
	BytesOut uint64 // container → client
}

// Usage reports the metered time and bytes of a registered lease. Payment-channel bytes are
// neither counted nor capped: a bandwidth cap must never starve the lease's own payments.
func (g *Server) Usage(id lease.LeaseID) (Usage, bool) {
	ls := g.lookup(id.String())
	if ls == nil {
		return Usage{}, false
	}
	return Usage{Elapsed: ls.elapsed(time.Now()), BytesIn: ls.bytesIn.Load(), BytesOut: ls.bytesOut.Load()}, true
}

// wait takes n tokens from the lease's bucket, in pieces the bucket can hold.
func (ls *leaseState) wait(ctx context.Context, n int) error {
	if ls.limiter.Limit() == rate.Inf {
		return nil
	}
	for n > 0 {
		k := min(n, ls.limiter.Burst())
		if err := ls.limiter.WaitN(ctx, k); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

// meteredChannel counts and rate-limits a channel's data in both directions, stderr included.
type meteredChannel struct {
	ssh.Channel
	ctx context.Context
	ls  *leaseState
}

func (ls *leaseState) meter(ctx context.Context, ch ssh.Channel) *meteredChannel {
	return &meteredChannel{Channel: ch, ctx: ctx, ls: ls}
}

func (m *meteredChannel) Read(p []byte) (int, error) {
	if m.ls.g.cfg.Unmetered {
		return m.Channel.Read(p)
	}
	return m.ls.read(m.ctx, m.Channel, p)
}

func (m *meteredChannel) Write(p []byte) (int, error) {
	if m.ls.g.cfg.Unmetered {
		return m.Channel.Write(p)
	}
	return m.ls.write(m.ctx, m.Channel, p)
}

func (m *meteredChannel) Stderr() io.ReadWriter {
	if m.ls.g.cfg.Unmetered {
		return m.Channel.Stderr()
	}
	return meteredStream{rw: m.Channel.Stderr(), ctx: m.ctx, ls: m.ls}
}

type meteredStream struct {
	rw  io.ReadWriter
	ctx context.Context
	ls  *leaseState
}

func (s meteredStream) Read(p []byte) (int, error)  { return s.ls.read(s.ctx, s.rw, p) }
func (s meteredStream) Write(p []byte) (int, error) { return s.ls.write(s.ctx, s.rw, p) }

func (ls *leaseState) read(ctx context.Context, r io.Reader, p []byte) (int, error) {
	// Taking tokens before reading bounds what the client can push: SSH flow control then
	// stops the sender once the channel window is full.
	if len(p) > chunk {
		p = p[:chunk]
	}
	n, err := r.Read(p)
	if n > 0 {
		ls.bytesIn.Add(uint64(n))
		ls.g.metrics.bytesIn.Add(float64(n))
		if werr := ls.wait(ctx, n); werr != nil && err == nil {
			err = werr
		}
	}
	return n, err
}

func (ls *leaseState) write(ctx context.Context, w io.Writer, p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		k := min(len(p), chunk)
		if err := ls.wait(ctx, k); err != nil {
			return written, err
		}
		n, err := w.Write(p[:k])
		written += n
		ls.bytesOut.Add(uint64(n))
		ls.g.metrics.bytesOut.Add(float64(n))
		if err != nil {
			return written, err
		}
		p = p[k:]
	}
	return written, nil
}
