package driver

import (
	"debug/elf"
	"fmt"
)

// checkStaticBinary makes sure the init binary can run in any image: a dynamically linked
// binary would need the image to carry the host's libc.
func checkStaticBinary(path string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("%s is dynamically linked; build it with CGO_ENABLED=0 so it runs inside any image", path)
		}
	}
	return nil
}
