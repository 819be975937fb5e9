package build_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"scorebook/generator/internal/build"
)

// earlierFile matches the outputs of a brand's earlier assessments:
// scorecards/<slug>/<YYYY-MM-DD>/...
var earlierFile = regexp.MustCompile(`^scorecards/[a-z0-9-]+/\d{4}-\d{2}-\d{2}/`)

func TestShippedSite_EarlierAssessmentsDoNotChangeWithTheBuildDate(t *testing.T) {
	first := shippedSite(t)
	out := filepath.Join(t.TempDir(), "public")
	opts := options(shippedSrc, out, build.Publish)
	opts.Now = buildDay.AddDate(2, 3, 11)
	mustBuild(t, opts)
	later := readTree(t, out)

	compared, jsons := 0, 0
	for rel, data := range first {
		if !earlierFile.MatchString(rel) {
			continue
		}
		compared++
		if strings.HasSuffix(rel, "/scorecard.json") {
			jsons++
			var card struct {
				Assessed string
				AsOf     string `json:"as_of"`
			}
			if err := json.Unmarshal(data, &card); err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			if card.AsOf != card.Assessed || !strings.Contains(rel, "/"+card.Assessed+"/") {
				t.Errorf("%s: assessed %s, judged as of %s; want its own date", rel, card.Assessed, card.AsOf)
			}
		}
		if !bytes.Equal(data, later[rel]) {
			t.Errorf("%s changed with the build date: %s", rel, firstDifference(data, later[rel]))
		}
		if bytes.Contains(data, []byte(buildDay.Format("2006-01-02"))) {
			t.Errorf("%s shows the build date %s", rel, buildDay.Format("2006-01-02"))
		}
	}
	if compared < 16 || jsons < 8 {
		t.Fatalf("compared %d files of earlier assessments, %d of them scorecard.json; the shipped site has more", compared, jsons)
	}

	// The current scorecard, by contrast, is judged as of the build date.
	var cur struct {
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal(later["scorecards/harrow-finch/scorecard.json"], &cur); err != nil {
		t.Fatal(err)
	}
	if want := opts.Now.Format("2006-01-02"); cur.AsOf != want {
		t.Errorf("current scorecard judged as of %q, want the build date %s", cur.AsOf, want)
	}
}

func TestShippedSite_EarlierAssessmentJudgedAsOfItsOwnDate(t *testing.T) {
	page := string(shippedSite(t)["scorecards/harrow-finch/2025-04-08/index.html"])
	if page == "" {
		t.Fatal("no page for Harrow & Finch's 2025-04-08 assessment")
	}
	for _, bad := range []string{"Stale assessment", "build date"} {
		if bytes.Contains([]byte(page), []byte(bad)) {
			t.Errorf("the 2025-04-08 page says %q, judged as of a later date", bad)
		}
	}
	if !bytes.Contains([]byte(page), []byte(`judged as of <time datetime="2025-04-08">`)) {
		t.Error("the 2025-04-08 page does not say it is judged as of its own date")
	}
}
