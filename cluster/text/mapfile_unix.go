//go:build unix

package text

import (
	"os"

	"golang.org/x/sys/unix"
)

// mapFile maps path read-only into memory. The mapping is never written
// and lives as long as the dictionary that reads it; the cache file is
// only ever replaced by rename, which leaves a mapped file intact.
func mapFile(path string) (b []byte, unmap func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.Size() == 0 || st.Size() != int64(int(st.Size())) {
		return nil, nil, errCorrupt
	}
	b, err = unix.Mmap(int(f.Fd()), 0, int(st.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return unix.Munmap(b) }, nil
}
