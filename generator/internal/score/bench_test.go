package score

import (
	"testing"

	"scorebook/generator/internal/assessment"
	"scorebook/generator/internal/model"
)

// benchModel is the size of the shipped model: five dimensions of five
// criteria, four patterns and every check.
func benchModel() *model.Model {
	m := testModel()
	m.Dimensions = nil
	ids := []string{"architecture", "operations", "engineering", "ecosystem", "governance"}
	for _, id := range ids {
		d := model.Dimension{ID: id, Name: id, Weight: 1}
		for j := 0; j < 5; j++ {
			d.Criteria = append(d.Criteria, model.Criterion{ID: id + "-" + string(rune('a'+j)), Name: "criterion", Weight: 1 + float64(j)/4})
		}
		m.Dimensions = append(m.Dimensions, d)
	}
	m.Patterns = append(m.Patterns, model.Pattern{ID: "composable", Demands: map[string]float64{"operations": 2.5, "engineering": 3, "ecosystem": 2.5, "governance": 3}, MinEngineers: 4})
	return m
}

// benchBrand is a brand assessed three times, each rating every criterion.
func benchBrand(m *model.Model) *assessment.Brand {
	b := &assessment.Brand{Slug: "bench"}
	for i, day := range []string{"2024-09-30", "2025-09-30", "2026-09-30"} {
		a := healthyAssessment()
		a.Assessed = date(day)
		a.Scores = map[string]map[string]assessment.Rating{}
		for k, d := range m.Dimensions {
			r := map[string]assessment.Rating{}
			for j, c := range d.Criteria {
				r[c.ID] = assessment.Rating{Level: (i + j + k) % 5, Evidence: "seen"}
			}
			a.Scores[d.ID] = r
		}
		a.Targets = map[string]float64{"architecture": 3, "operations": 3.5}
		b.Assessments = append(b.Assessments, a)
	}
	return b
}

// BenchmarkCompute scores a brand's newest assessment with two earlier
// ones, as a standalone Compute does.
func BenchmarkCompute(b *testing.B) {
	m := benchModel()
	br := benchBrand(m)
	b.ReportAllocs()
	for b.Loop() {
		Compute(m, br.Assessments[2], br.Assessments[:2], buildDate)
	}
}

// BenchmarkBrand scores all three assessments of a brand, as a build does.
func BenchmarkBrand(b *testing.B) {
	m := benchModel()
	br := benchBrand(m)
	b.ReportAllocs()
	for b.Loop() {
		Brand(m, br, buildDate)
	}
}
