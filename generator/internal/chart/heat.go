package chart

import (
	"math"
	"strconv"
)

// HeatBuckets is the number of heat classes, heat-0 to heat-4.
const HeatBuckets = 5

// HeatClass returns the class of a portfolio heatmap cell for score on the
// scale min..max: "heat-0" (lowest fifth of the scale) to "heat-4" (highest
// fifth), or "heat-none" when there is no score or the scale is unusable.
// The classes are styled by CSS with text colours that keep contrast in
// light, dark and print; the cell should still show the number, so that
// the colour is never the only cue.
func HeatClass(score *float64, min, max float64) string {
	if score == nil || !finite(*score) || !finite(min) || !finite(max) || !(max > min) {
		return "heat-none"
	}
	b := int(math.Floor(fraction(*score, min, max) * HeatBuckets))
	if b >= HeatBuckets {
		b = HeatBuckets - 1
	}
	return "heat-" + strconv.Itoa(b)
}
