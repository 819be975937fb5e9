// Package model holds the scoring model: the rubric of dimensions and
// criteria, the level scale, maturity bands, patterns, platforms, use-case
// domains, team-size bands and the thresholds of every check. The model is
// data read from site.toml, never constants in code, so that it can be
// versioned and reviewed with the content it scores.
package model

// Model is the whole rubric. Its Version is stamped on every scorecard so
// that scores made under different rubrics are never compared silently.
type Model struct {
	Version     string      `toml:"version"`
	Aggregation string      `toml:"aggregation"` // "weighted-mean" (the default and only option today)
	Scale       Scale       `toml:"scale"`
	Levels      []Band      `toml:"levels"`
	Dimensions  []Dimension `toml:"dimensions"`
	Patterns    []Pattern   `toml:"patterns"`
	Profiles    []Profile   `toml:"profiles"`
	Platforms   []Platform  `toml:"platforms"`
	Domains     []Domain    `toml:"domains"`
	Cadences    []Cadence   `toml:"cadences"`
	TeamBands   []TeamBand  `toml:"team_bands"`
	Checks      []Check     `toml:"checks"`
}

// Scale is the whole-number range of criterion levels, with a short name
// for each level (Names[0] names level Min).
type Scale struct {
	Min   int      `toml:"min"`
	Max   int      `toml:"max"`
	Names []string `toml:"names,name"`
}

// Band is a named maturity band. A score belongs to the band with the
// greatest Min that is at most the score.
type Band struct {
	Name    string  `toml:"name,name"`
	Min     float64 `toml:"min"`
	Summary string  `toml:"summary"`
}

// Dimension is one of the weighted areas a brand is scored on.
type Dimension struct {
	ID       string      `toml:"id,name"`
	Name     string      `toml:"name,name"`
	Weight   float64     `toml:"weight"`
	Summary  string      `toml:"summary"`
	Criteria []Criterion `toml:"criteria"`
}

// Criterion is one thing assessed within a dimension. Levels describes what
// each level of the scale looks like in practice, lowest first.
type Criterion struct {
	ID      string   `toml:"id,name"`
	Name    string   `toml:"name,name"`
	Weight  float64  `toml:"weight"`
	Summary string   `toml:"summary"`
	Levels  []string `toml:"levels"`
}

// Pattern is an integration architecture pattern. Profile gives, per
// dimension id, the id of a Profile (such as "high" or "medium") describing
// how the pattern tends to score. Demands gives, per dimension id, the
// minimum dimension score a brand needs to run the pattern well; it is not
// written in the model but follows from the profile by one rule, the
// Demand of each dimension's Profile (see DeriveDemands).
type Pattern struct {
	ID      string             `toml:"id,name"`
	Name    string             `toml:"name,name"`
	Summary string             `toml:"summary"`
	Profile map[string]string  `toml:"profile"`
	Demands map[string]float64 `toml:"-"`
	// LeansOn gives the criteria the pattern rests on most, keyed
	// "<dimension-id>.<criterion-id>" (the event backbone for an
	// event-driven estate, the iPaaS for a hub), each with the level the
	// pattern needs of it.
	LeansOn map[string]int `toml:"leans_on"`
	// MinEngineers is the dedicated integration headcount below which the
	// pattern is flagged as not ready (0: no requirement).
	MinEngineers int `toml:"min_engineers"`
}

// Profile names a qualitative strength ("high", "medium") and the score it
// is drawn at on charts. Demand is the dimension score a pattern asks of a
// brand on every dimension where its profile has this strength; 0 asks
// nothing.
type Profile struct {
	ID     string  `toml:"id,name"`
	Name   string  `toml:"name,name"`
	Score  float64 `toml:"score"`
	Demand float64 `toml:"demand"`
}

// Platform is a commerce platform a brand may run on.
type Platform struct {
	ID      string `toml:"id,name"`
	Name    string `toml:"name,name"`
	Summary string `toml:"summary"`
}

// Domain is a use-case domain with the cadence class it needs:
// "real-time" or "batch".
type Domain struct {
	ID      string `toml:"id,name"`
	Name    string `toml:"name,name"`
	Cadence string `toml:"cadence"`
	Why     string `toml:"why"`
}

// Cadence is one of the cadences a use case may run at, with the class
// ("real-time" or "batch") it counts as.
type Cadence struct {
	ID    string `toml:"id,name"`
	Class string `toml:"class"`
}

// TeamBand is the dedicated integration headcount typical for a range of
// annual omnichannel revenue, in millions of US dollars. MaxRevenue 0 means
// no upper bound.
type TeamBand struct {
	Name         string  `toml:"name,name"`
	MinRevenue   float64 `toml:"min_revenue_musd"`
	MaxRevenue   float64 `toml:"max_revenue_musd"`
	MinEngineers int     `toml:"min_engineers"`
	MaxEngineers int     `toml:"max_engineers"`
}

// Check enables a named check and sets its thresholds. Params holds the
// check's numeric thresholds by name; each check documents the ones it reads.
// Criterion names, as "<dimension-id>.<criterion-id>", the criterion a check
// reads when it needs one (the iPaaS layer for team size, the governance
// forum for the governance-forum check).
type Check struct {
	ID        string             `toml:"id,name"`
	Name      string             `toml:"name,name"`
	Summary   string             `toml:"summary"`
	Params    map[string]float64 `toml:"params"`
	Criterion string             `toml:"criterion"`
}

// Cadence classes.
const (
	RealTime = "real-time"
	Batch    = "batch"
)

// CheckParam is a threshold a check reads, by name, with the kind of value
// it takes, so that the site settings can refuse a value out of range.
type CheckParam struct {
	Name string
	Kind ParamKind
}

// ParamKind is what a check threshold measures.
type ParamKind int

const (
	// Days is a number of days, from 0 to 36,500.
	Days ParamKind = iota
	// Share is a fraction from 0 to 1 (a rate, a coverage).
	Share
	// Level is a criterion level on the model's scale.
	Level
	// Gap is a difference of scores or levels, from 0 to the scale's span.
	Gap
	// Count is a whole number of things (runs), from 0 to 1,000,000,000.
	Count
)
