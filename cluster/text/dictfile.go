package text

import (
	"encoding/binary"
	"hash/crc32"
	"unsafe"
)

// The cache file is laid out to be used where it lies, mapped into memory
// (mapFile), so that loading touches only the pages a lookup reads:
//
//	"LEIANSEG" | uint32 maxUnits | uint32 sections | sections × (uint64 offset, uint64 length)
//
// then the sections, each starting at a multiple of 8: the words, their
// offsets (uint32), distances (float32), units (uint8), parts of speech
// (uint16), the part-of-speech names (uint8 length and bytes each), the
// prefix table (uint32, compact.prefixes), the IDF words, offsets (uint32) and values
// (float64), and last the CRC-32C (Castagnoli) of everything after the
// header. Numbers are little-endian; a big-endian machine does not use
// the cache.
const cacheMagic = "LEIANSEG"

const numSections = 10

// encode returns c's cache file bytes.
func encode(c *compact) []byte {
	var names []byte
	for _, p := range c.posNames {
		names = append(append(names, byte(len(p))), p...)
	}
	secs := [numSections][]byte{
		[]byte(c.words), asBytes(c.off), asBytes(c.dist), c.units, asBytes(c.pos),
		names, asBytes(c.prefixes), []byte(c.idfWords), asBytes(c.idfOff), asBytes(c.idf),
	}
	head := len(cacheMagic) + 8 + 16*numSections
	b := make([]byte, head, head+len(c.words)+len(c.idfWords)+8*len(c.idf)+16*len(c.off))
	copy(b, cacheMagic)
	binary.LittleEndian.PutUint32(b[8:], uint32(c.maxUnits))
	binary.LittleEndian.PutUint32(b[12:], numSections)
	for i, s := range secs {
		for len(b)%8 != 0 {
			b = append(b, 0)
		}
		binary.LittleEndian.PutUint64(b[16+16*i:], uint64(len(b)))
		binary.LittleEndian.PutUint64(b[24+16*i:], uint64(len(s)))
		b = append(b, s...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[head:], castagnoli))
}

// castagnoli is the CRC-32C table (hardware-assisted on amd64 and arm64).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// decode returns the compact dictionary that b holds, using b's memory
// for its arrays (b must stay unchanged while the dictionary is used).
// It checks the header, the checksum of the rest (a damaged file is
// rebuilt, never used: an offset gone wrong would make a lookup panic),
// that every array lies inside b and agrees in length with the others,
// and that the prefix table's slots are ones block can probe (valid).
// Checking the sum reads the whole file (16 MB), which the
// mapping otherwise spares.
func decode(b []byte) (*compact, error) {
	head := len(cacheMagic) + 8 + 16*numSections
	if !littleEndian() || len(b) < head+4 || string(b[:len(cacheMagic)]) != cacheMagic ||
		binary.LittleEndian.Uint32(b[12:]) != numSections {
		return nil, errCorrupt
	}
	sum := binary.LittleEndian.Uint32(b[len(b)-4:])
	if b = b[:len(b)-4]; crc32.Checksum(b[head:], castagnoli) != sum {
		return nil, errCorrupt
	}
	var secs [numSections][]byte
	for i := range secs {
		off, n := binary.LittleEndian.Uint64(b[16+16*i:]), binary.LittleEndian.Uint64(b[24+16*i:])
		if off%8 != 0 || off > uint64(len(b)) || n > uint64(len(b))-off {
			return nil, errCorrupt
		}
		secs[i] = b[off : off+n]
	}
	c := &compact{maxUnits: int(binary.LittleEndian.Uint32(b[8:]))}
	c.words, c.off, c.dist, c.units = asString(secs[0]), asSlice[uint32](secs[1]), asSlice[float32](secs[2]), secs[3]
	c.pos, c.prefixes = asSlice[uint16](secs[4]), asSlice[uint32](secs[6])
	c.idfWords, c.idfOff, c.idf = asString(secs[7]), asSlice[uint32](secs[8]), asSlice[float64](secs[9])
	for names := secs[5]; len(names) > 0; {
		n := int(names[0])
		if 1+n > len(names) {
			return nil, errCorrupt
		}
		c.posNames = append(c.posNames, string(names[1:1+n]))
		names = names[1+n:]
	}
	if !c.valid() {
		return nil, errCorrupt
	}
	c.indexRunes()
	return c, nil
}

// valid reports whether c's arrays agree in length, its first and last
// offsets match its strings, and its prefix table is one block can probe
// (validPrefixes).
func (c *compact) valid() bool {
	n := len(c.off) - 1
	if n < 0 || len(c.idfOff) == 0 || c.maxUnits > 255 || len(c.prefixes) < 2 || len(c.prefixes)&(len(c.prefixes)-1) != 0 ||
		len(c.dist) != n || len(c.units) != n || len(c.pos) != n || len(c.idf) != len(c.idfOff)-1 {
		return false
	}
	return c.off[0] == 0 && int(c.off[n]) == len(c.words) &&
		c.idfOff[0] == 0 && int(c.idfOff[len(c.idfOff)-1]) == len(c.idfWords) && c.validPrefixes()
}

// validPrefixes reports whether every slot of the prefix table is empty
// or holds a word index of c (1 to n in its low bits), and one at least is
// empty: block then looks only at words 0 to n-1 and stops, even on a
// damaged file whose checksum happens to match. The contents of the other
// arrays (the offsets between the first and last, units, parts of speech)
// only the checksum guards.
func (c *compact) validPrefixes() bool {
	// Without branches: half the slots are empty, at random, and a branch
	// on it took 4 ms a load (0.3 ms without). An empty slot counts as 0,
	// a used one as its index, 2^32 for index 0 (which wraps round).
	var worst uint64
	full := uint32(1)
	for _, v := range c.prefixes {
		used := (v | -v) >> 31 // 0 for an empty slot, else 1
		worst = max(worst, (uint64(v&prefixIdx-1)+1)&-uint64(used))
		full &= used
	}
	return worst <= uint64(c.n()) && full == 0
}

// asBytes is the memory of s as bytes (little-endian on the machines that
// use the cache).
func asBytes[T uint16 | uint32 | float32 | float64](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// asSlice is b's memory as a slice of T; b starts at a multiple of 8
// from a page-aligned or heap-allocated base, so T is aligned.
func asSlice[T uint16 | uint32 | float32 | float64](b []byte) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b) < size {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/size)
}

func asString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}
