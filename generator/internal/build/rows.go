package build

import (
	"encoding/json"
	"html/template"
	"sync"

	"scorebook/generator/internal/model"
	"scorebook/generator/internal/render"
	"scorebook/generator/internal/score"
)

// cachedCards are a brand's scorecards with the key they were computed
// for (the brand's files, the model and the build date), and what the
// Engine made of them that depends on nothing else: the brand's portfolio
// row, and that row rendered, by the link it carries. A new key makes new
// cachedCards, so none of it outlives the scorecards it shows.
type cachedCards struct {
	key   string
	cards []*score.Scorecard

	rowOnce sync.Once
	row     render.PortfolioRow

	mu      sync.Mutex
	layouts string                          // the layouts html was rendered with
	html    map[template.HTML]template.HTML // rendered rows by their brand link

	entryOnce sync.Once
	entry     []byte // the brand's entry in scorecards/index.json
	entryErr  error
}

// indexEntry returns the brand's entry in scorecards/index.json, indented
// for its place in the file.
func (cc *cachedCards) indexEntry(entry func() indexEntry) ([]byte, error) {
	cc.entryOnce.Do(func() { cc.entry, cc.entryErr = json.MarshalIndent(entry(), "    ", "  ") })
	return cc.entry, cc.entryErr
}

// portfolioRow returns the brand's row of the portfolio.
func (cc *cachedCards) portfolioRow(m *model.Model, card render.BrandCard) render.PortfolioRow {
	cc.rowOnce.Do(func() { cc.row = render.NewPortfolioRow(m, card) })
	return cc.row
}

// rowHTML returns r, a row of the brand's, rendered with the layouts
// whose hash is layoutsHash: from memory when the same row, with the same
// link, was rendered with the same layouts before.
func (cc *cachedCards) rowHTML(l *render.Layouts, layoutsHash string, r *render.PortfolioRow) (template.HTML, error) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if cc.html == nil || cc.layouts != layoutsHash {
		cc.html, cc.layouts = map[template.HTML]template.HTML{}, layoutsHash
	}
	if html, ok := cc.html[r.Anchor.HTML]; ok {
		return html, nil
	}
	html, err := l.Fragment(render.KindPortfolio, render.PortfolioRowLayout, r)
	if err != nil {
		return "", err
	}
	cc.html[r.Anchor.HTML] = html
	return html, nil
}
