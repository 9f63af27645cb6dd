package outbox

import (
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Record is one action's transaction as journaled: the call, its nonce and every signed
// version broadcast (a re-priced transaction keeps its nonce and gets a new hash).
type Record struct {
	Key    string         `json:"key"`
	Nonce  uint64         `json:"nonce"`
	To     common.Address `json:"to"`
	Data   []byte         `json:"data"`
	Value  *big.Int       `json:"value,omitempty"`
	Gas    uint64         `json:"gas"`
	TipCap *big.Int       `json:"tip_cap"`
	FeeCap *big.Int       `json:"fee_cap"`
	// Hashes are the versions broadcast, oldest first; Raw is the newest, signed, for rebroadcast.
	Hashes    []common.Hash `json:"hashes"`
	Raw       []byte        `json:"raw"`
	SentAt    time.Time     `json:"sent_at"`
	SentBlock uint64        `json:"sent_block"` // head when the newest version was sent
	// Mined is set while a version is included: its block, hash and outcome.
	MinedBlock uint64      `json:"mined_block,omitempty"`
	MinedTx    common.Hash `json:"mined_tx,omitempty"`
	Reverted   bool        `json:"reverted,omitempty"`
	// Unseen counts syncs that found the nonce used but no receipt for any version.
	Unseen int `json:"unseen,omitempty"`
}

// Journal persists records so a restarted process finds its transactions in flight. SaveTx
// must be durable when it returns: a record is saved before its transaction is broadcast.
type Journal interface {
	SaveTx(r Record) error
	DeleteTx(key string) error
	Txs() ([]Record, error)
}

// MemJournal is a Journal in memory, for callers that do not outlive their transactions.
type MemJournal struct {
	mu sync.Mutex
	m  map[string]Record
}

// SaveTx implements Journal.
func (j *MemJournal) SaveTx(r Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.m == nil {
		j.m = map[string]Record{}
	}
	j.m[r.Key] = r
	return nil
}

// DeleteTx implements Journal.
func (j *MemJournal) DeleteTx(key string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.m, key)
	return nil
}

// Txs implements Journal.
func (j *MemJournal) Txs() ([]Record, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]Record, 0, len(j.m))
	for _, r := range j.m {
		out = append(out, r)
	}
	return out, nil
}
