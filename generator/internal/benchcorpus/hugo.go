package benchcorpus

import "path/filepath"

// hugoConfig keeps Hugo's work comparable with scorebook's: Goldmark with
// raw HTML off, chroma highlighting to classes (as scorebook writes code
// blocks), a sitemap, and none of the taxonomy or RSS pages that scorebook
// does not make either.
const hugoConfig = `baseURL = "http://127.0.0.1/"
title = "Benchmark"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
# The pages carry dates through 2026-12; scorebook publishes them all.
buildFuture = true

[markup.goldmark.renderer]
unsafe = false

[markup.highlight]
noClasses = false
`

// hugoLayouts is a minimal theme: every page has the title, a menu of the
// site's sections and the content; a list page adds links to its pages.
var hugoLayouts = map[string]string{
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ .Content }}
</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

// WriteHugo writes into dir a Hugo site with the same pages as Write:
// content/bench/ byte for byte, a config and a minimal theme.
func WriteHugo(dir string, opts Options) error {
	if err := writeFile(dir, "config.toml", []byte(hugoConfig)); err != nil {
		return err
	}
	for name, text := range hugoLayouts {
		if err := writeFile(dir, name, []byte(text)); err != nil {
			return err
		}
	}
	if err := writePages(dir, opts); err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "static"), ".keep", nil)
}
