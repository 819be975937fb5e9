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
// pages and as absolute edit latencies.
const (
	targetColdRatio   = 1.0
	aimColdRatio      = 0.5
	targetMemoryRatio = 0.25
	targetWarmRatio   = 0.10
	targetEditP50     = 50 * time.Millisecond
	targetEditP95     = 100 * time.Millisecond
)

// report is a whole run's results.
type report struct {
	Machine machine
	Runs    int
	Edits   int
	Now     string
	Sizes   []*sizeResult
}

// toolSummary is one generator's medians at one size, in the units the
// table and the JSON use.
type toolSummary struct {
	Tool              string    `json:"tool"`
	ColdMS            []float64 `json:"cold_ms"`
	ColdMedianMS      float64   `json:"cold_median_ms"`
	ColdCPUMedianMS   float64   `json:"cold_cpu_median_ms"`
	ColdPeakRSS       []int64   `json:"cold_peak_rss_bytes"`
	ColdPeakRSSMedian int64     `json:"cold_peak_rss_median_bytes"`
	WarmMS            []float64 `json:"warm_ms,omitempty"`
	WarmMedianMS      float64   `json:"warm_median_ms,omitempty"`
	WarmPeakRSSMedian int64     `json:"warm_peak_rss_median_bytes,omitempty"`
	FirstCachedMS     float64   `json:"first_cached_ms,omitempty"`
	Serve             *serveSum `json:"serve,omitempty"`
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

// ratios are scorebook's results over Hugo's at one size.
type ratios struct {
	ColdWall          float64 `json:"cold_wall"`
	ColdCPU           float64 `json:"cold_cpu"`
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

// sizeSummary is one size's summaries.
type sizeSummary struct {
	Pages     int          `json:"pages"`
	Brands    int          `json:"brands"`
	History   int          `json:"history"`
	Scorebook toolSummary  `json:"scorebook"`
	Hugo      *toolSummary `json:"hugo,omitempty"`
	Ratios    *ratios      `json:"ratios,omitempty"`
	// EditsPassed: scorebook's page and assessment edits meet 50 ms
	// median and 100 ms p95, with no edit timed out.
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
	s := toolSummary{Tool: t.Tool, ColdMS: msAll(walls(t.Cold)), ColdMedianMS: ms(median(walls(t.Cold))), ColdCPUMedianMS: ms(median(cpus(t.Cold))), ColdPeakRSSMedian: medianRSS(t.Cold)}
	for _, c := range t.Cold {
		s.ColdPeakRSS = append(s.ColdPeakRSS, c.PeakRSS)
	}
	if len(t.Warm) > 0 {
		s.WarmMS, s.WarmMedianMS, s.WarmPeakRSSMedian = msAll(walls(t.Warm)), ms(median(walls(t.Warm))), medianRSS(t.Warm)
	}
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
		s := sizeSummary{Pages: sz.Pages, Brands: sz.Brands, History: sz.History, Scorebook: summarize(&sz.Scorebook)}
		if v := s.Scorebook.Serve; v != nil {
			s.EditsPassed = v.Timeouts == 0 && len(v.PageEditMS) > 0 &&
				v.pageP50 <= targetEditP50 && v.pageP95 <= targetEditP95 &&
				(len(v.AssessmentEditMS) == 0 || v.assessP50 <= targetEditP50 && v.assessP95 <= targetEditP95)
		}
		if sz.Hugo != nil {
			h := summarize(sz.Hugo)
			s.Hugo = &h
			sb := s.Scorebook
			q := &ratios{
				ColdWall:         sb.ColdMedianMS / h.ColdMedianMS,
				ColdCPU:          sb.ColdCPUMedianMS / h.ColdCPUMedianMS,
				PeakRSS:          float64(sb.ColdPeakRSSMedian) / float64(h.ColdPeakRSSMedian),
				WarmOverHugoCold: sb.WarmMedianMS / h.ColdMedianMS,
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
		out = append(out, s)
	}
	return out
}

// print writes the table, the ratios against the targets and the scaling.
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
	fmt.Fprintf(w, "\nmedians of %d runs per build; %d edits each in serve (p50/p95, write to served)\n\n", r.Runs, r.Edits)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\tbrands×hist\ttool\tcold\tcold CPU\twarm\tpeak RSS\tserve ready\tpage edit\tassessment edit\tserve RSS\t")
	sums := r.summaries()
	for _, s := range sums {
		row := func(t *toolSummary, brands string) {
			warm, ready, page, assess, srss := "—", "—", "—", "—", "—"
			if len(t.WarmMS) > 0 {
				warm = fmtMS(t.WarmMedianMS)
			}
			if v := t.Serve; v != nil {
				ready, srss = fmtMS(v.StartupMS), fmtBytes(v.PeakRSS)
				page = fmtMS(v.PageEditP50MS) + " / " + fmtMS(v.PageEditP95MS)
				if len(v.AssessmentEditMS) > 0 {
					assess = fmtMS(v.AssessmentEditP50MS) + " / " + fmtMS(v.AssessmentEditP95MS)
				}
				if v.Timeouts > 0 {
					page += fmt.Sprintf(" (%d timed out)", v.Timeouts)
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", s.Pages, brands, t.Tool,
				fmtMS(t.ColdMedianMS), fmtMS(t.ColdCPUMedianMS), warm, fmtBytes(t.ColdPeakRSSMedian), ready, page, assess, srss)
		}
		row(&s.Scorebook, fmt.Sprintf("%d×%d", s.Brands, s.History))
		if s.Hugo != nil {
			row(s.Hugo, "—")
		}
	}
	tw.Flush()

	for _, s := range sums {
		fmt.Fprintf(w, "\nagainst the targets at %d pages:\n", s.Pages)
		if q := s.Ratios; q != nil {
			fmt.Fprintf(w, "  cold build     scorebook/hugo wall   %5.2f   target < %.1f, aim %.1f   %s\n", q.ColdWall, targetColdRatio, aimColdRatio, verdict(q.ColdWallPassed, q.ColdWallAimPassed))
			fmt.Fprintf(w, "  cold build     scorebook/hugo CPU    %5.2f   (information: user+system time, less disturbed by other load)\n", q.ColdCPU)
			fmt.Fprintf(w, "  peak memory    scorebook/hugo RSS    %5.2f   target ≤ %.2f        %s\n", q.PeakRSS, targetMemoryRatio, verdict(q.PeakRSSPassed, true))
			fmt.Fprintf(w, "  warm build     scorebook/hugo cold   %5.3f   target ≤ %.2f        %s\n", q.WarmOverHugoCold, targetWarmRatio, verdict(q.WarmPassed, true))
			if q.PageEditP50 > 0 {
				fmt.Fprintf(w, "  page edit      scorebook/hugo p50    %5.2f   p95 %.2f (information)\n", q.PageEditP50, q.PageEditP95)
				fmt.Fprintf(w, "  serve memory   scorebook/hugo RSS    %5.2f   (information)\n", q.ServePeakRSS)
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
	}
	if len(sums) > 1 {
		r.printScaling(w, sums)
	}
	fmt.Fprintln(w)
}

// printScaling shows cost per page at each size, relative to the
// smallest: 1.00 everywhere is linear growth, above it worse.
func (r *report) printScaling(w io.Writer, sums []sizeSummary) {
	fmt.Fprintf(w, "\nscaling, per page relative to %d pages (1.00 = linear):\n", sums[0].Pages)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pages\tscorebook cold µs/page\t×\tpeak KiB/page\t×\twarm µs/page\t×\thugo cold µs/page\t×\t")
	base := sums[0]
	per := func(v float64, pages int) float64 { return v / float64(pages) }
	for _, s := range sums {
		cold := per(s.Scorebook.ColdMedianMS*1000, s.Pages)
		rss := per(float64(s.Scorebook.ColdPeakRSSMedian)/1024, s.Pages)
		warm := per(s.Scorebook.WarmMedianMS*1000, s.Pages)
		cells := []string{
			fmt.Sprint(s.Pages),
			fmt.Sprintf("%.0f", cold), fmt.Sprintf("%.2f", cold/per(base.Scorebook.ColdMedianMS*1000, base.Pages)),
			fmt.Sprintf("%.0f", rss), fmt.Sprintf("%.2f", rss/per(float64(base.Scorebook.ColdPeakRSSMedian)/1024, base.Pages)),
			fmt.Sprintf("%.0f", warm), fmt.Sprintf("%.2f", warm/per(base.Scorebook.WarmMedianMS*1000, base.Pages)),
			"—", "—",
		}
		if s.Hugo != nil && base.Hugo != nil {
			h := per(s.Hugo.ColdMedianMS*1000, s.Pages)
			cells[7], cells[8] = fmt.Sprintf("%.0f", h), fmt.Sprintf("%.2f", h/per(base.Hugo.ColdMedianMS*1000, base.Pages))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
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
		Machine machine       `json:"machine"`
		Runs    int           `json:"runs"`
		Edits   int           `json:"edits"`
		Now     string        `json:"now"`
		Targets any           `json:"targets"`
		Sizes   []sizeSummary `json:"sizes"`
	}{r.Machine, r.Runs, r.Edits, r.Now, map[string]float64{
		"cold_wall_ratio_below": targetColdRatio, "cold_wall_ratio_aim": aimColdRatio,
		"peak_rss_ratio_at_most": targetMemoryRatio, "warm_over_hugo_cold_at_most": targetWarmRatio,
		"edit_p50_ms_at_most": ms(targetEditP50), "edit_p95_ms_at_most": ms(targetEditP95),
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
