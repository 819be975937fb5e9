package routes

import "testing"

func TestRoutes(t *testing.T) {
	for _, tc := range []struct{ name, got, want string }{
		{"dimension", Dimension("operations"), "/dimensions/operations/"},
		{"check", Check("coherence"), "/checks/coherence/"},
		{"scorecard", Scorecard("acme"), "/scorecards/acme/"},
		{"current assessment", Assessment(Scorecard("acme"), "2026-01-02", true), "/scorecards/acme/"},
		{"earlier assessment", Assessment(Scorecard("acme"), "2025-01-02", false), "/scorecards/acme/2025-01-02/"},
		{"filter", Filter("platform", "shopware"), "/scorecards/platform/shopware/"},
		{"no filter", Filter("", ""), "/scorecards/"},
		{"page file", File("/a/b/"), "a/b/index.html"},
		{"home file", File("/"), "index.html"},
		{"data file", File("/model.json"), "model.json"},
		{"file in a page", In(Scorecard("acme"), ScorecardJSON), "scorecards/acme/scorecard.json"},
		{"content page", ContentPage("guide", "model"), "/guide/model/"},
		{"content home", ContentPage(), "/"},
		{"criterion level", CriterionLevel("operations", "runbooks", 3), "/dimensions/operations/#criterion-runbooks-level-3"},
		{"section", Section("/patterns/hybrid/"), "patterns"},
		{"last", Last("/checks/coherence/"), "coherence"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	outputs := map[string]string{"a/index.html": "", "model.json": ""}
	for target, want := range map[string]bool{"/a/": true, "/a": true, "/model.json": true, "/b/": false} {
		has := func(rel string) bool { _, ok := outputs[rel]; return ok }
		if Resolves(target, has) != want {
			t.Errorf("Resolves(%q) = %v", target, !want)
		}
	}
	if a, b := ShareToken([]byte("k"), "acme"), ShareToken([]byte("k2"), "acme"); a == b || len(a) != 32 {
		t.Errorf("share tokens %q and %q", a, b)
	}
}
