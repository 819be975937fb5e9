package tomlfile

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/inputtext"
)

// Unmarshaler is implemented by types that decode themselves from a raw
// TOML value (an int64, float64, string, bool, time.Time, []any or
// map[string]any), reporting problems through dec.
type Unmarshaler interface {
	UnmarshalTOMLValue(dec *Decoder, path []string, v any)
}

// Decoder decodes the values of one Doc into Go values, collecting errors.
//
// Every string follows inputtext's rule: a field tagged `toml:"key,name"`
// (a name or an id) is refused when it holds a control character or only
// invisible ones; any other string has its control characters removed.
type Decoder struct {
	Doc  *Doc
	Errs diag.List

	asName bool // decoding a field tagged ,name
}

// Decode fills out, a pointer to a struct, from the whole document and
// returns every problem found.
func Decode(doc *Doc, out any) diag.List {
	dec := &Decoder{Doc: doc}
	dec.Value(nil, doc.Root, out)
	return dec.Errs
}

// Errorf reports a problem with the value at path.
func (dec *Decoder) Errorf(path []string, format string, args ...any) {
	dec.Doc.Errorf(&dec.Errs, path, format, args...)
}

// Value decodes v, found at path, into out, which must be a pointer.
func (dec *Decoder) Value(path []string, v any, out any) {
	dec.decode(path, v, reflect.ValueOf(out).Elem())
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
)

func (dec *Decoder) decode(path []string, v any, rv reflect.Value) {
	if rv.CanAddr() && rv.Addr().Type().Implements(unmarshalerType) {
		rv.Addr().Interface().(Unmarshaler).UnmarshalTOMLValue(dec, path, v)
		return
	}
	if rv.Kind() == reflect.Pointer {
		elem := reflect.New(rv.Type().Elem())
		dec.decode(path, v, elem.Elem())
		rv.Set(elem)
		return
	}
	if rv.Type() == timeType {
		t, ok := v.(time.Time)
		if !ok || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
			dec.Errorf(path, "%s: expected a date such as 2026-09-30 (without quotes), found %s", Label(path), Describe(v))
			return
		}
		rv.Set(reflect.ValueOf(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)))
		return
	}
	switch rv.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			dec.Errorf(path, "%s: expected a string in quotes, found %s", Label(path), Describe(v))
			return
		}
		if dec.asName {
			// Kept as written, so that no second problem says it is empty:
			// the file is refused.
			if problem := inputtext.NameProblem(s); problem != "" {
				dec.Errorf(path, "%s: %s", Label(path), problem)
			}
		} else {
			s = inputtext.Prose(s)
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			dec.Errorf(path, "%s: expected true or false, found %s", Label(path), Describe(v))
			return
		}
		rv.SetBool(b)
	case reflect.Int, reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			if f, isFloat := v.(float64); isFloat && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
				n, ok = int64(f), true
			}
		}
		if !ok {
			dec.Errorf(path, "%s: expected a whole number, found %s", Label(path), Describe(v))
			return
		}
		rv.SetInt(n)
	case reflect.Float64:
		switch n := v.(type) {
		case int64:
			rv.SetFloat(float64(n))
		case float64:
			if math.IsNaN(n) || math.IsInf(n, 0) {
				dec.Errorf(path, "%s: expected a finite number, found %s", Label(path), Describe(v))
				return
			}
			rv.SetFloat(n)
		default:
			dec.Errorf(path, "%s: expected a number, found %s", Label(path), Describe(v))
		}
	case reflect.Slice:
		dec.slice(path, v, rv)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			dec.Errorf(path, "%s: expected a table, found %s", Label(path), Describe(v))
			return
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			elem := reflect.New(rv.Type().Elem()).Elem()
			dec.decode(appendPath(path, k), m[k], elem)
			out.SetMapIndex(reflect.ValueOf(k), elem)
		}
		rv.Set(out)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			dec.Errorf(path, "%s: expected a table, found %s", Label(path), Describe(v))
			return
		}
		dec.structFields(path, m, rv)
	default:
		dec.Errorf(path, "%s: cannot decode into %s", Label(path), rv.Type())
	}
}

func (dec *Decoder) slice(path []string, v any, rv reflect.Value) {
	var elems []any
	switch s := v.(type) {
	case []any:
		elems = s
	case []map[string]any:
		for _, m := range s {
			elems = append(elems, m)
		}
	default:
		dec.Errorf(path, "%s: expected an array, found %s", Label(path), Describe(v))
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(elems), len(elems))
	for i, e := range elems {
		dec.decode(appendPath(path, strconv.Itoa(i)), e, out.Index(i))
	}
	rv.Set(out)
}

func (dec *Decoder) structFields(path []string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	known := make([]string, 0, t.NumField())
	fields := map[string]int{}
	names := map[int]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		fields[name] = i
		names[i] = opts == "name"
		known = append(known, name)
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		i, ok := fields[k]
		if !ok {
			dec.Doc.KeyErrorf(&dec.Errs, appendPath(path, k), "unknown key %q%s; expected one of: %s",
				k, in(path), strings.Join(known, ", "))
			continue
		}
		outer := dec.asName
		dec.asName = names[i]
		dec.decode(appendPath(path, k), m[k], rv.Field(i))
		dec.asName = outer
	}
}

func in(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return " in " + Label(path)
}

func appendPath(path []string, k string) []string {
	return append(slices.Clip(path), k)
}
