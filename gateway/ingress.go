package gateway

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"golang.org/x/time/rate"

	"github.com/shaleprotocol/shale/lease"
)

// Defaults applied to zero IngressConfig fields.
const (
	DefaultIngressReadHeaderTimeout = 10 * time.Second
	DefaultIngressIdleTimeout       = time.Minute
	DefaultIngressMaxHeaderBytes    = 16 << 10
	DefaultIngressMaxConnsPerSource = 64
	DefaultIngressMaxConns          = 1024
)

// Bounds on the operator's ingress settings, so a typo cannot disable a defence.
const (
	maxIngressTimeout     = time.Hour
	maxIngressHeaderBytes = 1 << 20
	maxIngressConns       = 1 << 16
)

// IngressTokenHeader, IngressTokenCookie and IngressTokenParam are where a client presents a
// private exposure's token (an "Authorization: Bearer" header works too). The query
// parameter is for browsers: it is turned into the cookie and stripped by a redirect.
const (
	IngressTokenHeader = "X-Shale-Token"
	IngressTokenCookie = "shale_token"
	IngressTokenParam  = "shale_token"
)

// IngressPathPrefix starts every path-routed URL: /l/<lease short id>/<port>/….
const IngressPathPrefix = "/l/"

// ErrIngressConfig means an IngressConfig value is out of its bounds.
var ErrIngressConfig = errors.New("gateway: ingress config")

// IngressConfig configures the HTTP ingress in front of the leases' exposed ports.
type IngressConfig struct {
	ListenAddr string
	// Domain, when set, routes <lease short id>[-<port>].<Domain> to the lease; path routing
	// (/l/<lease short id>/<port>/) works with or without it.
	Domain string
	// AdvertiseURL is the scheme and authority clients reach the ingress at, e.g.
	// "https://leases.example.org" or "http://203.0.113.5:8080"; empty means http:// and the
	// bound address. With Domain, host-routed URLs keep its scheme and port.
	AdvertiseURL string
	// CertFile and KeyFile, when both set, serve TLS (the provider's wildcard certificate
	// for *.Domain).
	CertFile, KeyFile string
	// ReadHeaderTimeout bounds how long a client may take to send a request's headers
	// (slowloris); IdleTimeout closes keep-alive connections left unused.
	ReadHeaderTimeout time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
	// MaxConnsPerSource bounds open connections per source IP, MaxConns over all sources:
	// past either a new connection gets 429 and is closed at once.
	MaxConnsPerSource int
	MaxConns          int
	// TCPPortFirst and TCPPortLast are the range public tcp exposures get ports from, on
	// ListenAddr's host; zero serves none (private tcp ports are reached through SSH).
	TCPPortFirst, TCPPortLast int
}

func (c *IngressConfig) withDefaults() error {
	for _, d := range []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{{"read_header_timeout", &c.ReadHeaderTimeout, DefaultIngressReadHeaderTimeout}, {"idle_timeout", &c.IdleTimeout, DefaultIngressIdleTimeout}} {
		switch {
		case *d.v == 0:
			*d.v = d.def
		case *d.v < 0 || *d.v > maxIngressTimeout:
			return fmt.Errorf("%w: %s %s: want a positive duration of at most %s", ErrIngressConfig, d.name, *d.v, maxIngressTimeout)
		}
	}
	for _, n := range []struct {
		name     string
		v        *int
		def, max int
	}{
		{"max_header_bytes", &c.MaxHeaderBytes, DefaultIngressMaxHeaderBytes, maxIngressHeaderBytes},
		{"max_conns_per_source", &c.MaxConnsPerSource, DefaultIngressMaxConnsPerSource, maxIngressConns},
		{"max_conns", &c.MaxConns, DefaultIngressMaxConns, maxIngressConns},
	} {
		switch {
		case *n.v == 0:
			*n.v = n.def
		case *n.v < 0 || *n.v > n.max:
			return fmt.Errorf("%w: %s %d: want a number between 1 and %d", ErrIngressConfig, n.name, *n.v, n.max)
		}
	}
	if err := c.validateTCP(); err != nil {
		return err
	}
	if (c.CertFile == "") != (c.KeyFile == "") {
		return fmt.Errorf("%w: cert_file and key_file go together", ErrIngressConfig)
	}
	if c.AdvertiseURL != "" {
		u, err := url.Parse(c.AdvertiseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
			return fmt.Errorf("%w: advertise_url %q: want a scheme and host only, e.g. https://leases.example.org", ErrIngressConfig, c.AdvertiseURL)
		}
		c.AdvertiseURL = u.Scheme + "://" + u.Host
	}
	c.Domain = strings.ToLower(strings.TrimSuffix(c.Domain, "."))
	if c.Domain != "" && strings.ContainsAny(c.Domain, "/:*") {
		return fmt.Errorf("%w: domain %q: want a bare DNS name such as leases.example.org", ErrIngressConfig, c.Domain)
	}
	return nil
}

// Ingress serves the HTTP exposures of the leases a Server has registered. Every byte to
// and from a container passes the lease's meter and bandwidth cap; a private exposure is
// not contacted before the request shows the lease's token.
type Ingress struct {
	g   *Server
	cfg IngressConfig
	ln  net.Listener
	srv *http.Server

	mu       sync.Mutex
	backends map[*leaseState]*backend

	tcp tcpPorts

	tokens sync.Map // *leaseState → its token, computed once: signing per request costs
}

// token is IngressToken for a registered lease, cached until the lease closes.
func (in *Ingress) token(ls *leaseState) string {
	if t, ok := in.tokens.Load(ls); ok {
		return t.(string)
	}
	t := in.g.IngressToken(ls.lease.ID)
	if _, loaded := in.tokens.LoadOrStore(ls, t); !loaded {
		context.AfterFunc(ls.ctx, func() { in.tokens.Delete(ls) })
	}
	return t
}

// backend is one lease's route into its container: the resolved address and a transport
// whose connections are metered against that lease only.
type backend struct {
	ip string
	tr *http.Transport
}

// NewIngress binds the ingress's listen address; Serve serves it.
func NewIngress(g *Server, cfg IngressConfig) (*Ingress, error) {
	if err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		return nil, fmt.Errorf("gateway: ingress: listen on %s: %w", cfg.ListenAddr, err)
	}
	in := &Ingress{g: g, cfg: cfg, backends: map[*leaseState]*backend{},
		tcp: tcpPorts{used: map[int]tcpKey{}, byKey: map[tcpKey]int{}}}
	if in.cfg.AdvertiseURL == "" {
		scheme := "http://"
		if cfg.CertFile != "" {
			scheme = "https://"
		}
		in.cfg.AdvertiseURL = scheme + ln.Addr().String()
	}
	in.ln = newLimitListener(ln, cfg.MaxConnsPerSource, cfg.MaxConns, g, tooMany)
	in.srv = &http.Server{
		Handler:           in,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    cfg.MaxHeaderBytes,
		ErrorLog:          g.log.Named("ingress").StandardLogger(&hclog.StandardLoggerOptions{InferLevels: true}),
	}
	g.ingress.Store(in)
	return in, nil
}

// Addr is the bound listen address.
func (in *Ingress) Addr() net.Addr { return in.ln.Addr() }

// Serve serves until ctx ends, then closes every connection, upgraded ones included.
func (in *Ingress) Serve(ctx context.Context) error {
	// Requests derive from ctx, so upgraded (WebSocket) connections, which srv.Close does not
	// know about, end with the ingress too.
	in.srv.BaseContext = func(net.Listener) context.Context { return ctx }
	stop := context.AfterFunc(ctx, func() { _ = in.srv.Close() })
	defer stop()
	tcpCtx, cancelTCP := context.WithCancel(ctx)
	var tcp sync.WaitGroup
	tcp.Add(1)
	go func() {
		defer tcp.Done()
		in.serveTCP(tcpCtx, &tcp)
	}()
	defer func() {
		cancelTCP()
		tcp.Wait()
	}()
	var err error
	if in.cfg.CertFile != "" {
		err = in.srv.ServeTLS(in.ln, in.cfg.CertFile, in.cfg.KeyFile)
	} else {
		err = in.srv.Serve(in.ln)
	}
	in.mu.Lock()
	for ls, b := range in.backends {
		b.tr.CloseIdleConnections()
		delete(in.backends, ls)
	}
	in.mu.Unlock()
	if errors.Is(err, http.ErrServerClosed) && ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("gateway: ingress: %w", err)
}

// IngressToken is the token a private exposure of lease id needs. It is the host key's
// (deterministic ed25519) signature of the lease id, hashed: stable across plugin restarts
// and across the provider's nodes, which share the host key, and unforgeable without it.
func (g *Server) IngressToken(id lease.LeaseID) string {
	sig, err := g.hostKey.Sign(nil, []byte("shale ingress token v1\x00"+id.String()))
	if err != nil {
		// ed25519 signing does not fail; an unusable token must still never match.
		return ""
	}
	sum := sha256.Sum256(sig.Blob)
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// LeaseShort is the lease's name in ingress host names and paths: the first 10 bytes of the
// order id in hex, short enough for a DNS label with a port after it.
func LeaseShort(id lease.LeaseID) string {
	const hexdigits = "0123456789abcdef"
	var b [20]byte
	for i, c := range id.Order[:10] {
		b[2*i], b[2*i+1] = hexdigits[c>>4], hexdigits[c&15]
	}
	return string(b[:])
}

// lookupShort finds a registered lease by its short id.
func (g *Server) lookupShort(short string) *leaseState {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, ls := range g.leases {
		if LeaseShort(ls.lease.ID) == short {
			return ls
		}
	}
	return nil
}

// route is what a request addresses: a lease, one of its ports, and the path prefix the
// ingress removes before the container sees the path ("" when routed by host name).
type route struct {
	short  string
	port   uint16
	hasPt  bool
	prefix string
	path   string
}

func (in *Ingress) route(r *http.Request) (route, bool) {
	if p, ok := strings.CutPrefix(r.URL.Path, IngressPathPrefix); ok {
		short, rest, _ := strings.Cut(p, "/")
		port, rest, _ := strings.Cut(rest, "/")
		n, err := strconv.ParseUint(port, 10, 16)
		if short == "" || err != nil || n == 0 {
			return route{}, false
		}
		return route{short: short, port: uint16(n), hasPt: true, prefix: IngressPathPrefix + short + "/" + port, path: "/" + rest}, true
	}
	if in.cfg.Domain == "" {
		return route{}, false
	}
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	label, ok := strings.CutSuffix(host, "."+in.cfg.Domain)
	if !ok || label == "" || strings.Contains(label, ".") {
		return route{}, false
	}
	rt := route{short: label, path: r.URL.Path}
	if short, port, ok := strings.Cut(label, "-"); ok {
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil || n == 0 {
			return route{}, false
		}
		rt.short, rt.port, rt.hasPt = short, uint16(n), true
	}
	return rt, true
}

// ServeHTTP refuses what it can before the container is contacted: unknown routes (404),
// ended leases (410), missing tokens (401), leases behind on payment (402).
func (in *Ingress) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, ok := in.route(r)
	if !ok {
		http.Error(w, "shale ingress: no lease here; exposed ports are served at "+IngressPathPrefix+"<lease>/<port>/ (see `shale leases`)", http.StatusNotFound)
		return
	}
	ls := in.g.lookupShort(rt.short)
	if ls == nil || ls.isClosed() {
		// Leases are forgotten when they end, so "ended" and "never existed" look the same.
		http.Error(w, "shale ingress: lease "+rt.short+" is not running (it ended, or never existed)", http.StatusGone)
		return
	}
	exp, ok := pickExpose(ls.lease.Exposes, rt)
	if !ok {
		what := "no http port"
		if rt.hasPt {
			what = "port " + strconv.Itoa(int(rt.port)) + " is not"
		}
		http.Error(w, "shale ingress: "+what+" exposed over http by lease "+rt.short, http.StatusNotFound)
		return
	}
	if !exp.Public {
		switch in.authorize(w, r, ls, rt) {
		case authDenied:
			w.Header().Set("WWW-Authenticate", `Bearer realm="shale lease `+rt.short+`"`)
			http.Error(w, "shale ingress: this exposure is private: send the lease's token (`shale leases` shows it) as "+
				"\"Authorization: Bearer TOKEN\", the "+IngressTokenHeader+" header, or ?"+IngressTokenParam+"=TOKEN once in a browser", http.StatusUnauthorized)
			return
		case authRedirected:
			return
		}
	}
	if paid, due, behind := in.arrears(ls); behind {
		http.Error(w, fmt.Sprintf("shale ingress: lease %s is behind on payment (paid %s of %s attoFIL due); it is served again once paid",
			rt.short, paid, due), http.StatusPaymentRequired)
		return
	}
	b, err := in.backend(r.Context(), ls)
	if err != nil {
		http.Error(w, "shale ingress: "+err.Error(), http.StatusBadGateway)
		return
	}
	// The request ends when the lease does, upgraded (WebSocket) connections included.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(ls.ctx, cancel)
	defer stop()
	target := net.JoinHostPort(b.ip, strconv.Itoa(int(exp.Port)))
	proxy := &httputil.ReverseProxy{
		Transport:  b.tr,
		BufferPool: copyBuffers,
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme = "http"
			pr.Out.URL.Host = target
			pr.Out.URL.Path, pr.Out.URL.RawPath = rt.path, ""
			pr.Out.Host = r.Host
			pr.SetXForwarded()
			if rt.prefix != "" {
				pr.Out.Header.Set("X-Forwarded-Prefix", rt.prefix)
			}
			stripToken(pr.Out)
		},
		ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
			code := http.StatusBadGateway
			if ls.ctx.Err() != nil {
				code = http.StatusGone
			}
			in.g.log.Debug("ingress upstream failed", "lease", ls.id, "port", exp.Port, "error", err)
			http.Error(w, fmt.Sprintf("shale ingress: port %d of the lease container did not answer", exp.Port), code)
		},
	}
	proxy.ServeHTTP(w, r.WithContext(ctx))
}

// pickExpose finds the http exposure a route names; a host name without a port means the
// lease's only http exposure.
func pickExpose(es []lease.Expose, rt route) (lease.Expose, bool) {
	var found []lease.Expose
	for _, e := range es {
		if e.Protocol == lease.ProtocolHTTP && (!rt.hasPt || e.Port == rt.port) {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		return lease.Expose{}, false
	}
	return found[0], true
}

type authResult int

const (
	authOK authResult = iota
	authDenied
	authRedirected
)

// authorize checks the request's token in constant time. A token in the query string is
// moved into a cookie by a redirect, so it leaves the address bar and the app's logs.
func (in *Ingress) authorize(w http.ResponseWriter, r *http.Request, ls *leaseState, rt route) authResult {
	want := in.token(ls)
	match := func(got string) bool {
		return got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
	}
	if q := r.URL.Query(); q.Has(IngressTokenParam) {
		if !match(q.Get(IngressTokenParam)) {
			return authDenied
		}
		path := "/"
		if rt.prefix != "" {
			path = IngressPathPrefix + rt.short + "/"
		}
		http.SetCookie(w, &http.Cookie{Name: IngressTokenCookie, Value: want, Path: path, HttpOnly: true,
			Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
		q.Del(IngressTokenParam)
		u := *r.URL
		u.RawQuery = q.Encode()
		http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
		return authRedirected
	}
	if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && match(bearer) {
		return authOK
	}
	if match(r.Header.Get(IngressTokenHeader)) {
		return authOK
	}
	for _, c := range r.Cookies() {
		if c.Name == IngressTokenCookie && match(c.Value) {
			return authOK
		}
	}
	return authDenied
}

// stripToken keeps the ingress token from the container: it authenticates to the gateway,
// not to the app.
func stripToken(out *http.Request) {
	out.Header.Del(IngressTokenHeader)
	if strings.HasPrefix(out.Header.Get("Authorization"), "Bearer ") {
		out.Header.Del("Authorization")
	}
	if cs := out.Cookies(); len(cs) > 0 {
		out.Header.Del("Cookie")
		for _, c := range cs {
			if c.Name != IngressTokenCookie {
				out.AddCookie(c)
			}
		}
	}
	if q := out.URL.Query(); q.Has(IngressTokenParam) {
		q.Del(IngressTokenParam)
		out.URL.RawQuery = q.Encode()
	}
}

// arrears reports whether a priced lease's payments are behind the time it has run.
func (in *Ingress) arrears(ls *leaseState) (paid, due *big.Int, behind bool) {
	if ls.pay == nil || in.g.cfg.Unmetered {
		return nil, nil, false
	}
	paid = ls.pay.paid()
	due = ls.pay.due(ls.elapsed(time.Now()))
	return paid, due, paid.Cmp(due) < 0
}

// backend returns the lease's route into its container, resolving the container's address
// once; it is dropped when the lease closes.
func (in *Ingress) backend(ctx context.Context, ls *leaseState) (*backend, error) {
	in.mu.Lock()
	b := in.backends[ls]
	in.mu.Unlock()
	if b != nil {
		return b, nil
	}
	ip, err := in.g.containerIP(ctx, ls, "localhost")
	if err != nil {
		return nil, err
	}
	b = &backend{ip: ip}
	b.tr = &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, network, addr)
			if err != nil || in.g.cfg.Unmetered {
				return c, err
			}
			return &meteredConn{Conn: c, ls: ls}, nil
		},
		MaxIdleConnsPerHost:   32,
		ReadBufferSize:        copyBufferSize,
		WriteBufferSize:       copyBufferSize,
		IdleConnTimeout:       in.cfg.IdleTimeout,
		ResponseHeaderTimeout: 0, // long polls and slow notebooks are the app's business
		DisableCompression:    true,
	}
	in.mu.Lock()
	if old := in.backends[ls]; old != nil {
		in.mu.Unlock()
		b.tr.CloseIdleConnections()
		return old, nil
	}
	in.backends[ls] = b
	in.mu.Unlock()
	context.AfterFunc(ls.ctx, func() {
		in.mu.Lock()
		delete(in.backends, ls)
		in.mu.Unlock()
		b.tr.CloseIdleConnections()
	})
	return b, nil
}

// copyBufferSize is the proxy's copy buffer: large bodies move in few system calls.
const copyBufferSize = 256 << 10

// copyBuffers recycles the proxy's copy buffers across requests.
var copyBuffers = &bufferPool{sync.Pool{New: func() any { return make([]byte, copyBufferSize) }}}

type bufferPool struct{ p sync.Pool }

func (b *bufferPool) Get() []byte { return b.p.Get().([]byte) }
func (b *bufferPool) Put(x []byte) {
	//lint:ignore SA6002 httputil.BufferPool hands back slices; boxing one header per request is nothing beside the 256 KiB it recycles
	b.p.Put(x)
}

// meteredConn counts and caps a container connection's bytes as the lease's SSH channels
// are: what the container writes goes out to the client, what it reads came in from it.
type meteredConn struct {
	net.Conn
	ls *leaseState
}

func (c *meteredConn) Read(p []byte) (int, error) {
	// Under a cap, read no more than the bucket holds, so bytes wait for tokens in the
	// container's socket rather than in the proxy's buffer.
	if c.ls.limiter.Limit() != rate.Inf && len(p) > c.ls.limiter.Burst() {
		p = p[:c.ls.limiter.Burst()]
	}
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.ls.bytesOut.Add(uint64(n))
		c.ls.g.metrics.bytesOut.Add(float64(n))
		if werr := c.ls.wait(c.ls.ctx, n); werr != nil && err == nil {
			err = werr
		}
	}
	return n, err
}

func (c *meteredConn) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		k := min(len(p), chunk)
		if err := c.ls.wait(c.ls.ctx, k); err != nil {
			return written, err
		}
		n, err := c.Conn.Write(p[:k])
		written += n
		c.ls.bytesIn.Add(uint64(n))
		c.ls.g.metrics.bytesIn.Add(float64(n))
		if err != nil {
			return written, err
		}
		p = p[k:]
	}
	return written, nil
}
