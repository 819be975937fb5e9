package assessment

import (
	"math"
	"slices"
	"strings"

	"scorebook/generator/internal/tomlfile"
)

// Confidence values of a long-form rating.
const (
	ConfidenceLow    = "low"
	ConfidenceMedium = "medium"
	ConfidenceHigh   = "high"
)

var ratingKeys = []string{"level", "evidence", "confidence", "exempt", "reason"}

// Confidences are the confidence values a long-form rating may give.
var Confidences = []string{ConfidenceLow, ConfidenceMedium, ConfidenceHigh}

const ratingForms = `a level such as 3, a table such as { level = 3, evidence = "...", confidence = "high" }, or { exempt = true, reason = "..." }`

// UnmarshalTOMLValue decodes a rating from its short form (a whole number)
// or its long form (an inline table). Whether the level lies inside the
// model's scale is checked later, against the model.
func (r *Rating) UnmarshalTOMLValue(dec *tomlfile.Decoder, path []string, v any) {
	switch v := v.(type) {
	case int64, float64:
		level, ok := wholeLevel(v)
		if !ok {
			r.invalid = true
			dec.Errorf(path, "%s: expected a whole-number level, found %s", tomlfile.Label(path), tomlfile.Describe(v))
			return
		}
		r.Level = level
	case map[string]any:
		r.long(dec, path, v)
	default:
		r.invalid = true
		dec.Errorf(path, "%s: expected %s; found %s", tomlfile.Label(path), ratingForms, tomlfile.Describe(v))
	}
}

// wholeLevel accepts 3 and 3.0 (as the decoder does for whole numbers
// everywhere) but not 2.5, nor numbers too large to be any level.
func wholeLevel(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return 0, false
		}
		return int(n), true
	case float64:
		if n != math.Trunc(n) || n < math.MinInt32 || n > math.MaxInt32 {
			return 0, false
		}
		return int(n), true
	}
	return 0, false
}

func (r *Rating) long(dec *tomlfile.Decoder, path []string, m map[string]any) {
	at := func(k string) []string { return append(slices.Clip(path), k) }
	label := tomlfile.Label(path)
	for k := range m {
		if !slices.Contains(ratingKeys, k) {
			dec.Doc.KeyErrorf(&dec.Errs, at(k), "unknown key %q in %s; expected one of: %s", k, label, strings.Join(ratingKeys, ", "))
			r.invalid = true
		}
	}
	str := func(k string, out *string) {
		if v, ok := m[k]; ok {
			n := len(dec.Errs)
			dec.Value(at(k), v, out)
			if len(dec.Errs) > n {
				r.invalid = true
			}
		}
	}
	str("evidence", &r.Evidence)
	str("reason", &r.Reason)
	str("confidence", &r.Confidence)
	if _, ok := m["confidence"]; ok && !slices.Contains(Confidences, r.Confidence) && !r.invalid {
		dec.Errorf(at("confidence"), "%s.confidence: expected one of: %s; found %q", label, strings.Join(Confidences, ", "), r.Confidence)
		r.invalid = true
	}
	exemptBad := false
	if v, ok := m["exempt"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			exemptBad = true
			dec.Errorf(at("exempt"), "%s.exempt: expected true or false, found %s", label, tomlfile.Describe(v))
			r.invalid = true
		}
		r.Exempt = b
	}
	level, hasLevel := m["level"]
	switch {
	case r.Exempt && hasLevel:
		dec.Doc.KeyErrorf(&dec.Errs, at("level"), "%s: an exempt criterion has no level; remove level, or remove exempt = true", label)
		r.invalid = true
	case r.Exempt:
		if strings.TrimSpace(r.Reason) == "" {
			dec.Errorf(at("exempt"), "%s: exempt = true needs a reason = \"...\" saying why the criterion does not apply", label)
			r.invalid = true
		}
	case !hasLevel:
		if !exemptBad {
			dec.Errorf(path, "%s: expected level = <number> in the table (or exempt = true with a reason)", label)
		}
		r.invalid = true
	default:
		n, ok := wholeLevel(level)
		if !ok {
			dec.Errorf(at("level"), "%s.level: expected a whole-number level, found %s", label, tomlfile.Describe(level))
			r.invalid = true
			break
		}
		r.Level = n
		if _, hasReason := m["reason"]; hasReason {
			dec.Doc.KeyErrorf(&dec.Errs, at("reason"), "%s: reason is only for exempt criteria; put notes on a rated criterion in evidence", label)
			r.invalid = true
		}
	}
}
