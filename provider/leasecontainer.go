package provider

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasefile"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/voucher"
)

// leaseContainerOptions are lease-container's flags.
type leaseContainerOptions struct {
	Nomad         string
	Token         string
	Region        string
	Namespace     string
	Datacenters   []string
	PaymentKeyPub string        // the client's payment public key; "" generates one
	PaymentKeyOut string        // where a generated payment key is saved
	Expires       time.Duration // 0: the lease's duration
	Wait          time.Duration // how long to wait for the container to run
	PollEvery     time.Duration
}

// leaseContainer runs the lease in file straight on Nomad, without the chain: the seed's
// low-level provider command, for operators checking a node or serving a lease by hand.
// The lease id uses chain 0 (no marketplace) and an order id derived, as on chain, from the
// payment key and a random nonce, so it never collides with a real lease's job.
func leaseContainer(ctx context.Context, file string, lo leaseContainerOptions, out io.Writer) error {
	spec, diags := leasefile.ParseFile(file, leasefile.Options{})
	if diags.HasErrors() {
		return errors.New(strings.TrimRight(leasefile.FormatDiagnostics(diags, nil), "\n"))
	}
	pub, err := paymentKey(lo, out)
	if err != nil {
		return err
	}
	id, err := offChainLeaseID(pub)
	if err != nil {
		return err
	}
	expires := lo.Expires
	if expires == 0 {
		expires = spec.Duration
	}
	expiresAt := time.Now().Add(expires).Truncate(time.Second)
	job, err := leasejob.Job(spec, id, leasejob.Options{Region: lo.Region, Namespace: lo.Namespace, Datacenters: lo.Datacenters,
		ExpiresAt: expiresAt, PaymentKey: pub})
	if err != nil {
		return err
	}
	nc, err := api.NewClient(&api.Config{Address: lo.Nomad, SecretID: lo.Token, Region: lo.Region, Namespace: lo.Namespace})
	if err != nil {
		return fmt.Errorf("nomad client: %w", err)
	}
	cluster, err := bridge.NewNomadCluster(&api.Config{Address: lo.Nomad, SecretID: lo.Token, Region: lo.Region, Namespace: lo.Namespace})
	if err != nil {
		return err
	}
	if err := placeJob(ctx, cluster, job); err != nil {
		return err
	}
	fmt.Fprintf(out, "lease        %s\njob          %s (registered at %s)\n", id, *job.ID, lo.Nomad)

	a, err := waitRunning(ctx, cluster, *job.ID, lo.Wait, lo.PollEvery)
	if err != nil {
		return err
	}
	node, _, err := nc.Nodes().Info(a.NodeID, (&api.QueryOptions{}).WithContext(ctx))
	if err != nil {
		return fmt.Errorf("nomad node %s: %w", a.NodeID, err)
	}
	printLeaseNode(out, id, node, expiresAt)
	return nil
}

// paymentKey is the client's payment public key from --payment-key-pub or, without it, a
// generated key saved to --payment-key-out.
func paymentKey(lo leaseContainerOptions, out io.Writer) (voucher.PublicKey, error) {
	if lo.PaymentKeyPub != "" {
		pub, err := voucher.ParsePublicKey(lo.PaymentKeyPub)
		if err != nil {
			return pub, fmt.Errorf("--payment-key-pub: %w", err)
		}
		return pub, nil
	}
	// Without a client's key, make one so the operator (or a test) can pay the gateway.
	k, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		return voucher.PublicKey{}, err
	}
	if lo.PaymentKeyOut == "" {
		return voucher.PublicKey{}, errors.New("--payment-key-pub not given: pass the client's payment public key, or --payment-key-out FILE to generate one")
	}
	if err := k.SaveKey(lo.PaymentKeyOut); err != nil {
		return voucher.PublicKey{}, fmt.Errorf("saving the generated payment key: %w", err)
	}
	pub := k.Public()
	fmt.Fprintf(out, "payment key  %s (private key saved to %s)\n", pub, lo.PaymentKeyOut)
	return pub, nil
}

// offChainLeaseID is a lease id on chain 0 whose order id is derived, as on chain, from pub
// and a random nonce.
func offChainLeaseID(pub voucher.PublicKey) (lease.LeaseID, error) {
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 248))
	if err != nil {
		return lease.LeaseID{}, err
	}
	nonce.Add(nonce, big.NewInt(1)) // a zero nonce marks padding in the settlement circuit
	order, err := lease.OrderID(big.NewInt(0), [20]byte{}, [20]byte{}, pub, nonce)
	if err != nil {
		return lease.LeaseID{}, err
	}
	return lease.LeaseID{ChainID: 0, Order: order}, nil
}

// placeJob registers job after a dry run: an unplaceable lease (no node with the dataset,
// too big) fails now with Nomad's reason instead of sitting pending until --wait runs out.
func placeJob(ctx context.Context, cluster bridge.Cluster, job *api.Job) error {
	if reason, err := cluster.Plan(ctx, job); err != nil {
		return err
	} else if reason != "" {
		return fmt.Errorf("nomad cannot place the lease: %s", reason)
	}
	return cluster.Register(ctx, job)
}

// printLeaseNode says where the lease runs and how to reach it.
func printLeaseNode(out io.Writer, id lease.LeaseID, node *api.Node, expiresAt time.Time) {
	ep, hk := node.Attributes[attrEndpoint], node.Attributes[attrHostKey]
	fmt.Fprintf(out, "node         %s (%s)\nendpoint     %s\nhost key     %s\nexpires      %s\n", node.Name, node.ID, dash(ep), dash(hk), expiresAt.UTC().Format(time.RFC3339))
	if host, port, err := net.SplitHostPort(ep); err == nil {
		fmt.Fprintf(out, "connect      ssh -p %s %s@%s   (check the host key is %s)\n", port, id, host, hk)
	}
}

// waitRunning polls the job's allocation until its lease task runs; a terminal allocation
// fails with the task's events, which say why (image missing, dataset absent, …).
func waitRunning(ctx context.Context, cluster bridge.Cluster, jobID string, within, every time.Duration) (*bridge.Alloc, error) {
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	t := time.NewTicker(every)
	defer t.Stop()
	last := "no allocation placed yet"
	for {
		a, err := cluster.Allocation(ctx, jobID)
		switch {
		case err != nil:
			last = err.Error()
		case a == nil:
		case a.ClientStatus == api.AllocClientStatusRunning && a.TaskState == "running":
			return a, nil
		case a.Terminal():
			return nil, fmt.Errorf("lease job %s did not run: allocation %s is %s: %s", jobID, a.ID, a.ClientStatus, strings.Join(a.Events, "; "))
		default:
			last = fmt.Sprintf("allocation %s is %s: %s", a.ID, a.ClientStatus, strings.Join(a.Events, "; "))
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("lease job %s not running after %s (%s)", jobID, within, last)
		case <-t.C:
		}
	}
}
