package sarif

import (
	"strings"

	"scorebook/generator/internal/diag"
)

// Rule is one kind of problem scorebook reports.
type Rule struct {
	ID       string
	Name     string // PascalCase, as SARIF viewers show it
	Short    string
	Help     string
	HelpURI  string
	Severity diag.Severity
	// markers are phrases of the messages of this kind; a diagnostic is of
	// the first rule one of whose markers its message contains.
	markers []string
}

// helpBase is where the rules' documentation lives: the README's sections,
// relative to the repository root the results are relative to.
const helpBase = "README.md#"

// Rules lists every kind of problem, most specific first. The last two
// catch what no earlier rule names, by severity.
var Rules = []Rule{
	{ID: "SB001", Name: "InvalidToml", Short: "The file is not valid TOML or text.",
		Help:    "The file could not be read as TOML (or as UTF-8 text). Fix the syntax at the position given: a missing quote, bracket or equals sign, or a duplicate key.",
		HelpURI: helpBase + "assessment-files", markers: []string{"invalid TOML", "not valid UTF-8", "NUL byte", "the file is empty", "the page is empty"}},
	{ID: "SB002", Name: "StaleSchema", Short: "The committed assessment schema does not match the model.",
		Help:    "assessments/.schema.json is the copy of the assessment JSON Schema editors read. It no longer matches the model in site.toml; run `scorebook schema -write` and commit the result.",
		HelpURI: helpBase + "assessment-files", markers: []string{"schema is stale"}},
	{ID: "SB003", Name: "UnknownKey", Short: "A key the format does not have.",
		Help:    "The key is not part of the file's format, often a misspelling. The message lists the keys expected at that place.",
		HelpURI: helpBase + "assessment-files", markers: []string{"unknown key"}},
	{ID: "SB004", Name: "UnknownId", Short: "An id the scoring model does not define.",
		Help:    "The value or key names a dimension, criterion, platform, pattern, domain, cadence or check that the model in site.toml does not define. Use one of the ids the message lists, or add the id to the model.",
		HelpURI: helpBase + "assessment-files", markers: []string{"unknown "}},
	{ID: "SB005", Name: "LevelOutsideScale", Short: "A level or target outside the model's scale.",
		Help:    "Criterion levels are whole numbers within the model's scale (by default 0 to 4), and targets are scores within it.",
		HelpURI: helpBase + "how-scores-are-computed", markers: []string{"outside the scale"}},
	{ID: "SB006", Name: "DateMismatch", Short: "The assessment date disagrees with the file name.",
		Help:    "An assessment file is named by its date: assessed = 2026-09-30 belongs in 2026-09-30.toml. Rename the file or correct the date.",
		HelpURI: helpBase + "assessment-files", markers: []string{"does not match the file name"}},
	{ID: "SB007", Name: "BrokenLink", Short: "A link to a page or file the site does not have.",
		Help:    "A link in a page leads to an address no page or file of the site has. Correct the address, or add the page it points to.",
		HelpURI: helpBase + "repository-layout", markers: []string{"leads nowhere"}},
	{ID: "SB008", Name: "MissingValue", Short: "A required value is missing or empty.",
		Help:    "The value is required here (a brand's name, an assessment date, a page title, a use case's domain...) and is absent or empty.",
		HelpURI: helpBase + "assessment-files", markers: []string{"required;", "has no title", "must not be empty", "found an empty string"}},
	{ID: "SB009", Name: "FileLayout", Short: "A file or folder that does not fit the site's layout.",
		Help:    "Assessments live at assessments/<brand-slug>/<YYYY-MM-DD>.toml and pages under content/; a folder name must be a slug, each page must have its own address, files must be regular files within the size limits.",
		HelpURI: helpBase + "repository-layout", markers: []string{"not a brand slug", "is not an assessment", "expected only", "regular file", "symbolic link", "would be published at", "a second assessment", "may be at most", "no assessments in this brand folder"}},
	{ID: "SB010", Name: "InvalidValue", Short: "A value of the wrong type or outside what is allowed.",
		Help:    "The value has the wrong type (a string where a number is expected, a quoted date) or a figure that cannot be (more failures than runs, negative revenue). The message says what was expected.",
		HelpURI: helpBase + "assessment-files", markers: []string{"expected", "found"}},
	{ID: "SB098", Name: "InputWarning", Short: "Something in the input that is probably a mistake.",
		Help:    "A warning does not stop the build: a brand's name differing between its assessments, runbooks reviewed after the assessment date, an unlisted brand left out for want of a share key.",
		HelpURI: helpBase + "commands", Severity: diag.Warning},
	{ID: "SB099", Name: "InputError", Short: "A problem in the site's input that stops the build.",
		Help:    "The build cannot use this input as it is. The message says what is wrong and what was expected.",
		HelpURI: helpBase + "commands"},
}

// Classify returns the rule a diagnostic is reported under.
func Classify(d diag.Diagnostic) *Rule {
	for i := range Rules {
		r := &Rules[i]
		for _, m := range r.markers {
			if strings.Contains(d.Message, m) {
				return r
			}
		}
	}
	if d.Severity == diag.Warning {
		return &Rules[len(Rules)-2]
	}
	return &Rules[len(Rules)-1]
}
