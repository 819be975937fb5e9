package assessment

import (
	"slices"
	"testing"
)

// FuzzAssessment checks that Decode never panics, that every problem it
// reports has a position, and that what it accepts keeps the promises the
// scoring code relies on.
func FuzzAssessment(f *testing.F) {
	m := testModel()
	scaffold := Scaffold(m, "acme", day, "Acme")
	for _, seed := range []string{
		header,
		string(scaffold),
		string(fill(scaffold, "2")),
		header + "[scores.operations]\non-call = { level = 2, evidence = \"rota\", confidence = \"low\" }\nrunbooks = { exempt = true, reason = \"n/a\" }\n",
		header + "[[journeys]]\nname = \"x\"\nruns = 3\nfailures = 4\n[[use_cases]]\nname = \"y\"\ndomain = \"inventory\"\ncadence = \"daily\"\n",
		header + "scores.operations.on-call = 2.5\ntargets.operations = 9\n",
		header + "[scores.operations]\non-call = { exempt = true, level = 2 }\n[operations]\nrunbooks_reviewed = 2027-01-01\n",
		"brand = 1\nassessed = \"x\"\nrevenue_musd = -1\nintegration_engineers = 99999999999999999\n",
		"[scores]\noperations = [1, 2]\n[[scores.x]]\n",
		header + "summary = \"*a*\"\n[[actions]]\ntitle = \"t\"\ncriterion = \"operations.runbooks\"\ntarget = 3\ndue = 2027-01-31\nstatus = \"planned\"\n[[actions]]\ntitle = \"u\"\nstatus = \"done\"\n",
		header + "[[actions]]\ntitle = \"\"\ncriterion = \"x.y.z\"\ntarget = 9\nstatus = \"late\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errs := Decode(testPath, "acme", data, m)
		for _, d := range errs {
			if d.Path != testPath || d.Line < 1 || d.Col < 1 || d.Message == "" {
				t.Fatalf("diagnostic without a position or message: %#v", d)
			}
		}
		if errs.HasErrors() {
			return
		}
		if a == nil || a.Brand == "" || !a.Assessed.Equal(day) {
			t.Fatalf("accepted an assessment without brand or with the wrong date: %+v", a)
		}
		if a.Visibility != Listed && a.Visibility != Unlisted {
			t.Fatalf("accepted visibility %q", a.Visibility)
		}
		for dim, ratings := range a.Scores {
			for crit, r := range ratings {
				if m.Criterion(dim, crit) == nil {
					t.Fatalf("accepted unknown criterion %s.%s", dim, crit)
				}
				if !r.Exempt && (r.Level < m.Scale.Min || r.Level > m.Scale.Max) {
					t.Fatalf("accepted level %d", r.Level)
				}
				if r.Exempt && r.Reason == "" {
					t.Fatalf("accepted an exemption without a reason")
				}
			}
		}
		for _, j := range a.Journeys {
			if j.Runs < 1 || j.Failures < 0 || j.Failures > j.Runs {
				t.Fatalf("accepted journey %+v", j)
			}
		}
		for _, ac := range a.Actions {
			dim, crit, named := ac.Raises()
			switch {
			case ac.Title == "" || !slices.Contains(ActionStatuses, ac.Status):
				t.Fatalf("accepted action %+v", ac)
			case ac.Criterion != "" && (!named || m.Criterion(dim, crit) == nil):
				t.Fatalf("accepted an action on unknown criterion %q", ac.Criterion)
			case ac.Target != nil && (ac.Criterion == "" || *ac.Target < m.Scale.Min || *ac.Target > m.Scale.Max):
				t.Fatalf("accepted an action target %d", *ac.Target)
			}
		}
	})
}
