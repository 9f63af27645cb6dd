// Package wallet reads and writes the go-ethereum keystore files holding the provider's and
// the client's chain keys; errors name files, never a key or a password.
package wallet

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// ReadPassword returns a password file's content without trailing line breaks.
func ReadPassword(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("password file: %w", err)
	}
	pw := strings.TrimRight(string(b), "\r\n")
	if pw == "" {
		return "", fmt.Errorf("password file %s is empty", path)
	}
	return pw, nil
}

// Load decrypts keyFile with the password in passwordFile.
func Load(keyFile, passwordFile string) (*keystore.Key, error) {
	js, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("keystore: %w", err)
	}
	pw, err := ReadPassword(passwordFile)
	if err != nil {
		return nil, err
	}
	key, err := keystore.DecryptKey(js, pw)
	if err != nil {
		// DecryptKey's errors ("could not decrypt key with given password") carry no secret.
		return nil, fmt.Errorf("cannot decrypt keystore %s with the password in %s: %w", keyFile, passwordFile, err)
	}
	return key, nil
}

// Create generates a key and saves it to keyFile, which must not exist yet.
func Create(keyFile, password string, light bool) (*keystore.Key, error) {
	priv, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	return Save(keyFile, priv, password, light)
}

// Save encrypts priv into a new keystore file (0600, synced). Light scrypt parameters are for
// tests and throwaway dev chains only: they make the password cheap to brute-force.
func Save(keyFile string, priv *ecdsa.PrivateKey, password string, light bool) (*keystore.Key, error) {
	if password == "" {
		return nil, errors.New("refusing an empty keystore password")
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return nil, err
	}
	key := &keystore.Key{Id: id, Address: crypto.PubkeyToAddress(priv.PublicKey), PrivateKey: priv}
	n, p := keystore.StandardScryptN, keystore.StandardScryptP
	if light {
		n, p = keystore.LightScryptN, keystore.LightScryptP
	}
	js, err := keystore.EncryptKey(key, password, n, p)
	if err != nil {
		return nil, fmt.Errorf("encrypting keystore: %w", err)
	}
	if err := WriteNew(keyFile, js); err != nil {
		return nil, fmt.Errorf("keystore %s: %w", keyFile, err)
	}
	return key, nil
}

// WriteNew creates path with mode 0600 and data, synced, failing if it exists: a key or a
// password is never silently replaced.
func WriteNew(path string, data []byte) error { return fsutil.WriteNew(path, data, 0o600) }
