package markdown

import (
	"strings"
	"testing"
)

func TestText_KeepsProseAndReachesNothing(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		c := New(Options{UnsafeHTML: unsafe})
		src := "## Findings\n\nStock is **right** on the [site](https://example.com/x) and ![a chart](/c.png); see <https://example.com/y>.\n\n<script>alert(1)</script>\n\n- one <b>raw</b>\n- `code`\n"
		out, err := c.Text([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		got := string(out)
		for _, want := range []string{"<p>Findings</p>", "<strong>right</strong>", "on the site and a chart; see https://example.com/y.", "<li>one raw</li>", "<code>code</code>"} {
			if !strings.Contains(got, want) {
				t.Errorf("unsafe=%v: %q not in\n%s", unsafe, want, got)
			}
		}
		for _, bad := range []string{"<h2", "href", "<img", "<script", "alert", "<b>", "id="} {
			if strings.Contains(got, bad) {
				t.Errorf("unsafe=%v: %q in\n%s", unsafe, bad, got)
			}
		}
	}
}
