package cli

import (
	"strings"
	"time"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// existingName returns the brand's name from its latest assessment, or one
// made from the slug ("northwind-outfitters" → "Northwind Outfitters").
func existingName(src, slug string, m *model.Model) string {
	if b, errs := assessment.LoadBrand(src, slug, m, nil); b != nil && !errs.HasErrors() && len(b.Assessments) > 0 {
		return b.Name()
	}
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// millisecond picks a rounding that keeps durations readable.
func millisecond(d time.Duration) time.Duration {
	if d < 10*time.Millisecond {
		return 100 * time.Microsecond
	}
	return time.Millisecond
}
