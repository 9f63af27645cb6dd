package prover

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/shaleprotocol/shale/internal/fsutil"

	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

// A key directory holds pk.bin and vk.bin in gnark's raw (uncompressed, portable) encoding
// and keys.sha256 with their digests, written last, so a half-written directory is detected
// and never trusted. Decoding the raw proving key converts every coordinate, which takes
// seconds at K=4 and grows with K, so after its first load the proving key is also kept as
// gnark's memory dump (this machine's in-memory layout, copied back at disk speed) in
// $SHALE_CACHE/prover/pk-<digest of pk.bin>/pk.dump, with its own digest file.
const (
	pkFile      = "pk.bin"
	vkFile      = "vk.bin"
	sumFile     = "keys.sha256"
	dumpFile    = "pk.dump"
	dumpSumFile = "pk.dump.sha256"
)

// Key-loading failures a caller reports differently from a transient error: the files must
// be replaced (or deleted, for the development cache) before the prover can work.
var (
	ErrKeysCorrupt  = errors.New("prover: key files corrupted or truncated")
	ErrKeysMismatch = errors.New("prover: keys do not match the circuit")
)

// Progress is one step of loading or deriving keys, for operators watching a slow start.
type Progress struct {
	Stage       string // e.g. "verifying pk.bin", "decoding pk.dump", "deriving development keys"
	Done, Total int64  // bytes, for stages that go through a file; zero otherwise
}

func (p Progress) String() string {
	if p.Total > 0 {
		return fmt.Sprintf("%s %d%% (%d of %d MiB)", p.Stage, p.Done*100/p.Total, p.Done>>20, p.Total>>20)
	}
	return p.Stage
}

// progressFunc tolerates a nil callback.
type progressFunc func(Progress)

func (f progressFunc) report(stage string, done, total int64) {
	if f != nil {
		f(Progress{Stage: stage, Done: done, Total: total})
	}
}

// cacheRoot is $SHALE_CACHE, else os.UserCacheDir()/shale.
func cacheRoot() (string, error) {
	if root := os.Getenv("SHALE_CACHE"); root != "" {
		return root, nil
	}
	ucd, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("prover: cache dir (set SHALE_CACHE): %w", err)
	}
	return filepath.Join(ucd, "shale"), nil
}

// dumpDir is where the fast copy of the proving key whose pk.bin has digest pkSum lives.
func dumpDir(pkSum []byte) (string, error) {
	root, err := cacheRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "prover", "pk-"+hex.EncodeToString(pkSum[:16])), nil
}

// writeKeys writes k into dir in the portable layout and returns pk.bin's digest.
func writeKeys(dir string, k *keys) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("prover: write keys: %w", err)
	}
	pkSum, err := writeAtomic(filepath.Join(dir, pkFile), k.pk.WriteRawTo)
	if err != nil {
		return nil, err
	}
	vkSum, err := writeAtomic(filepath.Join(dir, vkFile), k.vk.WriteRawTo)
	if err != nil {
		return nil, err
	}
	_, err = writeAtomic(filepath.Join(dir, sumFile), func(w io.Writer) (int64, error) {
		n, err := fmt.Fprintf(w, "%x  %s\n%x  %s\n", pkSum, pkFile, vkSum, vkFile)
		return int64(n), err
	})
	return pkSum, err
}

// writeDump keeps the fast copy of pk, whose pk.bin has digest pkSum.
func writeDump(pkSum []byte, pk *groth16bn254.ProvingKey) error {
	dir, err := dumpDir(pkSum)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("prover: write fast key copy: %w", err)
	}
	sum, err := writeAtomic(filepath.Join(dir, dumpFile), func(w io.Writer) (int64, error) { return 0, pk.WriteDump(w) })
	if err != nil {
		return err
	}
	_, err = writeAtomic(filepath.Join(dir, dumpSumFile), func(w io.Writer) (int64, error) {
		n, err := fmt.Fprintf(w, "%x  %s\n", sum, dumpFile)
		return int64(n), err
	})
	return err
}

// writeAtomic writes via a temporary file, fsync and rename, returning the content's sha256.
// On failure (a full disk, say) the temporary file is removed and path is untouched.
func writeAtomic(path string, write func(io.Writer) (int64, error)) ([]byte, error) {
	h := sha256.New()
	err := fsutil.ReplaceDurable(path, 0o644, func(f io.Writer) error {
		bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
		if _, err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return nil, fmt.Errorf("prover: %w", err)
	}
	return h.Sum(nil), nil
}

// readSums parses a digest file: "<hex sha256>  <name>" per line.
func readSums(path string) (map[string][]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err // os.ErrNotExist: nothing written yet
	}
	sums := map[string][]byte{}
	for _, line := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		hexSum, name, ok := strings.Cut(line, "  ")
		sum, err := hex.DecodeString(hexSum)
		if !ok || err != nil || len(sum) != sha256.Size {
			return nil, fmt.Errorf("%w: %s: malformed line %q", ErrKeysCorrupt, path, line)
		}
		sums[name] = sum
	}
	return sums, nil
}

// readKeys loads the keys in dir, the proving key from its fast copy when there is a valid
// one. pkSum is pk.bin's digest; fromDump says whether the fast copy was used. A missing
// keys.sha256 is os.ErrNotExist; anything wrong with the files wraps ErrKeysCorrupt.
func readKeys(dir string, progress progressFunc) (k *keys, pkSum []byte, fromDump bool, err error) {
	sums, err := readSums(filepath.Join(dir, sumFile))
	if err != nil {
		return nil, nil, false, err
	}
	pkSum, vkSum := sums[pkFile], sums[vkFile]
	if pkSum == nil || vkSum == nil {
		return nil, nil, false, fmt.Errorf("%w: %s lists no %s or no %s", ErrKeysCorrupt, filepath.Join(dir, sumFile), pkFile, vkFile)
	}
	k = &keys{pk: new(groth16bn254.ProvingKey), vk: new(groth16bn254.VerifyingKey)}
	if err := readVerified(filepath.Join(dir, vkFile), vkSum, progress, func(r io.Reader) error {
		_, err := k.vk.UnsafeReadFrom(r)
		return err
	}); err != nil {
		return nil, nil, false, err
	}
	if dd, err := dumpDir(pkSum); err == nil {
		if dsums, err := readSums(filepath.Join(dd, dumpSumFile)); err == nil && dsums[dumpFile] != nil {
			err := readVerified(filepath.Join(dd, dumpFile), dsums[dumpFile], progress, k.pk.ReadDump)
			if err == nil {
				return k, pkSum, true, nil
			}
			// A damaged or foreign fast copy is only a cache: the portable file still counts.
			k.pk = new(groth16bn254.ProvingKey)
		}
	}
	if err := readVerified(filepath.Join(dir, pkFile), pkSum, progress, func(r io.Reader) error {
		_, err := k.pk.UnsafeReadFrom(r)
		return err
	}); err != nil {
		return nil, nil, false, err
	}
	return k, pkSum, false, nil
}

// readVerified maps path, checks its sha256 against want and only then decodes it: the
// decoders trust the lengths they read, so a corrupted file must never reach them, and the
// digest is what makes skipping gnark's subgroup checks safe.
func readVerified(path string, want []byte, progress progressFunc, decode func(io.Reader) error) error {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%w: %s is missing (listed in its digest file)", ErrKeysCorrupt, path)
	} else if err != nil {
		return fmt.Errorf("prover: read %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("prover: read %s: %w", path, err)
	}
	size := fi.Size()
	if size == 0 {
		return fmt.Errorf("%w: %s is empty", ErrKeysCorrupt, path)
	}
	if size != int64(int(size)) {
		return fmt.Errorf("prover: read %s: %d bytes do not fit in memory", path, size)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|syscall.MAP_POPULATE)
	if err != nil {
		return fmt.Errorf("prover: map %s: %w", path, err)
	}
	defer syscall.Munmap(data)
	_ = syscall.Madvise(data, syscall.MADV_SEQUENTIAL)

	const chunk = 64 << 20
	h := sha256.New()
	for off := 0; off < len(data); off += chunk {
		h.Write(data[off:min(off+chunk, len(data))])
		progress.report("verifying "+name, int64(min(off+chunk, len(data))), size)
	}
	if got := h.Sum(nil); !bytes.Equal(got, want) {
		return fmt.Errorf("%w: %s (%d bytes) has sha256 %x, its digest file records %x", ErrKeysCorrupt, path, size, got[:8], want[:8])
	}
	r := &progressReader{r: bytes.NewReader(data), stage: "decoding " + name, total: size, progress: progress}
	if err := decode(r); err != nil {
		return fmt.Errorf("%w: %s matches its digest but does not decode (written by another version or architecture?): %v", ErrKeysCorrupt, path, err)
	}
	return nil
}

// progressReader reports every 64 MiB read.
type progressReader struct {
	r        io.Reader
	stage    string
	done     int64
	next     int64
	total    int64
	progress progressFunc
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.done >= p.next {
		p.progress.report(p.stage, p.done, p.total)
		p.next = p.done + 64<<20
	}
	return n, err
}
