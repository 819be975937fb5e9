package build

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"

	"scorebook/generator/internal/incr"
	"scorebook/generator/internal/routes"
	"scorebook/generator/internal/site"
)

// ShareHTML renders one brand's scorecard exactly as its share.html: the
// assessment of the given date (YYYY-MM-DD), or the current one when date
// is "". It loads and assembles the site as a dry run (nothing is written)
// and renders only that file, from the share file's own input. An earlier
// assessment is rendered as the share file would be, without the build
// date, as its page is. An unlisted brand is rendered as under its share
// path; without a share key, under a path made from a throwaway key, which
// its relative links do not reveal and nobody could guess.
func ShareHTML(ctx context.Context, opts Options, slug, date string) ([]byte, error) {
	opts.Mode = DryRun
	opts.OneShot = true
	if opts.ShareKey == nil {
		opts.ShareKey = []byte(rand.Text())
	}
	e := New(opts)
	s, layouts, _, err := e.assemble(ctx, nil)
	if err != nil {
		return nil, err
	}
	in, ok := shareInput(s, slug)
	if !ok {
		var slugs []string
		for _, b := range s.Brands {
			slugs = append(slugs, b.Brand.Slug)
		}
		return nil, fmt.Errorf("no brand %q in %s/: the brands are %s", slug, routes.AssessmentsDir, orNone(slugs))
	}
	if date != "" {
		var dates []string
		for _, c := range in.Brand.Cards {
			dates = append(dates, c.Assessed)
		}
		i := slices.Index(dates, date)
		if i < 0 {
			return nil, fmt.Errorf("brand %q has no assessment dated %s: its assessments are %s", slug, date, orNone(dates))
		}
		if i != in.Index {
			frame := in.Frame.V
			frame.BuildDate = "" // an earlier assessment is shown as it was, whatever the build date
			in.Frame, in.Index = incr.Share(frame), i
		}
	}
	data, _, err := in.Render(&site.Renderer{Layouts: layouts, Convert: e.convert, Text: e.text, FreeBodies: true})
	return data, err
}

// shareInput finds the input of the brand's share file among the site's
// outputs.
func shareInput(s *site.Site, slug string) (site.ScorecardInput, bool) {
	for _, o := range s.Outputs {
		if in, ok := o.In.(site.ScorecardInput); ok && in.Share && in.Brand.Slug == slug {
			return in, true
		}
	}
	return site.ScorecardInput{}, false
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
