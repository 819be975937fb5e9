package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strconv"
	"strings"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/score"
)

// dataJobs lists the site-wide files: the 404 page, the search index and
// page, the sitemap, model.json and scorecards/index.json.
func (s *site) dataJobs() []job {
	// Each key names only what its file shows: the listing files show every
	// page and every listed brand's name and date, not their scores.
	listing := func(kind string) string { return hashOf(kind, s.base, s.menu, s.nav, s.roster) }
	jobs := []job{
		{rel: "404.html", key: hashOf("404", s.base, s.menu), page: true, render: noLinks(func(s *site) ([]byte, error) {
			v := s.view(render.KindNotFound, "/404.html", "Page not found", "")
			v.Absolute = true
			return s.execute(v)
		})},
		{rel: "model.json", key: hashOf("model", s.base), render: noLinks(func(s *site) ([]byte, error) { return modelJSON(s.m) })},
		{rel: "scorecards/index.json", key: hashOf("index", s.base, s.portfolio), render: noLinks(func(s *site) ([]byte, error) { return s.indexJSON() })},
		{rel: "search.json", key: listing("search"), render: noLinks(func(s *site) ([]byte, error) { return s.searchJSON() })},
		{rel: "sitemap.xml", key: listing("sitemap"), render: noLinks(func(s *site) ([]byte, error) { return s.sitemap() })},
	}
	if s.tree.ByURL("/search/") == nil {
		jobs = append(jobs, job{rel: "search/index.html", key: listing("search page"), page: true, render: noLinks(func(s *site) ([]byte, error) {
			v := s.view(render.KindList, "/search/", "Every page", "Every page of the playbook and every listed scorecard, A to Z. With JavaScript on, the search box filters as you type.")
			v.Children = s.searchLinks()
			return s.execute(v)
		})})
	}
	return jobs
}

// encodeJSON writes v as indented JSON; encoding/json escapes <, > and &
// so that no string from an input can close a script element.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func scorecardJSON(c *score.Scorecard) ([]byte, error) { return encodeJSON(c) }

// modelJSON writes the rubric as the model.json contract describes it.
func modelJSON(m *model.Model) ([]byte, error) {
	type idName struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type criterion struct {
		ID     string  `json:"id"`
		Name   string  `json:"name"`
		Weight float64 `json:"weight"`
	}
	type dimension struct {
		ID       string      `json:"id"`
		Name     string      `json:"name"`
		Weight   float64     `json:"weight"`
		Criteria []criterion `json:"criteria"`
	}
	type level struct {
		Name string  `json:"name"`
		Min  float64 `json:"min"`
	}
	type domain struct {
		ID      string `json:"id"`
		Cadence string `json:"cadence"`
	}
	out := struct {
		Version string `json:"version"`
		Scale   struct {
			Min int `json:"min"`
			Max int `json:"max"`
		} `json:"scale"`
		Levels     []level     `json:"levels"`
		Dimensions []dimension `json:"dimensions"`
		Patterns   []idName    `json:"patterns"`
		Platforms  []idName    `json:"platforms"`
		Domains    []domain    `json:"domains"`
	}{Version: m.Version, Levels: []level{}, Dimensions: []dimension{}, Patterns: []idName{}, Platforms: []idName{}, Domains: []domain{}}
	out.Scale.Min, out.Scale.Max = m.Scale.Min, m.Scale.Max
	for _, b := range m.Levels {
		out.Levels = append(out.Levels, level{b.Name, b.Min})
	}
	for _, d := range m.Dimensions {
		dim := dimension{ID: d.ID, Name: d.Name, Weight: d.Weight, Criteria: []criterion{}}
		for _, c := range d.Criteria {
			dim.Criteria = append(dim.Criteria, criterion{c.ID, c.Name, c.Weight})
		}
		out.Dimensions = append(out.Dimensions, dim)
	}
	for _, p := range m.Patterns {
		out.Patterns = append(out.Patterns, idName{p.ID, p.Name})
	}
	for _, p := range m.Platforms {
		out.Platforms = append(out.Platforms, idName{p.ID, p.Name})
	}
	for _, d := range m.Domains {
		out.Domains = append(out.Domains, domain{d.ID, d.Cadence})
	}
	return encodeJSON(out)
}

// indexJSON lists every listed brand with its current overall score.
// indexEntry is one listed brand in scorecards/index.json.
type indexEntry struct {
	Slug     string         `json:"slug"`
	Brand    string         `json:"brand"`
	Assessed string         `json:"assessed"`
	URL      string         `json:"url"`
	Platform string         `json:"platform"`
	Pattern  string         `json:"pattern"`
	Overall  score.Overall  `json:"overall"`
	Findings map[string]int `json:"findings"`
}

// indexJSON writes scorecards/index.json from each listed brand's entry,
// encoded once per brand and kept with its scorecards: the file is what
// encodeJSON makes of {"model_version": …, "brands": [entry, …]}.
func (s *site) indexJSON() ([]byte, error) {
	version, err := json.Marshal(s.m.Version)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("{\n  \"model_version\": ")
	b.Write(version)
	b.WriteString(",\n  \"brands\": [")
	for i, brand := range s.listed {
		entry, err := brand.cc.indexEntry(func() indexEntry { return s.indexEntry(brand) })
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		b.Write(entry)
	}
	if len(s.listed) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes(), nil
}

func (s *site) indexEntry(b *brandOut) indexEntry {
	c := b.current()
	a := b.in.brand.Current()
	e := indexEntry{Slug: b.slug, Brand: c.Brand, Assessed: c.Assessed, URL: b.url, Platform: a.Platform,
		Pattern: a.Pattern, Overall: c.Overall, Findings: map[string]int{}}
	for _, sev := range score.Severities {
		e.Findings[sev] = 0
	}
	for _, f := range c.Findings {
		e.Findings[f.Severity]++
	}
	return e
}

// scorecardCSV writes one row per criterion of the current scorecard.
func scorecardCSV(m *model.Model, c *score.Scorecard) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"brand", "slug", "assessed", "model_version", "dimension_id", "dimension", "dimension_score",
		"criterion_id", "criterion", "weight", "level", "exempt", "reason", "evidence", "confidence"})
	for i, d := range c.Dimensions {
		dim := m.Dimensions[i]
		for j, cr := range d.Criteria {
			level := ""
			if cr.Level != nil {
				level = strconv.Itoa(*cr.Level)
			}
			w.Write(csvSafe(c.Brand, c.Slug, c.Assessed, c.ModelVersion, d.ID, dim.Name, optional(d.Score),
				cr.ID, dim.Criteria[j].Name, strconv.FormatFloat(dim.Criteria[j].Weight, 'f', -1, 64), level,
				strconv.FormatBool(cr.Exempt), cr.Reason, cr.Evidence, cr.Confidence))
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

func optional(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// csvSafe defuses cells a spreadsheet would run as a formula by prefixing
// them with an apostrophe. Numbers written by the generator are left alone.
func csvSafe(cells ...string) []string {
	for i, c := range cells {
		if c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			continue
		}
		if strings.ContainsRune("=+-@\t\r|", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

// searchEntry is one page in search.json.
type searchEntry struct {
	Title       string `json:"t"`
	URL         string `json:"u"`
	Description string `json:"d,omitempty"`
	Section     string `json:"s,omitempty"`
}

func (s *site) searchEntries() []searchEntry {
	var out []searchEntry
	seen := map[string]bool{}
	for _, p := range s.tree.Pages() {
		seen[p.URL] = true
		section := ""
		if sec := s.tree.Section(p.Section); sec != nil && !p.IsSection {
			section = sectionLink(sec).Title
		}
		out = append(out, searchEntry{p.Title, p.URL, p.Description, section})
	}
	for _, g := range s.modelPages() {
		if !seen[g.url] {
			seen[g.url] = true
			out = append(out, searchEntry{g.title, g.url, g.description, ""})
		}
	}
	for _, b := range s.listed {
		out = append(out, searchEntry{b.current().Brand, b.url, "Scorecard, assessed " + b.current().Assessed, "Scorecards"})
	}
	return out
}

func (s *site) searchJSON() ([]byte, error) { return encodeJSON(s.searchEntries()) }

func (s *site) searchLinks() []render.Link {
	entries := s.searchEntries()
	links := make([]render.Link, len(entries))
	for i, e := range entries {
		links[i] = render.Link{Title: e.Title, URL: e.URL, Description: e.Description}
	}
	sortLinks(links)
	return links
}

// sitemap lists every listed page, never an unlisted scorecard.
func (s *site) sitemap() ([]byte, error) {
	type url struct {
		Loc string `xml:"loc"`
	}
	out := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	var pages []string
	for _, p := range s.tree.Pages() {
		pages = append(pages, p.URL)
	}
	for _, g := range s.generatedPages() {
		pages = append(pages, g.url)
	}
	slices.Sort(pages)
	for _, u := range pages {
		out.URLs = append(out.URLs, url{base + u})
	}
	for _, b := range s.listed {
		for i := range b.cards {
			out.URLs = append(out.URLs, url{base + render.PageOfAssessment(b.url, b.cards[i].Assessed, i == len(b.cards)-1)})
		}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
