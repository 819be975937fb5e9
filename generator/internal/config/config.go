// Package config loads site.toml: the site's settings and the scoring model
// (inline under [model], or in a separate file that site.toml names), and
// validates the model thoroughly so that scoring code can trust it.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"scorebook/generator/internal/fspath"
	"strings"

	"scorebook/generator/internal/diag"
	"scorebook/generator/internal/model"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/tomlfile"
)

// FileName is the name of the site configuration file in the source folder.
const FileName = routes.ConfigFile

// maxFileSize bounds site.toml and a model file; a real one is a few
// hundred kilobytes at most.
const maxFileSize = 8 << 20

// Site is the configuration of one site.
type Site struct {
	Title       string `toml:"title,name"`
	Description string `toml:"description"`
	// BaseURL is where the site is published: a path such as "/" or
	// "/playbook/", or an http(s) URL ending in a slash.
	BaseURL  string `toml:"base_url"`
	Language string `toml:"language,name"` // the pages' lang attribute, "en" by default
	// UnsafeHTML trusts raw HTML written in the playbook's Markdown.
	UnsafeHTML bool `toml:"unsafe_html"`
	// GitInfo shows on each scorecard the last commit that changed its
	// assessment file, when the site is in a git work tree.
	GitInfo bool `toml:"git_info"`
	// PortfolioPageSize is how many brands each page of the portfolio
	// (and of each of its filters) lists; 0 lists every brand on one
	// page. DefaultPortfolioPageSize when site.toml does not say.
	PortfolioPageSize int         `toml:"portfolio_page_size"`
	Model             model.Model `toml:"-"`

	// Hash is the hex SHA-256 of site.toml's bytes (followed by the model
	// file's bytes when the model lives in its own file), for caches.
	Hash string `toml:"-"`
	// ModelHash is the hex SHA-256 of a canonical encoding of Model only,
	// so caches of scores survive edits to the site's title.
	ModelHash string `toml:"-"`
	// ModelPath is the slash path, relative to the source folder, of the
	// file the model was read from: "site.toml" or the named model file.
	ModelPath string `toml:"-"`
	// Files lists the slash paths of every file read, site.toml first, so
	// a watcher knows which changes touch the configuration.
	Files []string `toml:"-"`
}

// siteFile is site.toml as written: the model is either a table or the
// path of a model file.
type siteFile struct {
	Title       string `toml:"title,name"`
	Description string `toml:"description"`
	BaseURL     string `toml:"base_url"`
	Language    string `toml:"language,name"`
	UnsafeHTML  bool   `toml:"unsafe_html"`
	GitInfo     bool   `toml:"git_info"`
	// PortfolioPageSize is nil when site.toml does not set it.
	PortfolioPageSize *int     `toml:"portfolio_page_size"`
	Model             modelRef `toml:"model"`
}

// DefaultPortfolioPageSize is the brands per portfolio page when site.toml
// does not set portfolio_page_size: a page small enough to load and
// rebuild quickly, large enough that most portfolios fit on one.
const DefaultPortfolioPageSize = 100

// maxPortfolioPageSize bounds portfolio_page_size.
const maxPortfolioPageSize = 100000

type modelRef struct {
	model  model.Model
	inline bool
	file   string
}

// UnmarshalTOMLValue accepts a [model] table or a model file's path.
func (r *modelRef) UnmarshalTOMLValue(dec *tomlfile.Decoder, p []string, v any) {
	switch v := v.(type) {
	case map[string]any:
		r.inline = true
		dec.Value(p, v, &r.model)
	case string:
		r.file = v
		if r.file == "" {
			dec.Errorf(p, "model: expected a [model] table or the path of a model file such as \"model.toml\", found an empty string")
		}
	default:
		dec.Errorf(p, "model: expected a [model] table or the path of a model file such as \"model.toml\", found %s", tomlfile.Describe(v))
	}
}

// Load reads and validates <srcDir>/site.toml. checks maps the id of every
// check implemented in code to the names of the parameters it reads; the
// model may enable only those checks and set only those parameters. A nil
// checks skips that validation (for tools that do not score).
//
// Site is nil whenever the returned list holds an error; warnings may
// accompany a valid Site.
func Load(srcDir string, checks map[string][]model.CheckParam) (*Site, diag.List) {
	data, err := fspath.ReadFile(filepath.Join(srcDir, FileName), maxFileSize)
	if err != nil {
		var errs diag.List
		if errors.Is(err, fs.ErrNotExist) {
			errs.Add(FileName, 0, 0, "not found in %s; a site needs a site.toml with its title and a [model] table (run scorebook in the site's folder, or pass -src)", srcDir)
		} else {
			errs.Add(FileName, 0, 0, "%v", err)
		}
		return nil, errs
	}
	return Parse(srcDir, data, checks)
}

// Parse decodes and validates data as the contents of site.toml. srcDir is
// only used to read a model file that site.toml names.
func Parse(srcDir string, data []byte, checks map[string][]model.CheckParam) (*Site, diag.List) {
	doc, errs := tomlfile.Parse(FileName, data)
	if doc == nil {
		return nil, errs
	}
	var raw siteFile
	errs = append(errs, tomlfile.Decode(doc, &raw)...)
	site := &Site{
		Title:             raw.Title,
		Description:       raw.Description,
		BaseURL:           raw.BaseURL,
		Language:          raw.Language,
		UnsafeHTML:        raw.UnsafeHTML,
		GitInfo:           raw.GitInfo,
		PortfolioPageSize: DefaultPortfolioPageSize,
		ModelPath:         FileName,
		Files:             []string{FileName},
	}
	hash := sha256.New()
	hash.Write(data)

	if n := raw.PortfolioPageSize; n != nil {
		site.PortfolioPageSize = *n
		if *n < 0 || *n > maxPortfolioPageSize {
			doc.Errorf(&errs, []string{"portfolio_page_size"}, "portfolio_page_size: expected the number of brands on each portfolio page, from 1 to %d, or 0 for every brand on one page; found %d", maxPortfolioPageSize, *n)
		}
	}
	site.settings(doc, &errs)

	switch {
	case raw.Model.inline:
		site.Model = raw.Model.model
		v := &validator{doc: doc, prefix: []string{"model"}, errs: &errs, m: &site.Model}
		v.model(doc.Root["model"].(map[string]any), checks)
	case raw.Model.file != "":
		mdoc, mdata := loadModelFile(srcDir, doc, raw.Model.file, &errs)
		if mdoc != nil {
			site.ModelPath = mdoc.Path
			site.Files = append(site.Files, mdoc.Path)
			hash.Write([]byte{0})
			hash.Write(mdata)
			errs = append(errs, tomlfile.Decode(mdoc, &site.Model)...)
			v := &validator{doc: mdoc, errs: &errs, m: &site.Model}
			v.model(mdoc.Root, checks)
		}
	case !hasKey(doc.Root, "model"):
		errs.Add(FileName, 1, 1, "no scoring model: expected a [model] table with version, scale, levels and dimensions, or model = \"<path of a model file>\"")
	}

	if errs.HasErrors() {
		errs.Sort()
		return nil, errs
	}
	site.Hash = hex.EncodeToString(hash.Sum(nil))
	canon, err := json.Marshal(&site.Model)
	if err != nil {
		errs.Add(site.ModelPath, 0, 0, "encode model for hashing: %v", err)
		return nil, errs
	}
	sum := sha256.Sum256(canon)
	site.ModelHash = hex.EncodeToString(sum[:])
	errs.Sort()
	return site, errs
}

func hasKey(m map[string]any, k string) bool {
	_, ok := m[k]
	return ok
}

var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// settings applies defaults to the site settings and checks them.
func (s *Site) settings(doc *tomlfile.Doc, errs *diag.List) {
	base, err := NormalizeBaseURL(s.BaseURL)
	if err != nil {
		doc.Errorf(errs, []string{"base_url"}, "base_url: %v", err)
	}
	s.BaseURL = base
	if s.Language == "" {
		s.Language = "en"
	} else if !languageTag.MatchString(s.Language) {
		doc.Errorf(errs, []string{"language"}, "language: expected a language tag such as \"en\" or \"en-GB\", found %q", s.Language)
	}
}

// loadModelFile reads the model file named in site.toml, which must stay
// inside the source folder.
func loadModelFile(srcDir string, site *tomlfile.Doc, name string, errs *diag.List) (*tomlfile.Doc, []byte) {
	bad := func(format string, args ...any) (*tomlfile.Doc, []byte) {
		site.Errorf(errs, []string{"model"}, "model: "+format, args...)
		return nil, nil
	}
	rel := path.Clean(filepath.ToSlash(name))
	if path.IsAbs(rel) || filepath.IsAbs(name) || rel == ".." || strings.HasPrefix(rel, "../") || filepath.VolumeName(name) != "" {
		return bad("the model file %q must be a path inside the site folder, such as \"model.toml\"", name)
	}
	full := filepath.Join(srcDir, filepath.FromSlash(rel))
	root, err := fspath.Real(srcDir)
	if err != nil {
		return bad("cannot resolve the site folder: %v", err)
	}
	if _, err := fspath.Inside(root, full); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return bad("%v", err)
	}
	data, err := fspath.ReadFile(full, maxFileSize)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return bad("the model file %q does not exist", rel)
		}
		return bad("%v", err)
	}
	doc, perrs := tomlfile.Parse(rel, data)
	*errs = append(*errs, perrs...)
	return doc, data
}
