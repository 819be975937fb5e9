// Package sarif writes problems found in a site's input files as SARIF
// 2.1.0, the format code-scanning views (GitHub code scanning, editors'
// SARIF viewers) read: one rule per kind of problem, with a help text and a
// link, and each result at its file, line and column. It is pure:
// diagnostics in, JSON out.
package sarif

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"

	"scorebook/generator/internal/diag"
)

// Version and Schema identify the SARIF dialect written.
const (
	Version = "2.1.0"
	Schema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// srcRoot is the base id every artifact location is relative to.
const srcRoot = "SRCROOT"

// Tool names the program that found the problems.
type Tool struct {
	Name    string
	Version string
	URI     string // where to read about the tool; may be empty
}

// Log is a SARIF log with one run. Its field names are SARIF's.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one run of one tool.
type Run struct {
	Tool               ToolComponent          `json:"tool"`
	OriginalURIBaseIDs map[string]ArtifactURI `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                 `json:"columnKind"`
	Results            []Result               `json:"results"`
}

// ToolComponent holds the tool's driver.
type ToolComponent struct {
	Driver Driver `json:"driver"`
}

// Driver describes the tool and every rule it may report.
type Driver struct {
	Name           string       `json:"name"`
	Version        string       `json:"version,omitempty"`
	InformationURI string       `json:"informationUri,omitempty"`
	Rules          []Descriptor `json:"rules"`
}

// Descriptor is one rule: one kind of problem.
type Descriptor struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     Message       `json:"shortDescription"`
	FullDescription      Message       `json:"fullDescription"`
	Help                 Help          `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration Configuration `json:"defaultConfiguration"`
}

// Configuration gives a rule's default level.
type Configuration struct {
	Level string `json:"level"`
}

// Message is plain text.
type Message struct {
	Text string `json:"text"`
}

// Help is a rule's help, in plain text and Markdown.
type Help struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

// ArtifactURI is a URI, possibly relative to a base id.
type ArtifactURI struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Result is one problem.
type Result struct {
	RuleID    string     `json:"ruleId"`
	RuleIndex int        `json:"ruleIndex"`
	Level     string     `json:"level"`
	Message   Message    `json:"message"`
	Locations []Location `json:"locations"`
}

// Location is where a result was found.
type Location struct {
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
}

// PhysicalLocation is a file and, when known, a place in it.
type PhysicalLocation struct {
	ArtifactLocation ArtifactURI `json:"artifactLocation"`
	Region           *Region     `json:"region"`
}

// Region is a 1-based line and column.
type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// New returns the SARIF log of all, found under the source folder srcDir
// (an absolute path, or "" to leave the base unstated). Every rule is
// listed whether or not it was reported, so that a viewer can explain each.
func New(tool Tool, srcDir string, all diag.List) *Log {
	driver := Driver{Name: tool.Name, Version: tool.Version, InformationURI: tool.URI}
	index := map[string]int{}
	for i, r := range Rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, Descriptor{
			ID:                   r.ID,
			Name:                 r.Name,
			ShortDescription:     Message{r.Short},
			FullDescription:      Message{r.Help},
			Help:                 Help{Text: r.Help, Markdown: r.Help},
			HelpURI:              r.HelpURI,
			DefaultConfiguration: Configuration{Level: level(r.Severity)},
		})
	}
	run := Run{Tool: ToolComponent{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []Result{}}
	if srcDir != "" {
		base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(srcDir)}).String()
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		run.OriginalURIBaseIDs = map[string]ArtifactURI{srcRoot: {URI: base}}
	}
	for _, d := range all {
		r := Classify(d)
		// GitHub code scanning places only results with a line: a problem
		// with a whole file or folder sits at its first line.
		loc := PhysicalLocation{ArtifactLocation: ArtifactURI{URI: relativeURI(d.Path), URIBaseID: srcRoot},
			Region: &Region{StartLine: max(d.Line, 1)}}
		if d.Line > 0 {
			loc.Region.StartColumn = max(d.Col, 0)
		}
		run.Results = append(run.Results, Result{
			RuleID:    r.ID,
			RuleIndex: index[r.ID],
			Level:     level(d.Severity),
			Message:   Message{d.Message},
			Locations: []Location{{PhysicalLocation: loc}},
		})
	}
	return &Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// JSON encodes the log, indented, ending in a newline.
func (l *Log) JSON() []byte {
	data, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		panic(err) // strings and numbers always encode
	}
	return append(data, '\n')
}

func level(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

// relativeURI escapes a slash path as a relative URI reference (url adds
// "./" before a first segment holding a colon, so it is never a scheme).
func relativeURI(p string) string {
	if p == "" {
		p = "."
	}
	return (&url.URL{Path: p}).String()
}
