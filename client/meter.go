package client

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
)

// MeterRecord is one reading of a lease's meter, as `shale pay -o json` streams it and
// `shale leases --live -o json` embeds it. Amounts are exact attoFIL as decimal strings.
type MeterRecord struct {
	Lease         string `json:"lease"`
	At            string `json:"at"` // the gateway's clock, RFC 3339
	ElapsedS      int64  `json:"elapsed_s"`
	Price         string `json:"price"`
	PaidAtto      string `json:"paid_attofil"` // acked by the gateway
	DueAtto       string `json:"due_attofil"`
	ArrearsAtto   string `json:"arrears_attofil"`
	EscrowAtto    string `json:"escrow_attofil"`
	EscrowLeft    string `json:"escrow_left_attofil"`
	PaidThrough   string `json:"paid_through"`
	EscrowEnds    string `json:"escrow_ends"`
	RunsOutInS    int64  `json:"escrow_runs_out_in_s"`
	BytesKnown    bool   `json:"bytes_known"` // false: the gateway predates usage reports
	BytesIn       uint64 `json:"bytes_in"`
	BytesOut      uint64 `json:"bytes_out"`
	BandwidthCap  uint64 `json:"bandwidth_cap_bytes_per_s"` // 0: no cap
	ThroughputBps uint64 `json:"throughput_bytes_per_s"`    // since the previous reading
}

// meterRecord turns a reading (and the one before it, for throughput) into a record.
func meterRecord(leaseID string, price lease.Price, u, prev *tunnel.Usage) MeterRecord {
	r := MeterRecord{
		Lease: leaseID, At: u.At.UTC().Format(time.RFC3339), ElapsedS: int64(u.Elapsed / time.Second),
		Price: price.Display(), PaidAtto: u.Paid.String(), DueAtto: u.Due.String(), ArrearsAtto: u.Arrears().String(),
		EscrowAtto: u.Escrow.String(), EscrowLeft: u.EscrowLeft().String(),
		PaidThrough: u.PaidThrough.UTC().Format(time.RFC3339), EscrowEnds: u.EscrowEnds.UTC().Format(time.RFC3339),
		RunsOutInS: max(int64(u.EscrowEnds.Sub(u.At)/time.Second), 0),
		BytesKnown: !u.FromInvoice, BytesIn: u.BytesIn, BytesOut: u.BytesOut, BandwidthCap: u.Bandwidth,
	}
	if prev != nil && !u.FromInvoice && !prev.FromInvoice {
		secs := uint64(u.At.Sub(prev.At) / time.Second)
		moved := (u.BytesIn + u.BytesOut) - (prev.BytesIn + prev.BytesOut)
		if secs > 0 && u.BytesIn+u.BytesOut >= prev.BytesIn+prev.BytesOut {
			r.ThroughputBps = moved / secs
		}
	}
	return r
}

// fil formats a decimal attoFIL string from a record as FIL.
func fil(atto string) string {
	n, ok := new(big.Int).SetString(atto, 10)
	if !ok {
		return atto + " attoFIL"
	}
	return lease.FormatFIL(n)
}

// meterLines is the meter as label/value rows, for the terminal block and the one-line form.
func meterLines(r MeterRecord) [][2]string {
	bw := "unknown (the gateway does not report bytes)"
	if r.BytesKnown {
		limit := "no cap"
		if r.BandwidthCap > 0 {
			limit = "cap " + humanBytes(r.BandwidthCap) + "/s"
		}
		bw = fmt.Sprintf("in %s, out %s, now %s/s (%s)", humanBytes(r.BytesIn), humanBytes(r.BytesOut), humanBytes(r.ThroughputBps), limit)
	}
	due := fil(r.DueAtto)
	if r.ArrearsAtto != "0" {
		due += " (" + fil(r.ArrearsAtto) + " unpaid)"
	}
	return [][2]string{
		{"lease", r.Lease},
		{"elapsed", (time.Duration(r.ElapsedS) * time.Second).String()},
		{"rate", r.Price},
		{"paid", fil(r.PaidAtto) + " (acked)"},
		{"due", due},
		{"escrow left", fil(r.EscrowLeft) + ", runs out in " + (time.Duration(r.RunsOutInS) * time.Second).String()},
		{"bandwidth", bw},
	}
}

// humanBytes is n in binary units with one decimal, in integers only.
func humanBytes(n uint64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%d.%d %ciB", n/div, (n%div)*10/div, "KMGTPE"[exp])
}

// meterMode is how the meter is written.
type meterMode int

const (
	meterLinesMode meterMode = iota // one line per reading (not a terminal)
	meterBlock                      // a block redrawn in place (a terminal)
	meterJSON                       // one JSON object per line (-o json)
)

// meterWriter writes readings of one lease's meter; OnUsage calls it from the pay loop.
type meterWriter struct {
	w       io.Writer
	mode    meterMode
	lease   string
	price   lease.Price
	every   time.Duration // least time between lines or JSON records; the block redraws on every reading
	mu      sync.Mutex
	prev    *tunnel.Usage
	written time.Time
	drawn   int // rows of the block on screen
}

// isTerminal reports whether w is a terminal. It reads the descriptor through SyscallConn:
// Fd would switch the file to blocking mode, and stdout is often the very terminal stdin is,
// whose reader must stay stoppable by a deadline (tunnel.Client.Interactive).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	is := false
	if err := rc.Control(func(fd uintptr) { is = term.IsTerminal(int(fd)) }); err != nil {
		return false
	}
	return is
}

func (m *meterWriter) update(u tunnel.Usage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	rec := meterRecord(m.lease, m.price, &u, m.prev)
	m.prev = &u
	now := time.Now()
	if m.mode != meterBlock && !m.written.IsZero() && now.Sub(m.written) < m.every {
		return
	}
	m.written = now
	switch m.mode {
	case meterJSON:
		b, _ := json.Marshal(rec)
		_, _ = m.w.Write(append(b, '\n'))
	case meterBlock:
		var b strings.Builder
		if m.drawn > 0 {
			fmt.Fprintf(&b, "\x1b[%dA\x1b[J", m.drawn) // back to the block's top, clear below
		}
		rows := meterLines(rec)
		for _, row := range rows {
			fmt.Fprintf(&b, "%-12s %s\r\n", row[0], row[1])
		}
		m.drawn = len(rows)
		_, _ = io.WriteString(m.w, b.String())
	default:
		var parts []string
		for _, row := range meterLines(rec) {
			parts = append(parts, row[0]+" "+row[1])
		}
		_, _ = io.WriteString(m.w, strings.Join(parts, "  ")+"\n")
	}
}

// interrupted tells the block that other output (a gateway notice on stderr) went below it:
// the next reading is drawn anew underneath rather than over that output.
func (m *meterWriter) interrupted() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.drawn = 0
}

// meterTitle is the short meter `shale ssh` puts in the terminal's title.
func meterTitle(r MeterRecord) string {
	return fmt.Sprintf("shale %s · %s · paid %s · escrow left %s", r.Lease, (time.Duration(r.ElapsedS) * time.Second).String(), fil(r.PaidAtto), fil(r.EscrowLeft))
}

// titleWriter sets the terminal title to the meter, writing through the same lock as the
// session's output so a title never lands inside another write. The title in place before is
// saved (xterm's title stack) and restored by restore.
type titleWriter struct {
	mu    *sync.Mutex
	w     io.Writer
	lease string
	price lease.Price
	set   bool
}

func (t *titleWriter) update(u tunnel.Usage) {
	rec := meterRecord(t.lease, t.price, &u, nil)
	// A title is one line of text: control characters from anywhere would end it early.
	title := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, meterTitle(rec))
	t.mu.Lock()
	defer t.mu.Unlock()
	prefix := ""
	if !t.set {
		prefix = "\x1b[22;0t" // push the current title
		t.set = true
	}
	_, _ = io.WriteString(t.w, prefix+"\x1b]0;"+title+"\x07")
}

func (t *titleWriter) restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.set {
		_, _ = io.WriteString(t.w, "\x1b[23;0t")
	}
}

// lockedWriter serialises writes to w under mu.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// The bounds of `shale pay --every`.
const (
	minEvery = time.Second
	maxEvery = 24 * time.Hour
)

func checkEvery(d time.Duration) error {
	if d < minEvery || d > maxEvery {
		return fmt.Errorf("--every %s is out of range: give a duration from %s to %s, e.g. --every 30s", d, minEvery, maxEvery)
	}
	return nil
}

// payMeter is the meter `shale pay` writes to stdout: JSON lines with -o json, a redrawn
// block on a terminal, one line per reading otherwise.
func (a *App) payMeter(r *LeaseRecord, every time.Duration) *meterWriter {
	mode := meterLinesMode
	switch {
	case a.json():
		mode = meterJSON
	case isTerminal(a.env.Stdout):
		mode = meterBlock
	}
	return &meterWriter{w: a.env.Stdout, mode: mode, lease: r.Lease, price: r.Spec.Price, every: every}
}

// titleMeter is the terminal-title meter of an interactive `shale ssh`, or nil where there is
// no terminal to title or the user opted out.
func (a *App) titleMeter(r *LeaseRecord, interactive bool) *titleWriter {
	if !interactive || !isTerminal(a.env.Stdout) {
		return nil
	}
	return &titleWriter{mu: new(sync.Mutex), w: a.env.Stdout, lease: r.Lease, price: r.Spec.Price}
}
