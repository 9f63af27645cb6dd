package lease

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"
)

// SpecVersion is the version of the canonical spec encoding (EncodeSpec).
const SpecVersion = 1

// Order is a lease order as the marketplace contract carries it. The contract stores the
// scalar fields and only a hash of SpecBytes; the bytes themselves travel in an event, where the
// bridge decodes them with DecodeSpec.
type Order struct {
	ID          [32]byte // OrderID(chainID, contract, Client, PaymentKey, Nonce)
	Provider    string   // Filecoin miner id
	Client      [20]byte // client's EVM address
	Nonce       *big.Int
	PaymentKey  [32]byte // compressed BN254 EdDSA public key
	PriceAmount *big.Int // attoFIL per PricePeriod
	PricePeriod uint64   // seconds
	Duration    uint64   // seconds
	Escrow      *big.Int // = Price.Cost(Duration)
	// SpecBytes is EncodeSpec: everything else in the Spec. (Named SpecBytes because Go
	// cannot have a field and the Spec method share a name.)
	SpecBytes []byte
}

// Order builds the on-chain order for s, deriving its id and escrow.
func (s Spec) Order(chainID *big.Int, contract, client [20]byte, paymentKey [32]byte, nonce *big.Int) (Order, error) {
	if err := s.Validate(); err != nil {
		return Order{}, err
	}
	id, err := OrderID(chainID, contract, client, paymentKey, nonce)
	if err != nil {
		return Order{}, err
	}
	enc, err := EncodeSpec(s)
	if err != nil {
		return Order{}, err
	}
	escrow := s.Price.Escrow(s.Duration)
	if escrow.Cmp(maxAmount) > 0 {
		return Order{}, fmt.Errorf("%w: escrow %s attoFIL does not fit in 256 bits", ErrInvalidOrder, escrow)
	}
	return Order{
		ID:          id,
		Provider:    s.Provider,
		Client:      client,
		Nonce:       new(big.Int).Set(nonce),
		PaymentKey:  paymentKey,
		PriceAmount: new(big.Int).Set(s.Price.Amount),
		PricePeriod: uint64(s.Price.Period / time.Second),
		Duration:    uint64(s.Duration / time.Second),
		Escrow:      escrow,
		SpecBytes:   enc,
	}, nil
}

// Spec reassembles and validates the lease spec an order asks for. It checks the order's
// own consistency (escrow = cost of the duration) but not its id, which needs the chain id
// and contract address: see CheckID.
func (o Order) Spec() (Spec, error) {
	s, err := DecodeSpec(o.SpecBytes)
	if err != nil {
		return Spec{}, err
	}
	const maxSeconds = uint64(1<<63-1) / uint64(time.Second)
	if o.PricePeriod == 0 || o.PricePeriod > maxSeconds || o.Duration > maxSeconds {
		return Spec{}, fmt.Errorf("%w: period %ds or duration %ds out of range", ErrInvalidOrder, o.PricePeriod, o.Duration)
	}
	if o.PriceAmount == nil || o.Escrow == nil {
		return Spec{}, fmt.Errorf("%w: missing price or escrow", ErrInvalidOrder)
	}
	s.Provider = o.Provider
	s.Price = Price{Amount: new(big.Int).Set(o.PriceAmount), Period: time.Duration(o.PricePeriod) * time.Second}
	s.Duration = time.Duration(o.Duration) * time.Second
	if err := s.Validate(); err != nil {
		return Spec{}, fmt.Errorf("%w: %w", ErrInvalidOrder, err)
	}
	if want := s.Price.Escrow(s.Duration); want.Cmp(o.Escrow) != 0 {
		return Spec{}, fmt.Errorf("%w: escrow %s attoFIL, want %s (price × duration)", ErrInvalidOrder, o.Escrow, want)
	}
	return s, nil
}

// CheckID reports whether the order's id derives from its own client, payment key and
// nonce on this chain and contract; the bridge refuses orders that fail it (squatting).
func (o Order) CheckID(chainID *big.Int, contract [20]byte) error {
	if o.Nonce == nil {
		return fmt.Errorf("%w: missing nonce", ErrInvalidOrder)
	}
	want, err := OrderID(chainID, contract, o.Client, o.PaymentKey, o.Nonce)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidOrder, err)
	}
	if want != o.ID {
		return fmt.Errorf("%w: id 0x%x does not derive from the order's client, payment key and nonce (want 0x%x)", ErrInvalidOrder, o.ID, want)
	}
	return nil
}

// specV1 is the canonical encoding. Fields are declared in lexicographic order of their
// JSON names and encoding/json writes struct fields in declaration order, so the output
// has sorted keys, no insignificant whitespace and one form per value. Sizes are integers
// (bytes, millicores), durations whole seconds.
type specV1 struct {
	Args      []string   `json:"args"`
	Bandwidth uint64     `json:"bandwidth"`
	Command   string     `json:"command"`
	Exposes   []exposeV1 `json:"exposes,omitempty"`
	Grace     uint64     `json:"grace"`
	Image     string     `json:"image"`
	Mounts    []mountV1  `json:"mounts"`
	Prepay    uint64     `json:"prepay"`
	Resources resV1      `json:"resources"`
	SSHKeys   []string   `json:"ssh_keys"`
	Version   int        `json:"v"`
}

// mountV1's piece fields are omitempty so that specs mounting by payload CID alone keep the
// bytes they had before pieces existed. piece_size is written for a v1 PieceCID only: a v2
// PieceCID encodes its size, and one lease must have one encoding.
type mountV1 struct {
	CID       string `json:"cid,omitempty"`
	Path      string `json:"path"`
	PieceCID  string `json:"piece_cid,omitempty"`
	PieceSize uint64 `json:"piece_size,omitempty"`
}

// exposeV1 is written only when a lease exposes ports (omitempty on the list), so specs
// without exposures keep the bytes they had before exposures existed.
type exposeV1 struct {
	Port     uint16 `json:"port"`
	Protocol string `json:"protocol"`
	Public   bool   `json:"public"`
}

type resV1 struct {
	CPU      uint64 `json:"cpu"`
	Disk     uint64 `json:"disk"`
	GPUModel string `json:"gpu_model"`
	GPUs     uint64 `json:"gpus"`
	Memory   uint64 `json:"memory"`
}

// EncodeSpec encodes the parts of s an Order does not carry as scalars (image, command,
// args, resources, mounts, SSH keys, bandwidth, prepay, grace) canonically: equal specs give
// equal bytes, so the contract can commit to a hash of them. Provider, price and duration
// are left out; they are Order fields.
func EncodeSpec(s Spec) ([]byte, error) {
	if s.Prepay%time.Second != 0 || s.Grace%time.Second != 0 || s.Prepay < 0 || s.Grace < 0 {
		return nil, fmt.Errorf("%w: prepay and grace must be whole non-negative seconds", ErrInvalidSpec)
	}
	v := specV1{
		Args:      nonNil(s.Args),
		Bandwidth: s.Bandwidth,
		Command:   s.Command,
		Grace:     uint64(s.Grace / time.Second),
		Image:     s.Image,
		Mounts:    []mountV1{},
		Prepay:    uint64(s.Prepay / time.Second),
		Resources: resV1{CPU: uint64(s.Resources.CPU), Disk: s.Resources.Disk, GPUModel: s.Resources.GPUModel, GPUs: s.Resources.GPUs, Memory: s.Resources.Memory},
		SSHKeys:   nonNil(s.SSHKeys),
		Version:   SpecVersion,
	}
	for _, m := range s.Mounts {
		mv := mountV1{CID: m.CID, Path: m.Path, PieceCID: m.PieceCID}
		if IsPieceV1(m.PieceCID) {
			mv.PieceSize = m.PieceSize
		}
		v.Mounts = append(v.Mounts, mv)
	}
	for _, e := range s.Exposes {
		//lint:ignore S1016 the encoding names its fields, so a field added to Expose never enters it unnoticed
		v.Exposes = append(v.Exposes, exposeV1{Port: e.Port, Protocol: e.Protocol, Public: e.Public})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<>&" literal: one obvious form, readable in events
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode spec: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// DecodeSpec is the strict inverse of EncodeSpec: unknown fields, another version, trailing
// data or any non-canonical form (re-encoding must give the same bytes) are rejected, so
// two different byte strings never describe the same lease. The result has no provider,
// price or duration; Order.Spec fills those in.
func DecodeSpec(b []byte) (Spec, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var v specV1
	if err := dec.Decode(&v); err != nil {
		return Spec{}, fmt.Errorf("%w: decode spec: %w", ErrInvalidOrder, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Spec{}, fmt.Errorf("%w: decode spec: trailing data", ErrInvalidOrder)
	}
	if v.Version != SpecVersion {
		return Spec{}, fmt.Errorf("%w: spec encoding version %d, this build reads version %d", ErrInvalidOrder, v.Version, SpecVersion)
	}
	const maxSeconds = uint64(1<<63-1) / uint64(time.Second)
	if v.Prepay > maxSeconds || v.Grace > maxSeconds {
		return Spec{}, fmt.Errorf("%w: prepay or grace out of range", ErrInvalidOrder)
	}
	s := Spec{
		Image:     v.Image,
		Command:   v.Command,
		Args:      emptyToNil(v.Args),
		Resources: Resources{CPU: MilliCPUs(v.Resources.CPU), Memory: v.Resources.Memory, GPUs: v.Resources.GPUs, GPUModel: v.Resources.GPUModel, Disk: v.Resources.Disk},
		Bandwidth: v.Bandwidth,
		SSHKeys:   emptyToNil(v.SSHKeys),
		Prepay:    time.Duration(v.Prepay) * time.Second,
		Grace:     time.Duration(v.Grace) * time.Second,
	}
	for _, m := range v.Mounts {
		s.Mounts = append(s.Mounts, Mount{CID: m.CID, PieceCID: m.PieceCID, PieceSize: m.PieceSize, Path: m.Path})
	}
	for _, e := range v.Exposes {
		//lint:ignore S1016 the decoding names its fields, as the encoding does
		s.Exposes = append(s.Exposes, Expose{Port: e.Port, Protocol: e.Protocol, Public: e.Public})
	}
	again, err := EncodeSpec(s)
	if err != nil || !bytes.Equal(again, b) {
		return Spec{}, fmt.Errorf("%w: spec bytes are not in canonical form", ErrInvalidOrder)
	}
	return s, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func emptyToNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
