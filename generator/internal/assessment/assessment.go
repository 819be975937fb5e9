// Package assessment holds one brand's dated assessments as read from
// assessments/<brand-slug>/<YYYY-MM-DD>.toml, and loads and validates them
// against the scoring model. It knows nothing of scores or HTML.
package assessment

import (
	"strings"
	"time"

	"scorebook/generator/internal/tomlfile"
)

// Visibility values.
const (
	Listed   = "listed"
	Unlisted = "unlisted"
)

// Assessment is one dated assessment of one brand.
type Assessment struct {
	Path string `toml:"-"` // slash path relative to the site source, for messages
	Slug string `toml:"-"` // the brand folder's name
	Hash string `toml:"-"` // hex SHA-256 of the file's bytes, for caches

	Brand                string                       `toml:"brand,name"`
	Assessed             time.Time                    `toml:"assessed"` // midnight UTC
	Assessor             string                       `toml:"assessor,name"`
	Platform             string                       `toml:"platform,name"`
	Pattern              string                       `toml:"pattern,name"`
	PlannedPattern       string                       `toml:"planned_pattern,name"`
	Visibility           string                       `toml:"visibility,name"`
	RevenueMUSD          *float64                     `toml:"revenue_musd"`
	IntegrationEngineers *int                         `toml:"integration_engineers"`
	GoLive               *time.Time                   `toml:"go_live"` // when the current estate went live (second version)
	Scores               map[string]map[string]Rating `toml:"scores"`  // dimension id → criterion id → rating
	Targets              map[string]float64           `toml:"targets"` // dimension id → target score
	UseCases             []UseCase                    `toml:"use_cases"`
	Journeys             []Journey                    `toml:"journeys"`
	Operations           *Operations                  `toml:"operations"`
	// Summary is a few sentences for the reader, in Markdown (second
	// version of the format).
	Summary string `toml:"summary"`
	// Actions is the brand's own improvement plan (second version of the
	// format), in the order the file lists it.
	Actions []Action `toml:"actions"`

	brandPos tomlfile.Pos // where brand is written, for warnings across files
}

// Rating is the assessed level of one criterion, in the short form
// (`on-call = 3`) or the long form with evidence, or an exemption.
type Rating struct {
	Level      int
	Exempt     bool
	Reason     string // why the criterion does not apply, for exemptions
	Evidence   string
	Confidence string // "", "low", "medium" or "high"

	invalid bool // the value could not be decoded; already reported
}

// UseCase is one integration use case with the cadence it runs at.
type UseCase struct {
	Name    string `toml:"name,name"`
	Domain  string `toml:"domain,name"`
	Cadence string `toml:"cadence,name"`
}

// Journey is a customer-facing coherence test: a journey run end to end,
// counting the runs where the customer met an inconsistency.
type Journey struct {
	Name     string `toml:"name,name"`
	Runs     int    `toml:"runs"`
	Failures int    `toml:"failures"`
	Notes    string `toml:"notes"`
}

// Operations records who runs the integrations once they are built.
// EstateOwner and HypercareEnds are of the second version of the format.
type Operations struct {
	Owner            string     `toml:"owner,name"`
	RunbooksReviewed *time.Time `toml:"runbooks_reviewed"`
	OnCall           *bool      `toml:"on_call"`
	// EstateOwner says who holds the estate day to day: one of
	// EstateOwners, "" when not recorded.
	EstateOwner string `toml:"estate_owner,name"`
	// HypercareEnds is when the build partner's post-launch support ends
	// or ended.
	HypercareEnds *time.Time `toml:"hypercare_ends"`
}

// Who may hold the integration estate day to day ([operations]
// estate_owner).
const (
	OwnerInHouse        = "in-house"        // the brand's own team
	OwnerBuildPartner   = "build-partner"   // the firm that built it, still running it
	OwnerManagedService = "managed-service" // a partner contracted to run it, with terms
)

// EstateOwners lists the valid values of [operations] estate_owner.
var EstateOwners = []string{OwnerInHouse, OwnerBuildPartner, OwnerManagedService}

// Statuses of an action.
const (
	Planned    = "planned"
	InProgress = "in-progress"
	Done       = "done"
	Dropped    = "dropped"
)

// ActionStatuses lists every status an action may have, in the order work
// moves through them.
var ActionStatuses = []string{Planned, InProgress, Done, Dropped}

// Action is one step of a brand's own improvement plan.
type Action struct {
	Title string `toml:"title,name"`
	// Criterion is the criterion the action raises, written
	// "<dimension-id>.<criterion-id>"; "" when it raises none in
	// particular.
	Criterion string     `toml:"criterion,name"`
	Target    *int       `toml:"target"` // the level it aims for
	Owner     string     `toml:"owner,name"`
	Due       *time.Time `toml:"due"`
	Status    string     `toml:"status,name"`
}

// Open reports whether the action is still to be finished: planned or in
// progress.
func (a Action) Open() bool { return a.Status == Planned || a.Status == InProgress }

// Raises returns the dimension and criterion ids the action names; ok is
// false when it names none.
func (a Action) Raises() (dimension, criterion string, ok bool) {
	return strings.Cut(a.Criterion, ".")
}

// Brand is every assessment of one brand, oldest first. The newest is the
// brand's current scorecard.
type Brand struct {
	Slug        string
	Assessments []*Assessment
}

// Current returns the newest assessment.
func (b *Brand) Current() *Assessment { return b.Assessments[len(b.Assessments)-1] }

// Name returns the brand's display name, from its newest assessment.
func (b *Brand) Name() string { return b.Current().Brand }

// Listed reports whether the brand may appear in indexes: its newest
// assessment decides.
func (b *Brand) Listed() bool { return b.Current().Visibility != Unlisted }

// Date formats a date the way file names and the JSON contract write it.
func Date(t time.Time) string { return t.Format(time.DateOnly) }
