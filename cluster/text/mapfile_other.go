//go:build !unix

package text

import "os"

// mapFile reads path into memory where mapping is not available.
func mapFile(path string) (b []byte, unmap func() error, err error) {
	b, err = os.ReadFile(path)
	return b, func() error { return nil }, err
}
