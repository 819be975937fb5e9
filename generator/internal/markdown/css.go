package markdown

import (
	"bytes"
	"slices"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// The chroma styles of the site's code blocks, light and dark.
const (
	LightCodeStyle = "github"
	DarkCodeStyle  = "github-dark"
)

// ChromaCSS returns the stylesheet for highlighted code: the light style
// for every page, the dark style under @media (prefers-color-scheme: dark)
// unless the page root says data-theme="light", and the dark style again
// for a root with data-theme="dark", so a theme switch can override the
// system setting either way. It is computed once; callers must not modify
// the returned bytes.
func ChromaCSS() []byte { return chromaCSS() }

var chromaCSS = sync.OnceValue(func() []byte {
	light := styleRules(styles.Get(LightCodeStyle))
	dark := styleRules(styles.Get(DarkCodeStyle))
	// A class the light style sets and the dark one leaves alone must not
	// keep its light colours on a dark background.
	for cls, decls := range light {
		d := dark[cls]
		for _, prop := range cssProps {
			if decls[prop.name] != "" && d[prop.name] == "" {
				if d == nil {
					d = map[string]string{}
					dark[cls] = d
				}
				d[prop.name] = prop.reset
			}
		}
	}

	var b bytes.Buffer
	b.WriteString("/* Code highlighting: chroma styles " + LightCodeStyle + " and " + DarkCodeStyle + ". Generated. */\n")
	writeRules(&b, "", light)
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	writeRules(&b, ":root:not([data-theme=light]) ", dark)
	b.WriteString("}\n")
	writeRules(&b, ":root[data-theme=dark] ", dark)
	return b.Bytes()
})

// cssProps are the properties a chroma style entry can set, in the order
// they are written, with the value that undoes each.
var cssProps = []struct{ name, reset string }{
	{"color", "inherit"},
	{"background-color", "transparent"},
	{"font-weight", "normal"},
	{"font-style", "normal"},
	{"text-decoration", "none"},
}

// styleRules returns the declarations of each class the code renderer
// writes, keyed by class; "chroma" is the <pre> itself.
func styleRules(style *chroma.Style) map[string]map[string]string {
	rules := map[string]map[string]string{}
	bg := style.Get(chroma.Background)
	rules["chroma"] = declarations(bg)
	for t := range chroma.StandardTypes {
		cls := tokenClass(t)
		if cls == "" || chroma.StandardTypes[t] != cls || isFrameType(t) {
			continue
		}
		decls := declarations(style.Get(t).Sub(bg))
		if len(decls) > 0 {
			rules[cls] = decls
		}
	}
	return rules
}

// isFrameType reports whether t styles chroma's own wrappers (line
// numbers, highlighted lines), which this renderer does not write.
func isFrameType(t chroma.TokenType) bool {
	return t < 0
}

func declarations(e chroma.StyleEntry) map[string]string {
	d := map[string]string{}
	if e.Colour.IsSet() {
		d["color"] = e.Colour.String()
	}
	if e.Background.IsSet() {
		d["background-color"] = e.Background.String()
	}
	if e.Bold == chroma.Yes {
		d["font-weight"] = "bold"
	}
	if e.Italic == chroma.Yes {
		d["font-style"] = "italic"
	}
	if e.Underline == chroma.Yes {
		d["text-decoration"] = "underline"
	}
	return d
}

func writeRules(b *bytes.Buffer, scope string, rules map[string]map[string]string) {
	classes := make([]string, 0, len(rules))
	for cls := range rules {
		classes = append(classes, cls)
	}
	// "chroma" first, then the token classes in a stable order.
	slices.SortFunc(classes, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == "chroma":
			return -1
		case b == "chroma":
			return 1
		case a < b:
			return -1
		}
		return 1
	})
	for _, cls := range classes {
		decls := rules[cls]
		if len(decls) == 0 {
			continue
		}
		b.WriteString(scope)
		if cls == "chroma" {
			b.WriteString(".chroma")
		} else {
			b.WriteString(".chroma .")
			b.WriteString(cls)
		}
		b.WriteString(" {")
		first := true
		for _, prop := range cssProps {
			v, ok := decls[prop.name]
			if !ok {
				continue
			}
			if !first {
				b.WriteByte(';')
			}
			first = false
			b.WriteByte(' ')
			b.WriteString(prop.name)
			b.WriteString(": ")
			b.WriteString(v)
		}
		b.WriteString(" }\n")
	}
}
