package deals

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/net/netutil"
)

// PieceHandler serves the car store's files as pieces, FRC-0066 style: GET and HEAD
// /piece/{pieceCid} with Range support, for a v2 PieceCID or a v1 one (whose size is then the
// smallest piece holding the file). Another node's Store can use it as its PieceURL.
func (s *Store) PieceHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/piece/{cid}", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		s.servePiece(w, r, r.PathValue("cid"))
	})
	return mux
}

func (s *Store) servePiece(w http.ResponseWriter, r *http.Request, raw string) {
	if s.cars == nil {
		http.Error(w, "this node has no car store", http.StatusNotFound)
		return
	}
	p, err := ParsePiece(raw, 0)
	v1Only := err != nil && errors.Is(err, ErrBadPieceCID) && strings.HasPrefix(raw, "baga")
	if err != nil && !v1Only {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if v1Only {
		// A v1 CID carries no size: the root alone names the piece we hold.
		if p, err = ParsePiece(raw, MinPieceSize); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	path := s.cars.lookupPiece(p.Root)
	if path == "" {
		http.Error(w, fmt.Sprintf("piece %s not found", raw), http.StatusNotFound)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		http.Error(w, "piece unreadable", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, "piece unreadable", http.StatusInternalServerError)
		return
	}
	if !v1Only && uint64(st.Size()) != p.Payload {
		http.Error(w, fmt.Sprintf("piece %s not found", raw), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/piece")
	w.Header().Set("Cache-Control", "public, max-age=29030400, immutable")
	w.Header().Set("Etag", `"`+raw+`"`)
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// PieceServerConfig bounds the /piece server.
type PieceServerConfig struct {
	// Listen is the address to serve on, e.g. 127.0.0.1:8790.
	Listen string
	// MaxConns bounds concurrent connections; 0 means 16.
	MaxConns int
}

// ServePieces serves PieceHandler on cfg.Listen until ctx ends. It returns the bound address
// once listening and a channel receiving the server's final error.
func (s *Store) ServePieces(ctx context.Context, cfg PieceServerConfig) (net.Addr, <-chan error, error) {
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = 16
	}
	l, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, nil, fmt.Errorf("piece server: %w", err)
	}
	srv := &http.Server{
		Handler:           s.PieceHandler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(netutil.LimitListener(l, cfg.MaxConns)) }()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			_ = srv.Close()
		}
	}()
	return l.Addr(), done, nil
}
