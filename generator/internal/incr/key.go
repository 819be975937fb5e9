// Package incr is the incremental layer of the build: it keys every output
// by the value the output is rendered from, so that an output whose value
// is unchanged need not be rendered again, and keeps the parts and the
// manifest that let a later build know what is unchanged.
//
// An output's input is a comparable struct whose fields are plain values
// or Parts; Key encodes every field of it, so there is no second list of
// what an output depends on that could drift from what it reads. A Part
// is an immutable value shared by many inputs (the menu, a section's list
// of pages, a brand's scorecards, the model); it is encoded as its digest,
// which is computed when the part is made, either from its content (Share)
// or from the source files it is a pure function of (Derive).
package incr

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"
)

// A Part is an immutable value that inputs share; Digest identifies its
// content.
type Part interface {
	Digest() string
}

// Shared is a Part holding a value of type T. Its value must not change
// once it is made.
type Shared[T any] struct {
	V      T
	digest string
}

// Digest implements Part.
func (s *Shared[T]) Digest() string { return s.digest }

// Share makes a part whose digest is the Key of v itself.
func Share[T any](v T) *Shared[T] {
	return &Shared[T]{V: v, digest: Key(v)}
}

// Derive makes a part of v, a value computed by a pure function of the
// generator from the source files and settings whose identities are from
// (their content hashes, say), and digested by them: large values such as
// the model or a brand's scorecards need not be encoded whole.
func Derive[T any](v T, from ...string) *Shared[T] {
	return &Shared[T]{V: v, digest: Hash(from...)}
}

// Key returns the hex SHA-256 of the canonical encoding of v: every field
// of a struct, every element of a slice or array, every entry of a map in
// key order, a Part by its digest, a time by its instant and zone.
// Functions and channels cannot be keyed and panic: an input holds values,
// not ways to compute them.
func Key(v any) string {
	bp := bufs.Get().(*[]byte)
	b := encode((*bp)[:0], reflect.ValueOf(v))
	sum := sha256.Sum256(b)
	*bp = b
	bufs.Put(bp)
	return hex.EncodeToString(sum[:])
}

// Hash returns the hex SHA-256 of parts, each followed by a NUL byte.
func Hash(parts ...string) string {
	bp := bufs.Get().(*[]byte)
	b := (*bp)[:0]
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	*bp = b
	bufs.Put(bp)
	return hex.EncodeToString(sum[:])
}

var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

var (
	partType = reflect.TypeFor[Part]()
	timeType = reflect.TypeFor[time.Time]()
)

func encode(b []byte, v reflect.Value) []byte {
	if !v.IsValid() {
		return append(b, 'z')
	}
	t := v.Type()
	if t.Implements(partType) || t == timeType {
		if !v.CanInterface() {
			panic(fmt.Sprintf("incr: cannot key an unexported field of type %s; export it", t))
		}
		if t.Kind() == reflect.Pointer && v.IsNil() {
			return append(b, 'n')
		}
		if tm, ok := v.Interface().(time.Time); ok {
			return str(append(b, 't'), tm.Format(time.RFC3339Nano))
		}
		return str(append(b, 'P'), v.Interface().(Part).Digest())
	}
	switch t.Kind() {
	case reflect.String:
		return str(append(b, 's'), v.String())
	case reflect.Bool:
		if v.Bool() {
			return append(b, 'T')
		}
		return append(b, 'F')
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(append(b, 'i'), v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(append(b, 'u'), v.Uint())
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(append(b, 'f'), math.Float64bits(v.Float()))
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 'n')
		}
		return encode(append(b, '*'), v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return append(b, 'n')
		}
		e := v.Elem()
		return encode(str(append(b, 'I'), e.Type().String()), e)
	case reflect.Struct:
		b = str(append(b, '{'), t.String())
		for i := range v.NumField() {
			b = encode(str(b, t.Field(i).Name), v.Field(i))
		}
		return append(b, '}')
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && v.IsNil() {
			return append(b, 'n')
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return str(append(b, 'B'), string(v.Bytes()))
		}
		b = binary.AppendUvarint(append(b, '['), uint64(v.Len()))
		for i := range v.Len() {
			b = encode(b, v.Index(i))
		}
		return append(b, ']')
	case reflect.Map:
		if v.IsNil() {
			return append(b, 'n')
		}
		type entry struct{ k, v []byte }
		entries := make([]entry, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			entries = append(entries, entry{encode(nil, it.Key()), encode(nil, it.Value())})
		}
		slices.SortFunc(entries, func(a, b entry) int { return bytesCompare(a.k, b.k) })
		b = binary.AppendUvarint(append(b, 'm'), uint64(len(entries)))
		for _, e := range entries {
			b = append(append(b, e.k...), e.v...)
		}
		return b
	}
	panic(fmt.Sprintf("incr: cannot key a value of type %s", t))
}

func str(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func bytesCompare(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return len(a) - len(b)
}
