package render

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"

	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/score"
)

// badgeColours shade a badge's value from the lowest band to the highest;
// each carries white text at a contrast of at least 4.5:1.
var badgeColours = []string{"#9b1c1c", "#8a4b00", "#6b5a00", "#1f5f99", "#2f6b3a"}

// BadgeAlt is the text a badge stands for: "Northwind: integration
// capability Managed, 3.06".
func BadgeAlt(card *score.Scorecard) string {
	return card.Brand + ": integration capability " + badgeValue(card)
}

func badgeValue(card *score.Scorecard) string {
	if card.Overall.Score == nil {
		return "not assessed"
	}
	v := FormatScore(card.Overall.Score)
	if card.Overall.Level != nil {
		v = *card.Overall.Level + ", " + v
	}
	return v
}

// BadgeSVG draws a brand's current level and overall score as a small
// self-contained SVG badge, with its text as an accessible title; the
// value's colour follows the band's rank in the model.
func BadgeSVG(m *model.Model, card *score.Scorecard) []byte {
	label, value := "integration capability", badgeValue(card)
	colour := "#4a5565"
	if card.Overall.Level != nil {
		mins := make([]float64, 0, len(m.Levels))
		rank := 0
		for _, b := range m.Levels {
			mins = append(mins, b.Min)
		}
		slices.Sort(mins)
		for i, b := range m.Levels {
			if b.Name == *card.Overall.Level {
				rank = slices.Index(mins, m.Levels[i].Min)
			}
		}
		if n := len(mins); n > 1 {
			colour = badgeColours[rank*(len(badgeColours)-1)/(n-1)]
		} else {
			colour = badgeColours[len(badgeColours)-1]
		}
	}
	// Widths at about 7 px a character of 11 px sans-serif; textLength
	// fits the text to them whatever font the reader has.
	lw, vw := 7*utf8.RuneCountInString(label)+12, 7*utf8.RuneCountInString(value)+12
	esc := template.HTMLEscapeString
	n := strconv.Itoa
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + n(lw+vw) + `" height="20" viewBox="0 0 ` + n(lw+vw) + ` 20" role="img" aria-labelledby="badge-title">`)
	b.WriteString(`<title id="badge-title">` + esc(BadgeAlt(card)) + `</title>`)
	b.WriteString(`<rect width="` + n(lw) + `" height="20" rx="3" fill="#3b4452"/>`)
	b.WriteString(`<rect x="` + n(lw) + `" width="` + n(vw) + `" height="20" rx="3" fill="` + colour + `"/>`)
	b.WriteString(`<rect x="` + n(lw) + `" width="4" height="20" fill="` + colour + `"/>`)
	b.WriteString(`<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">`)
	b.WriteString(`<text x="6" y="14" textLength="` + n(lw-12) + `" lengthAdjust="spacingAndGlyphs">` + esc(label) + `</text>`)
	b.WriteString(`<text x="` + n(lw+6) + `" y="14" textLength="` + n(vw-12) + `" lengthAdjust="spacingAndGlyphs">` + esc(value) + `</text>`)
	b.WriteString("</g></svg>\n")
	return b.Bytes()
}
