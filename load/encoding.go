package load

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// ErrEncoding reports a text file in an encoding leian cannot read.
var ErrEncoding = errors.New("unsupported text encoding")

// HashFile returns the sha256 of the file, hex-encoded, as loads.sha256
// records it.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, bufio.NewReaderSize(f, 1<<20)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// headEncoding guesses a text file's encoding from its first 64 KiB.
func headEncoding(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", err
	}
	b := buf[:n]
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return "utf8-bom", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "utf16", nil
	case utf8.Valid(b[:lastRuneStart(b)]):
		return "utf8", nil
	}
	return "gb18030", nil
}

// lastRuneStart returns the index where an incomplete UTF-8 sequence at the
// end of b begins, or len(b).
func lastRuneStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-4; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// transcode writes a UTF-8 copy of a GB18030 (a superset of GBK) file into
// dir and returns its path.
func transcode(path, dir string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, "leian-utf8-*.csv")
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	dec := simplifiedchinese.GB18030.NewDecoder().Reader(bufio.NewReaderSize(in, 1<<20))
	if _, err := io.Copy(w, dec); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", fmt.Errorf("decode %s as GB18030: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), out.Close()
}
