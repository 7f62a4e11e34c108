package text

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"slices"
	"testing"
)

// TestDecodeRejectsCorruptPrefixes changes the prefix table of a cache
// file and fixes its checksum: decode must return errCorrupt for a slot
// whose word index is past the last word or is 0 under a tag (block would
// index out of range) and for a table with no empty slot (block would
// probe for ever), and accept the file unchanged.
func TestDecodeRejectsCorruptPrefixes(t *testing.T) {
	short, longs := prefixWords()
	_, c := smallDict(t, append(short, longs...), map[string]float64{})
	n := uint32(c.n())
	full := slices.Clone(c.prefixes)
	for i, v := range full {
		if v == 0 {
			full[i] = 1<<20 | n
		}
	}
	cases := []struct {
		name   string
		change func(slots []uint32)
	}{
		{"unchanged", func([]uint32) {}},
		{"index past the last word", func(s []uint32) { s[slices.Index(s, 0)] = 1<<20 | (n + 1) }},
		{"index 0 under a tag", func(s []uint32) { s[slices.Index(s, 0)] = 1 << 20 }},
		{"all bits set", func(s []uint32) { s[slices.Index(s, 0)] = 1<<32 - 1 }},
		{"no empty slot", func(s []uint32) { copy(s, full) }},
	}
	for i, tc := range cases {
		b := encode(c)
		off, size := binary.LittleEndian.Uint64(b[16+16*6:]), binary.LittleEndian.Uint64(b[24+16*6:])
		tc.change(asSlice[uint32](b[off : off+size]))
		head := len(cacheMagic) + 8 + 16*numSections
		binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[head:len(b)-4], castagnoli))
		if _, err := decode(b); i == 0 && err != nil || i > 0 && !errors.Is(err, errCorrupt) {
			t.Errorf("%s: decode = %v", tc.name, err)
		}
	}
}
