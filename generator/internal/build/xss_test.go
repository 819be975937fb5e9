package build_test

import (
	"bytes"
	"encoding/csv"
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"scorebook/generator/internal/build"
)

// payload tries to end an element, an attribute and a string, and to run
// script three ways.
const payload = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'`

// tomlString quotes s as a TOML basic string (ASCII only).
func tomlString(s string) string { return strconv.Quote(s) }

// xssSite is the golden site with an assessment and a page whose every
// string field carries the payload, and CSV cells a spreadsheet would run.
func xssSite(t *testing.T) string {
	t.Helper()
	src := copySite(t, goldenSrc)
	q := func(prefix string) string { return tomlString(prefix + payload) }
	writeFile(t, src, "assessments/xss-brand/2026-10-01.toml", `brand = `+q("=1+2 ")+`
assessed = 2026-10-01
assessor = `+q("")+`
platform = "shopware"
pattern = "hub-and-spoke"
revenue_musd = 50
integration_engineers = 1

[scores.architecture]
api-gateway = { level = 3, evidence = `+q(`=HYPERLINK("javascript:alert(3)","x") `)+`, confidence = "high" }
event-backbone = 2
master-data = { exempt = true, reason = `+q("+1 ")+` }

[scores.operations]
monitoring = { level = 2, evidence = `+q("@SUM(1) ")+` }
on-call = { level = 1, evidence = `+q("-2+3 ")+` }
runbooks = { level = 1, evidence = `+q("\t=tab ")+` }

[targets]
operations = 3.0

[[use_cases]]
name = `+q("")+`
domain = "inventory"
cadence = "nightly"

[[journeys]]
name = `+q("")+`
runs = 10
failures = 2
notes = `+q("")+`

[operations]
owner = `+q("")+`
on_call = true
`)
	writeFile(t, src, "content/guide/xss.md", `+++
title = `+q("")+`
description = `+q("")+`
tags = [`+q("")+`, "javascript:alert(4)"]
+++

A [plain link](javascript:alert(1)), a [shouting one](JAVASCRIPT:alert(7)),
an [entity one](jav&#x61;script:alert(8)), an ![image](javascript:alert(9)),
an autolink <javascript:alert(10)>, a [reference][r], a [vb one](vbscript:msgbox(1))
and a [data one](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).

<script>alert(5)</script>

<img src=x onerror=alert(6)>

Inline <b onmouseover="alert(12)">raw HTML</b> too.

[r]: javascript:alert(11)
`)
	return src
}

// dangerousURL matches the schemes that run script or carry a document.
var dangerousURL = regexp.MustCompile(`^(?i)(javascript|vbscript|data):`)

// activeMarkup describes every element or attribute of an HTML or SVG
// document that could run script or load content: none should come from
// an input, and the generated site itself uses none of them.
func activeMarkup(doc []byte) []string {
	var found []string
	for _, tg := range htmlTags(doc) {
		switch tg.name {
		case "script", "img", "iframe", "object", "embed", "svg:script", "foreignobject":
			found = append(found, "<"+tg.name+"> at byte "+strconv.Itoa(tg.offset))
		}
		for _, a := range tg.attrs {
			if strings.HasPrefix(a[0], "on") {
				found = append(found, "<"+tg.name+" "+a[0]+"=…>")
			}
			cleaned := strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a[1])
			if urlAttrs[a[0]] && dangerousURL.MatchString(cleaned) {
				found = append(found, "<"+tg.name+" "+a[0]+"=\""+a[1]+"\">")
			}
		}
	}
	return found
}

func TestActiveMarkup_TellsEscapedTextFromMarkup(t *testing.T) {
	doc := []byte(`<p title="x onerror=alert(1)">&lt;img src=x onerror=alert(2)&gt; onerror=3</p>` +
		`<a href = 'JavaScript:alert(4)'>a</a><a href="java&#x09;script:x">b</a><b onmouseover=alert(5)>c</b>` +
		`<!-- <script>alert(6)</script> --><svg><a xlink:href="data:text/html,x"></a></svg><script src="/js/site.js"></script>`)
	got := activeMarkup(doc)
	want := []string{`<a href="JavaScript:alert(4)">`, "<a href=\"java\tscript:x\">", "<b onmouseover=…>",
		`<a xlink:href="data:text/html,x">`}
	if len(got) != len(want)+1 || !strings.HasPrefix(got[len(got)-1], "<script>") {
		t.Fatalf("activeMarkup found %q; want %q and the script element", got, want)
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("finding %d = %q, want %q", i, got[i], w)
		}
	}
}

func TestXSS_PayloadsAreEscapedEverywhere(t *testing.T) {
	src := xssSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	site := readTree(t, out)

	for rel, data := range site {
		switch filepath.Ext(rel) {
		case ".html", ".svg", ".xml":
			for _, f := range activeMarkup(data) {
				t.Errorf("%s: %s", rel, f)
			}
		case ".json":
			// encoding/json writes < and > as \u003c and \u003e, so no
			// string can close a script element that embeds the JSON.
			if bytes.ContainsAny(data, "<>") {
				t.Errorf("%s holds a raw < or >", rel)
			}
		}
	}

	// The payloads did reach the output, escaped: the test is not passing
	// because the fields were dropped.
	escaped := html.EscapeString(payload)
	for _, rel := range []string{"scorecards/xss-brand/index.html", "scorecards/xss-brand/share.html", "guide/xss/index.html"} {
		if n := strings.Count(string(site[rel]), escaped); n < 2 {
			t.Errorf("%s shows the escaped payload %d times; want the fields on the page", rel, n)
		}
	}
	card := string(site["scorecards/xss-brand/index.html"])
	if n := strings.Count(card, escaped); n < 6 {
		t.Errorf("the scorecard page shows the escaped payload %d times; want brand, assessor, evidence, reason, journey and use case", n)
	}
	if !bytes.Contains(site["scorecards/xss-brand/scorecard.json"], []byte(`\u003cscript\u003ealert(1)\u003c/script\u003e`)) {
		t.Error("scorecard.json does not hold the payload, escaped")
	}
}

func TestXSS_CSVCellsNeverStartAFormula(t *testing.T) {
	src := xssSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, options(src, out, build.Publish))
	data := readFile(t, out, "scorecards/xss-brand/scorecard.csv")
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("scorecard.csv: %v", err)
	}
	header := rows[0]
	col := func(name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("scorecard.csv has no column %s: %v", name, header)
		return -1
	}
	for i, row := range rows[1:] {
		for j, cell := range row {
			if cell == "" {
				continue
			}
			if _, err := strconv.ParseFloat(cell, 64); err == nil {
				continue // a number the generator wrote
			}
			if strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d, %s: %q starts a formula", i+1, header[j], cell)
			}
		}
	}
	byCriterion := map[string][]string{}
	for _, row := range rows[1:] {
		byCriterion[row[col("criterion_id")]] = row
	}
	tests := []struct{ criterion, column, want string }{
		{"api-gateway", "brand", "'=1+2 " + payload},
		{"api-gateway", "evidence", `'=HYPERLINK("javascript:alert(3)","x") ` + payload},
		{"master-data", "reason", "'+1 " + payload},
		{"monitoring", "evidence", "'@SUM(1) " + payload},
		{"on-call", "evidence", "'-2+3 " + payload},
		{"runbooks", "evidence", "'\t=tab " + payload},
		{"event-backbone", "level", "2"},
	}
	for _, tc := range tests {
		if got := byCriterion[tc.criterion][col(tc.column)]; got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.criterion, tc.column, got, tc.want)
		}
	}
}
