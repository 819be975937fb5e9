package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestShippedSite_BadgeShowsTheCurrentLevelAndScore(t *testing.T) {
	site := shippedSite(t)
	checked := 0
	for _, b := range readBrands(t, shippedSrc) {
		if b.unlisted() {
			continue
		}
		dir := "scorecards/" + b.slug + "/"
		svg := site[dir+"badge.svg"]
		if svg == nil {
			t.Errorf("%s: no badge.svg", b.slug)
			continue
		}
		checked++
		var card struct {
			Brand   string
			Overall struct {
				Score *float64
				Level *string
			}
		}
		if err := json.Unmarshal(site[dir+"scorecard.json"], &card); err != nil {
			t.Fatal(err)
		}
		// Well-formed XML whose root is an accessible image with a title.
		dec := xml.NewDecoder(bytes.NewReader(svg))
		var root, title string
		var inTitle bool
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: badge.svg is not well-formed XML: %v", b.slug, err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				if root == "" {
					root = el.Name.Local
					for _, a := range el.Attr {
						if a.Name.Local == "role" && a.Value != "img" {
							t.Errorf("%s: badge role %q", b.slug, a.Value)
						}
					}
				}
				inTitle = el.Name.Local == "title"
			case xml.CharData:
				if inTitle {
					title += string(el)
				}
			case xml.EndElement:
				inTitle = false
			}
		}
		if root != "svg" || !bytes.Contains(svg, []byte(`role="img"`)) {
			t.Errorf("%s: badge root <%s>, want an <svg> with role img", b.slug, root)
		}
		if card.Overall.Level == nil || !strings.Contains(title, card.Brand) || !strings.Contains(title, *card.Overall.Level) {
			t.Errorf("%s: badge title %q does not name the brand and its level %v", b.slug, title, card.Overall.Level)
		}
		for _, outside := range []string{"href", "url(", "<image", "@import", "<script"} {
			if bytes.Contains(svg, []byte(outside)) {
				t.Errorf("%s: badge.svg is not self-contained: has %q", b.slug, outside)
			}
		}
		page := string(site[dir+"index.html"])
		if !strings.Contains(page, `<p class="badge"><svg`) || !strings.Contains(page, "badge.svg)](/scorecards/"+b.slug+"/)") {
			t.Errorf("%s: the scorecard shows no badge with a Markdown snippet", b.slug)
		}
	}
	if checked == 0 {
		t.Fatal("no badge checked")
	}
}
