package bridge

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"math/big"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/shaleprotocol/shale/leasejob"
)

//go:embed page/page.html page/page.css
var pageFiles embed.FS

// pageTemplate is the operator page; html/template escapes every value it prints, so a reason
// or dataset name carrying markup shows as text.
var pageTemplate = template.Must(template.New("page.html").Funcs(template.FuncMap{
	"css": func() template.CSS {
		b, _ := pageFiles.ReadFile("page/page.css")
		return template.CSS(b)
	},
}).ParseFS(pageFiles, "page/page.html"))

// pageNodes bounds the Nomad query behind one page load.
const pageNodes = 5 * time.Second

// recentRejections is how many rejections the page lists, newest first.
const recentRejections = 20

// pageCSP lets the page use only its own inline style: no scripts, images, frames or fetches.
const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// PageData is what the operator page shows.
type PageData struct {
	Now        string
	Provider   string
	Health     HealthReport
	States     []StateCount
	Orders     []OrderView
	Rejections []OrderView
	Settled    string // FIL paid by settlement, exact
	Pending    string // FIL proven by collected vouchers not yet settled, exact
	Running    int
	Nodes      []PageNode
	NodesError string
}

// StateCount is how many orders are in one state.
type StateCount struct {
	State State
	Count int
}

// PageNode is a Nomad node of the provider with its gateway and datasets.
type PageNode struct {
	Name, ID, Endpoint, Version string
	Datasets                    []string
}

// pageStates is the order the page lists states in: the pipeline, then its side exits.
var pageStates = []State{Seen, Accepting, Accepted, Registered, Starting, Running, Ending, Ended, Collected, Settling, Settled,
	Rejecting, Rejected, Cancelled, Failing, Failed, Vanished}

// unsettled are the states whose voucher amount is earned but not yet paid out.
func unsettled(s State) bool { return s == Collected || s == Settling }

// pageData reads the store and the cluster for the page.
func (b *Bridge) pageData(ctx context.Context) (PageData, error) {
	orders, err := b.store.Orders()
	if err != nil {
		return PageData{}, err
	}
	d := PageData{Now: time.Now().UTC().Format(time.RFC3339), Provider: b.opt.Provider.Hex(), Health: b.Report()}
	counts := map[State]int{}
	settled, pending := new(big.Int), new(big.Int)
	var rejected []*Order
	for _, o := range orders {
		counts[o.State]++
		switch {
		case o.State == Settled && o.Paid != nil:
			settled.Add(settled, o.Paid)
		case unsettled(o.State) && o.Amount != nil:
			pending.Add(pending, o.Amount)
		case o.State == Running:
			d.Running++
		}
		if o.State == Rejected {
			rejected = append(rejected, o)
		}
	}
	d.Settled, d.Pending = fil(settled), fil(pending)
	rank := map[State]int{}
	for i, s := range pageStates {
		rank[s] = i
		if counts[s] > 0 {
			d.States = append(d.States, StateCount{State: s, Count: counts[s]})
		}
	}
	// By state along the pipeline, newest first within one: what just happened comes first.
	sort.SliceStable(orders, func(i, j int) bool {
		if ri, rj := rank[orders[i].State], rank[orders[j].State]; ri != rj {
			return ri < rj
		}
		return orders[i].Block > orders[j].Block
	})
	d.Orders = Views(orders)
	sort.SliceStable(rejected, func(i, j int) bool { return rejected[i].Block > rejected[j].Block })
	d.Rejections = Views(rejected[:min(len(rejected), recentRejections)])

	nctx, cancel := context.WithTimeout(ctx, pageNodes)
	defer cancel()
	nodes, err := b.cluster.Nodes(nctx)
	if err != nil {
		d.NodesError = err.Error()
	}
	for _, n := range nodes {
		pn := PageNode{Name: n.Name, ID: n.ID, Endpoint: n.Attributes[leasejob.AttrGatewayEndpoint], Version: n.Attributes[leasejob.AttrVersion]}
		for k := range n.Attributes {
			if cid, ok := strings.CutPrefix(k, leasejob.DatasetAttrPrefix); ok {
				pn.Datasets = append(pn.Datasets, cid)
			}
		}
		sort.Strings(pn.Datasets)
		d.Nodes = append(d.Nodes, pn)
	}
	return d, nil
}

// page serves the read-only operator page at "/". Only GET and HEAD are answered.
func (b *Bridge) page() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the operator page is read-only: use GET", http.StatusMethodNotAllowed)
			return
		}
		d, err := b.pageData(r.Context())
		if err != nil {
			http.Error(w, "reading the order store: "+err.Error(), http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := pageTemplate.Execute(&buf, d); err != nil {
			http.Error(w, "rendering the page: "+err.Error(), http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
	})
}
