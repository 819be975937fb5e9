package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// The targets of the project's speed issue, as ratios to Hugo on the same
// pages with both tools writing into their existing output, and as
// absolute edit latencies.
const (
	targetColdRatio   = 0.8
	aimColdRatio      = 0.5
	targetMemoryRatio = 0.15
	targetWarmRatio   = 0.05
	targetEditP50     = 20 * time.Millisecond
	targetEditP95     = 100 * time.Millisecond
)

// report is a whole run's results.
type report struct {
	Machine   machine
	Runs      int
	Edits     int
	HugoEdits int
	Now       string
	Sizes     []*sizeResult
}

// buildSum is the medians of one kind of build.
type buildSum struct {
	WallMS         []float64 `json:"wall_ms"`
	UserMS         []float64 `json:"user_ms"`
	SystemMS       []float64 `json:"system_ms"`
	PeakRSS        []int64   `json:"peak_rss_bytes"`
	WallMedianMS   float64   `json:"wall_median_ms"`
	UserMedianMS   float64   `json:"user_median_ms"`
	SystemMedianMS float64   `json:"system_median_ms"`
	CPUMedianMS    float64   `json:"cpu_median_ms"`
	PeakRSSMedian  int64     `json:"peak_rss_median_bytes"`
}

func sumBuilds(ss []sample) *buildSum {
	if len(ss) == 0 {
		return nil
	}
	b := &buildSum{
		WallMS: msAll(pick(ss, wallOf)), UserMS: msAll(pick(ss, userOf)), SystemMS: msAll(pick(ss, systemOf)),
		WallMedianMS: ms(median(pick(ss, wallOf))), UserMedianMS: ms(median(pick(ss, userOf))),
		SystemMedianMS: ms(median(pick(ss, systemOf))), CPUMedianMS: ms(median(pick(ss, cpuOf))),
		PeakRSSMedian: medianRSS(ss),
	}
	for _, s := range ss {
		b.PeakRSS = append(b.PeakRSS, s.PeakRSS)
	}
	return b
}

// toolSummary is one generator's medians at one size, in the units the
// tables and the JSON use.
type toolSummary struct {
	Tool string `json:"tool"`
	// Existing: cold builds into the output the last build left;
	// Emptied: into an emptied folder; Warm: nothing changed, cached.
	Existing      *buildSum `json:"cold_existing"`
	Emptied       *buildSum `json:"cold_emptied"`
	Warm          *buildSum `json:"warm,omitempty"`
	FirstCachedMS float64   `json:"first_cached_ms,omitempty"`
	Serve         *serveSum `json:"serve,omitempty"`
}

// serveSum is one dev server's results.
type serveSum struct {
	Command              string    `json:"command"`
	StartupMS            float64   `json:"startup_ms"`
	PageEditMS           []float64 `json:"page_edit_ms"`
	PageEditP50MS        float64   `json:"page_edit_p50_ms"`
	PageEditP95MS        float64   `json:"page_edit_p95_ms"`
	AssessmentEditMS     []float64 `json:"assessment_edit_ms,omitempty"`
	AssessmentEditP50MS  float64   `json:"assessment_edit_p50_ms,omitempty"`
	AssessmentEditP95MS  float64   `json:"assessment_edit_p95_ms,omitempty"`
	Timeouts             int       `json:"timeouts"`
	PeakRSS              int64     `json:"peak_rss_bytes"`
	pageP50, pageP95     time.Duration
	assessP50, assessP95 time.Duration
}

// ratios are scorebook's results over Hugo's at one size; the cold ones
// compare builds into the existing output unless named Emptied.
type ratios struct {
	ColdWall          float64 `json:"cold_wall"`
	ColdUser          float64 `json:"cold_user"`
	ColdSystem        float64 `json:"cold_system"`
	ColdWallEmptied   float64 `json:"cold_wall_emptied"`
	PeakRSS           float64 `json:"peak_rss"`
	WarmOverHugoCold  float64 `json:"warm_over_hugo_cold"`
	PageEditP50       float64 `json:"page_edit_p50,omitempty"`
	PageEditP95       float64 `json:"page_edit_p95,omitempty"`
	ServePeakRSS      float64 `json:"serve_peak_rss,omitempty"`
	ColdWallPassed    bool    `json:"cold_wall_passed"`
	PeakRSSPassed     bool    `json:"peak_rss_passed"`
	WarmPassed        bool    `json:"warm_passed"`
	ColdWallAimPassed bool    `json:"cold_wall_aim_passed"`
}

// diffCheckSum compares `scorebook diff` with `scorebook check`.
type diffCheckSum struct {
	Edited int       `json:"assessments_edited"`
	Check  *buildSum `json:"check"`
	Diff   *buildSum `json:"diff"`
	Ratio  float64   `json:"diff_over_check_wall"`
	Passed bool      `json:"passed"`
}

// sizeSummary is one corpus and size's summaries.
type sizeSummary struct {
	Corpus    string        `json:"corpus"`
	Pages     int           `json:"pages"`
	Brands    int           `json:"brands"`
	History   int           `json:"history"`
	Scorebook toolSummary   `json:"scorebook"`
	Hugo      *toolSummary  `json:"hugo,omitempty"`
	Ratios    *ratios       `json:"ratios,omitempty"`
	DiffCheck *diffCheckSum `json:"diff_check,omitempty"`
	Search    *searchSize   `json:"search_index,omitempty"`
	// EditsPassed: scorebook's page and assessment edits meet the
	// median and p95 targets, with no edit timed out.
	EditsPassed bool `json:"edits_passed"`
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func msAll(ds []time.Duration) []float64 {
	out := make([]float64, len(ds))
	for i, d := range ds {
		out[i] = ms(d)
	}
	return out
}

func summarize(t *toolResult) toolSummary {
	s := toolSummary{Tool: t.Tool, Existing: sumBuilds(t.Existing), Emptied: sumBuilds(t.Emptied), Warm: sumBuilds(t.Warm)}
	if t.FirstCached != nil {
		s.FirstCachedMS = ms(t.FirstCached.Wall)
	}
	if v := t.Serve; v != nil {
		s.Serve = &serveSum{
			Command: v.Command, StartupMS: ms(v.Startup), Timeouts: v.Timeouts, PeakRSS: v.PeakRSS,
			PageEditMS: msAll(v.PageEdits), AssessmentEditMS: msAll(v.AssessmentEdits),
			pageP50: median(v.PageEdits), pageP95: percentile(v.PageEdits, 95),
			assessP50: median(v.AssessmentEdits), assessP95: percentile(v.AssessmentEdits, 95),
		}
		s.Serve.PageEditP50MS, s.Serve.PageEditP95MS = ms(s.Serve.pageP50), ms(s.Serve.pageP95)
		s.Serve.AssessmentEditP50MS, s.Serve.AssessmentEditP95MS = ms(s.Serve.assessP50), ms(s.Serve.assessP95)
	}
	return s
}

func (r *report) summaries() []sizeSummary {
	var out []sizeSummary
	for _, sz := range r.Sizes {
		s := sizeSummary{Corpus: sz.Corpus, Pages: sz.Pages, Brands: sz.Brands, History: sz.History, Scorebook: summarize(&sz.Scorebook), Search: sz.Search}
		if v := s.Scorebook.Serve; v != nil {
			s.EditsPassed = v.Timeouts == 0 && len(v.PageEditMS) > 0 &&
				v.pageP50 <= targetEditP50 && v.pageP95 <= targetEditP95 &&
				(len(v.AssessmentEditMS) == 0 || v.assessP50 <= targetEditP50 && v.assessP95 <= targetEditP95)
		}
		if sz.Hugo != nil && len(sz.Hugo.Existing) > 0 {
			h := summarize(sz.Hugo)
			s.Hugo = &h
			sb := s.Scorebook
			q := &ratios{
				ColdWall:         sb.Existing.WallMedianMS / h.Existing.WallMedianMS,
				ColdUser:         sb.Existing.UserMedianMS / h.Existing.UserMedianMS,
				ColdSystem:       sb.Existing.SystemMedianMS / h.Existing.SystemMedianMS,
				ColdWallEmptied:  sb.Emptied.WallMedianMS / h.Emptied.WallMedianMS,
				PeakRSS:          float64(sb.Existing.PeakRSSMedian) / float64(h.Existing.PeakRSSMedian),
				WarmOverHugoCold: sb.Warm.WallMedianMS / h.Existing.WallMedianMS,
			}
			if sb.Serve != nil && h.Serve != nil && h.Serve.PageEditP50MS > 0 {
				q.PageEditP50 = sb.Serve.PageEditP50MS / h.Serve.PageEditP50MS
				q.PageEditP95 = sb.Serve.PageEditP95MS / h.Serve.PageEditP95MS
				q.ServePeakRSS = float64(sb.Serve.PeakRSS) / float64(h.Serve.PeakRSS)
			}
			q.ColdWallPassed = q.ColdWall < targetColdRatio
			q.ColdWallAimPassed = q.ColdWall <= aimColdRatio
			q.PeakRSSPassed = q.PeakRSS <= targetMemoryRatio
			q.WarmPassed = q.WarmOverHugoCold <= targetWarmRatio
			s.Ratios = q
		}
		if d := sz.DiffCheck; d != nil && len(d.Check) > 0 {
			ds := &diffCheckSum{Edited: d.Edited, Check: sumBuilds(d.Check), Diff: sumBuilds(d.Diff)}
			ds.Ratio = ds.Diff.WallMedianMS / ds.Check.WallMedianMS
			ds.Passed = ds.Ratio <= targetDiffOverCheck
			s.DiffCheck = ds
		}
		out = append(out, s)
	}
	return out
}

// print writes the tables, the ratios against the targets and the scaling.
func (r *report) print(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "\nmachine: %s, %d cores (GOMAXPROCS %d), %d MiB, Linux %s\n", m.CPU, m.Cores, m.GOMAXPROCS, m.MemoryMiB, m.Kernel)
	fmt.Fprintf(w, "         %s; %s", m.Go, m.Scorebook)
	if m.Hugo != "" {
		fmt.Fprintf(w, "; %s", m.Hugo)
	}
	fmt.Fprintf(w, "\nload average %s at the start, %s at the end", m.LoadStart, m.LoadEnd)
	if m.loaded() {
		fmt.Fprintf(w, " — busier than its %d cores: wall times and latencies are inflated", m.Cores)
	}
	fmt.Fprintf(w, "\nmedians of %d runs per build; in serve, %d edits each for scorebook, %d for Hugo (p50/p95, write to served)\n", r.Runs, r.Edits, r.HugoEdits)
	fmt.Fprintf(w, "cold builds: -cache off for scorebook; \"existing\" writes into the output the last build left, as users build, \"emptied\" into an emptied folder\n\n")

	sums := r.summaries()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tpages\tbrands×hist\ttool\tbuild\twall\tuser\tsystem\tpeak RSS\t")
	for _, s := range sums {
		row := func(tool, build string, b *buildSum) {
			if b == nil {
				return
			}
			fmt.Fprintf(tw, "%s\t%d\t%d×%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", s.Corpus, s.Pages, s.Brands, s.History, tool, build,
				fmtMS(b.WallMedianMS), fmtMS(b.UserMedianMS), fmtMS(b.SystemMedianMS), fmtBytes(b.PeakRSSMedian))
		}
		row(s.Scorebook.Tool, "cold, existing", s.Scorebook.Existing)
		row(s.Scorebook.Tool, "cold, emptied", s.Scorebook.Emptied)
		row(s.Scorebook.Tool, "nothing changed", s.Scorebook.Warm)
		if s.Hugo != nil {
			row(s.Hugo.Tool, "cold, existing", s.Hugo.Existing)
			row(s.Hugo.Tool, "cold, emptied", s.Hugo.Emptied)
		}
		if d := s.DiffCheck; d != nil {
			row("scorebook", "check", d.Check)
			row("scorebook", "diff", d.Diff)
		}
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "corpus\tpages\tserver\tready\tpage edit\tassessment edit\tpeak RSS\t")
	for _, s := range sums {
		for _, t := range []*toolSummary{&s.Scorebook, s.Hugo} {
			if t == nil || t.Serve == nil {
				continue
			}
			v := t.Serve
			page, assess := fmtMS(v.PageEditP50MS)+" / "+fmtMS(v.PageEditP95MS), "—"
			if len(v.AssessmentEditMS) > 0 {
				assess = fmtMS(v.AssessmentEditP50MS) + " / " + fmtMS(v.AssessmentEditP95MS)
			}
			if v.Timeouts > 0 {
				page += fmt.Sprintf(" (%d timed out)", v.Timeouts)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t\n", s.Corpus, s.Pages, t.Tool, fmtMS(v.StartupMS), page, assess, fmtBytes(v.PeakRSS))
		}
	}
	tw.Flush()

	for _, s := range sums {
		fmt.Fprintf(w, "\nagainst the targets, %s corpus at %d pages:\n", s.Corpus, s.Pages)
		if q := s.Ratios; q != nil {
			fmt.Fprintf(w, "  cold build     scorebook/hugo wall     %5.2f   target < %.1f, aim %.1f   %s\n", q.ColdWall, targetColdRatio, aimColdRatio, verdict(q.ColdWallPassed, q.ColdWallAimPassed))
			fmt.Fprintf(w, "  cold build     scorebook/hugo user     %5.2f   system %.2f (information)\n", q.ColdUser, q.ColdSystem)
			fmt.Fprintf(w, "  cold, emptied  scorebook/hugo wall     %5.2f   (information)\n", q.ColdWallEmptied)
			fmt.Fprintf(w, "  peak memory    scorebook/hugo RSS      %5.2f   target ≤ %.2f        %s\n", q.PeakRSS, targetMemoryRatio, verdict(q.PeakRSSPassed, true))
			fmt.Fprintf(w, "  unchanged      scorebook/hugo cold     %5.3f   target ≤ %.2f        %s\n", q.WarmOverHugoCold, targetWarmRatio, verdict(q.WarmPassed, true))
			if q.PageEditP50 > 0 {
				fmt.Fprintf(w, "  page edit      scorebook/hugo p50      %5.3f   p95 %.3f (information)\n", q.PageEditP50, q.PageEditP95)
				fmt.Fprintf(w, "  serve memory   scorebook/hugo RSS      %5.2f   (information)\n", q.ServePeakRSS)
			}
		} else {
			fmt.Fprintf(w, "  (no Hugo: no ratios)\n")
		}
		if v := s.Scorebook.Serve; v != nil {
			line := fmt.Sprintf("page %s / %s", fmtMS(v.PageEditP50MS), fmtMS(v.PageEditP95MS))
			if len(v.AssessmentEditMS) > 0 {
				line += fmt.Sprintf(", assessment %s / %s", fmtMS(v.AssessmentEditP50MS), fmtMS(v.AssessmentEditP95MS))
			}
			fmt.Fprintf(w, "  edit in serve  %s   target p50 ≤ %s, p95 ≤ %s   %s\n", line, fmtDur(targetEditP50), fmtDur(targetEditP95), verdict(s.EditsPassed, true))
		}
		if d := s.DiffCheck; d != nil {
			fmt.Fprintf(w, "  diff vs check  diff/check wall         %5.2f   target ≤ %.1f          %s (%s against %s; %d assessments edited)\n",
				d.Ratio, targetDiffOverCheck, verdict(d.Passed, true), fmtMS(d.Diff.WallMedianMS), fmtMS(d.Check.WallMedianMS), d.Edited)
		}
		if x := s.Search; x != nil {
			fmt.Fprintf(w, "  search index   %d files, %s in all, largest %s (%s)\n", x.Files, fmtSize(x.Bytes), x.Largest, fmtSize(x.LargestBytes))
		}
	}
	r.printScaling(w, sums)
	fmt.Fprintln(w)
}

// printScaling shows, for each corpus measured at more than one size,
// cost per page at each size relative to its smallest: 1.00 everywhere is
// linear growth, above it worse. Cold builds are those into the existing
// output.
func (r *report) printScaling(w io.Writer, sums []sizeSummary) {
	byCorpus := map[string][]sizeSummary{}
	var order []string
	for _, s := range sums {
		if _, ok := byCorpus[s.Corpus]; !ok {
			order = append(order, s.Corpus)
		}
		byCorpus[s.Corpus] = append(byCorpus[s.Corpus], s)
	}
	for _, corpus := range order {
		ss := byCorpus[corpus]
		if len(ss) < 2 {
			continue
		}
		fmt.Fprintf(w, "\nscaling of the %s corpus, per page relative to %d pages (1.00 = linear):\n", corpus, ss[0].Pages)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "pages\tscorebook cold µs/page\t×\tpeak KiB/page\t×\tnothing changed µs/page\t×\thugo cold µs/page\t×\t")
		base := ss[0]
		per := func(v float64, pages int) float64 { return v / float64(pages) }
		for _, s := range ss {
			cold := per(s.Scorebook.Existing.WallMedianMS*1000, s.Pages)
			rss := per(float64(s.Scorebook.Existing.PeakRSSMedian)/1024, s.Pages)
			warm := per(s.Scorebook.Warm.WallMedianMS*1000, s.Pages)
			cells := []string{
				fmt.Sprint(s.Pages),
				fmt.Sprintf("%.0f", cold), fmt.Sprintf("%.2f", cold/per(base.Scorebook.Existing.WallMedianMS*1000, base.Pages)),
				fmt.Sprintf("%.0f", rss), fmt.Sprintf("%.2f", rss/per(float64(base.Scorebook.Existing.PeakRSSMedian)/1024, base.Pages)),
				fmt.Sprintf("%.0f", warm), fmt.Sprintf("%.2f", warm/per(base.Scorebook.Warm.WallMedianMS*1000, base.Pages)),
				"—", "—",
			}
			if s.Hugo != nil && base.Hugo != nil {
				h := per(s.Hugo.Existing.WallMedianMS*1000, s.Pages)
				cells[7], cells[8] = fmt.Sprintf("%.0f", h), fmt.Sprintf("%.2f", h/per(base.Hugo.Existing.WallMedianMS*1000, base.Pages))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
		}
		tw.Flush()
	}
}

func verdict(passed, aimed bool) string {
	switch {
	case passed && aimed:
		return "met"
	case passed:
		return "met (aim not reached)"
	default:
		return "NOT MET"
	}
}

func fmtMS(v float64) string { return fmtDur(time.Duration(v * float64(time.Millisecond))) }

// writeJSON writes the results with every sample.
func (r *report) writeJSON(path string) error {
	doc := struct {
		Machine   machine       `json:"machine"`
		Runs      int           `json:"runs"`
		Edits     int           `json:"edits"`
		HugoEdits int           `json:"hugo_edits"`
		Now       string        `json:"now"`
		Targets   any           `json:"targets"`
		Sizes     []sizeSummary `json:"sizes"`
	}{r.Machine, r.Runs, r.Edits, r.HugoEdits, r.Now, map[string]float64{
		"cold_wall_ratio_below": targetColdRatio, "cold_wall_ratio_aim": aimColdRatio,
		"peak_rss_ratio_at_most": targetMemoryRatio, "warm_over_hugo_cold_at_most": targetWarmRatio,
		"edit_p50_ms_at_most": ms(targetEditP50), "edit_p95_ms_at_most": ms(targetEditP95),
		"diff_over_check_at_most": targetDiffOverCheck,
	}, r.summaries()}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode results: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	return nil
}
