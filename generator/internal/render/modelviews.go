package render

import (
	"maps"
	"slices"
	"strconv"

	"scorebook/generator/internal/chart"
	template "scorebook/generator/internal/gotemplate/html"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
)

// DimensionView is a dimension's model-driven page: its criteria, weights
// and what each level looks like.
type DimensionView struct {
	Dimension   *model.Dimension
	WeightShare float64 // the dimension's share of all dimension weight
	LevelNames  []string
	Criteria    []CriterionView
	Patterns    []ProfileCell // how each pattern tends to score here
}

// CriterionView is one criterion with its level descriptions.
type CriterionView struct {
	Criterion   *model.Criterion
	WeightShare float64 // share of the dimension's criterion weight
	Levels      []LevelDescription
}

// LevelDescription is what one level of a criterion looks like.
type LevelDescription struct {
	Level int
	Name  string
	Text  string
}

// ProfileCell is one pattern's profile on one dimension.
type ProfileCell struct {
	Pattern  Link
	Profile  string  // "High", "Medium"
	Score    float64 // where the profile is drawn
	Demand   *float64
	Strength string // profile id, for styling
}

// PatternView is a pattern's model-driven page.
type PatternView struct {
	Pattern      *model.Pattern
	Profile      []ProfileCell // per dimension, in model order (Pattern holds the dimension name)
	Dimensions   []Link
	Brands       []Link // listed brands running or planning the pattern
	Radar        template.HTML
	MinEngineers int
	LeansOn      []LeanedOn // in model order
}

// LeanedOn is a criterion a pattern rests on, with the level it needs:
// Criterion links to the level table of the criterion's dimension page.
type LeanedOn struct {
	Criterion Link
	Dimension string // the dimension's name
	Level     int
	LevelName string
	Text      string // what the needed level looks like
}

// CheckView is a check's model-driven page: its thresholds and where it
// fires in the portfolio.
type CheckView struct {
	Check  *model.Check
	Params []Param
	Brands []Link // listed brands where the check fires now
}

// Param is one named threshold of a check.
type Param struct {
	Name  string
	Value string
}

// PatternsView is the pattern comparison: the profiles side by side.
type PatternsView struct {
	Dimensions []Link
	Rows       []PatternRow
	Chart      template.HTML
}

// PatternRow is one pattern across every dimension.
type PatternRow struct {
	Pattern Link
	Summary string
	Cells   []ProfileCell
	Brands  []Link
	Planned []Link
}

// ScoringView is the "How scores are computed" page, generated from the
// model, with a worked example.
type ScoringView struct {
	Model      *model.Model
	LevelNames []string
	Dimensions []DimensionWeight
	Example    *ScorecardView // a worked example, from a listed brand or a built-in one
}

// DimensionWeight is one dimension's weight and its share of the total.
type DimensionWeight struct {
	Link   Link
	Weight float64
	Share  float64
}

// NewDimensionView builds the page view of dimension d.
func NewDimensionView(m *model.Model, d *model.Dimension) *DimensionView {
	v := &DimensionView{Dimension: d, LevelNames: levelNames(m)}
	var total, crit float64
	for _, x := range m.Dimensions {
		total += x.Weight
	}
	for _, c := range d.Criteria {
		crit += c.Weight
	}
	v.WeightShare = d.Weight / total
	for i := range d.Criteria {
		c := &d.Criteria[i]
		cv := CriterionView{Criterion: c, WeightShare: c.Weight / crit}
		for j, text := range c.Levels {
			lvl := m.Scale.Min + j
			cv.Levels = append(cv.Levels, LevelDescription{Level: lvl, Name: m.LevelName(lvl), Text: text})
		}
		v.Criteria = append(v.Criteria, cv)
	}
	for i := range m.Patterns {
		p := &m.Patterns[i]
		v.Patterns = append(v.Patterns, profileCell(m, p, d.ID))
	}
	return v
}

func profileCell(m *model.Model, p *model.Pattern, dimID string) ProfileCell {
	cell := ProfileCell{Pattern: Link{Title: p.Name, URL: routes.Pattern(p.ID)}, Strength: p.Profile[dimID]}
	for _, pr := range m.Profiles {
		if pr.ID == cell.Strength {
			cell.Profile, cell.Score = pr.Name, pr.Score
		}
	}
	if d, ok := p.Demands[dimID]; ok {
		cell.Demand = &d
	}
	return cell
}

// NewCheckView builds the page view of check c; brands are the listed
// brands it currently fires for.
func NewCheckView(c *model.Check, brands []Link) *CheckView {
	v := &CheckView{Check: c, Brands: brands}
	for _, name := range slices.Sorted(maps.Keys(c.Params)) {
		v.Params = append(v.Params, Param{Name: name, Value: strconv.FormatFloat(c.Params[name], 'f', -1, 64)})
	}
	return v
}

// NewScoringView builds the "How scores are computed" view.
func NewScoringView(m *model.Model, example *ScorecardView) *ScoringView {
	v := &ScoringView{Model: m, LevelNames: levelNames(m), Example: example}
	var total float64
	for _, d := range m.Dimensions {
		total += d.Weight
	}
	for _, d := range m.Dimensions {
		v.Dimensions = append(v.Dimensions, DimensionWeight{
			Link:   Link{Title: d.Name, URL: routes.Dimension(d.ID)},
			Weight: d.Weight, Share: d.Weight / total,
		})
	}
	return v
}

func levelNames(m *model.Model) []string {
	var names []string
	for l := m.Scale.Min; l <= m.Scale.Max; l++ {
		names = append(names, m.LevelName(l))
	}
	return names
}

// NewPatternView builds the page view of pattern p, with the listed brands
// that run or plan it.
func NewPatternView(m *model.Model, p *model.Pattern, brands []PatternMember) *PatternView {
	v := &PatternView{Pattern: p, MinEngineers: p.MinEngineers}
	for _, d := range m.Dimensions {
		for _, c := range d.Criteria {
			level, ok := p.LeansOn[d.ID+"."+c.ID]
			if !ok {
				continue
			}
			lean := LeanedOn{Criterion: Link{Title: c.Name, URL: routes.CriterionLevel(d.ID, c.ID, level)},
				Dimension: d.Name, Level: level, LevelName: m.LevelName(level)}
			if i := level - m.Scale.Min; i >= 0 && i < len(c.Levels) {
				lean.Text = c.Levels[i]
			}
			v.LeansOn = append(v.LeansOn, lean)
		}
	}
	for _, d := range m.Dimensions {
		v.Profile = append(v.Profile, profileCell(m, p, d.ID))
		v.Dimensions = append(v.Dimensions, Link{Title: d.Name, URL: routes.Dimension(d.ID)})
	}
	for _, b := range brands {
		switch {
		case b.Pattern == p.ID:
			v.Brands = append(v.Brands, Link{Title: b.Brand, URL: b.URL, Note: "runs it now"})
		case b.Planned == p.ID:
			v.Brands = append(v.Brands, Link{Title: b.Brand, URL: b.URL, Note: "heading to it"})
		}
	}
	axes := make([]string, len(m.Dimensions))
	for i, d := range m.Dimensions {
		axes[i] = d.Name
	}
	v.Radar = chart.Radar(chart.RadarInput{Title: p.Name + " profile", Axes: axes, Min: float64(m.Scale.Min),
		Max: float64(m.Scale.Max), Series: []chart.Series{{Name: p.Name + " profile", Style: chart.StylePattern, Values: patternProfile(m, p)}}})
	return v
}
