package bridge

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/shaleprotocol/shale/outbox"
)

var (
	bucketOrders = []byte("orders")
	bucketMeta   = []byte("meta")
	bucketTxs    = []byte("txs")     // the outbox's journal: transactions in flight, by action
	keyCursor    = []byte("cursor")  // next block to scan
	keyBatchSeq  = []byte("batches") // last batch number
)

// ErrNotFound means the store has no record of an order.
var ErrNotFound = errors.New("order not found")

// Store is the bridge's crash-safe state: every order record and the chain cursor, in bbolt
// (fsync'd transactions), so what was written before a crash is exactly what is read after.
type Store struct {
	db *bolt.DB
}

// OpenStore opens (creating) the state file; a second bridge on the same file waits up to
// timeout for the lock and then fails, since two bridges would both act on every order.
func OpenStore(path string, timeout time.Duration) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("state dir: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open state %s: locked by another shale-bridge", path)
		}
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketOrders, bucketMeta, bucketTxs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("init state %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close releases the file.
func (s *Store) Close() error { return s.db.Close() }

// Cursor is the next block the watcher will scan (0 before the first scan).
func (s *Store) Cursor() (uint64, error) {
	var n uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keyCursor); len(v) == 8 {
			n = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	return n, err
}

// Advance records new orders and updates seen on chain, and moves the cursor, in one
// transaction: a crash either keeps all of a scanned range or none of it.
func (s *Store) Advance(next uint64, apply func(tx *Tx) error) error {
	return s.db.Update(func(btx *bolt.Tx) error {
		if err := apply(&Tx{tx: btx}); err != nil {
			return err
		}
		var v [8]byte
		binary.BigEndian.PutUint64(v[:], next)
		return btx.Bucket(bucketMeta).Put(keyCursor, v[:])
	})
}

// Tx is a read-write view of the orders inside one store transaction.
type Tx struct{ tx *bolt.Tx }

// Get returns an order or ErrNotFound.
func (t *Tx) Get(id [32]byte) (*Order, error) {
	v := t.tx.Bucket(bucketOrders).Get(id[:])
	if v == nil {
		return nil, ErrNotFound
	}
	return decodeOrder(v)
}

// Put writes an order.
func (t *Tx) Put(o *Order) error {
	b, err := o.encode()
	if err != nil {
		return err
	}
	return t.tx.Bucket(bucketOrders).Put(o.ID[:], b)
}

// NextBatch allocates a batch number.
func (t *Tx) NextBatch() (uint64, error) {
	m := t.tx.Bucket(bucketMeta)
	var n uint64
	if v := m.Get(keyBatchSeq); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	n++
	var v [8]byte
	binary.BigEndian.PutUint64(v[:], n)
	return n, m.Put(keyBatchSeq, v[:])
}

// Update runs fn in a read-write transaction.
func (s *Store) Update(fn func(tx *Tx) error) error {
	return s.db.Update(func(btx *bolt.Tx) error { return fn(&Tx{tx: btx}) })
}

// Put writes one order (a transition, persisted before its side effect).
func (s *Store) Put(o *Order) error {
	return s.Update(func(tx *Tx) error { return tx.Put(o) })
}

// Get reads one order.
func (s *Store) Get(id [32]byte) (*Order, error) {
	var o *Order
	err := s.db.View(func(btx *bolt.Tx) error {
		var err error
		o, err = (&Tx{tx: btx}).Get(id)
		return err
	})
	return o, err
}

// Orders returns every order, in id order.
func (s *Store) Orders() ([]*Order, error) {
	var out []*Order
	err := s.db.View(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketOrders).ForEach(func(_, v []byte) error {
			o, err := decodeOrder(v)
			if err != nil {
				return err
			}
			out = append(out, o)
			return nil
		})
	})
	return out, err
}

// SaveTx journals a transaction in flight (outbox.Journal), durably before it is broadcast.
func (s *Store) SaveTx(r outbox.Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.db.Update(func(btx *bolt.Tx) error { return btx.Bucket(bucketTxs).Put([]byte(r.Key), b) })
}

// DeleteTx forgets a transaction whose outcome is final (outbox.Journal).
func (s *Store) DeleteTx(key string) error {
	return s.db.Update(func(btx *bolt.Tx) error { return btx.Bucket(bucketTxs).Delete([]byte(key)) })
}

// Txs lists the transactions in flight (outbox.Journal).
func (s *Store) Txs() ([]outbox.Record, error) {
	var out []outbox.Record
	err := s.db.View(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketTxs).ForEach(func(k, v []byte) error {
			var r outbox.Record
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("transaction %s: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}
