package build

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestIndexJSON_AsEncodedWhole checks that scorecards/index.json, put
// together from entries encoded once per brand, is byte for byte what
// encoding the whole file at once gives, with brands and without.
func TestIndexJSON_AsEncodedWhole(t *testing.T) {
	e := New(Options{Src: filepath.Join("..", "..", ".."), Out: t.TempDir(), Mode: DryRun, Version: "test",
		Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	e.in.reload(nil)
	if errs := e.in.problems(); errs.HasErrors() {
		t.Fatal(errs)
	}
	s, err := e.assemble(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.listed) < 2 {
		t.Fatalf("the shipped site lists %d brands; the test needs several", len(s.listed))
	}
	s.listed[0].cc.cards[len(s.listed[0].cards)-1].Brand = `Tricky <b>&amp; "quoted"</b> — ünïcode`
	for _, listed := range [][]*brandOut{s.listed, nil} {
		s.listed = listed
		whole := struct {
			ModelVersion string       `json:"model_version"`
			Brands       []indexEntry `json:"brands"`
		}{ModelVersion: s.m.Version, Brands: []indexEntry{}}
		for _, b := range listed {
			whole.Brands = append(whole.Brands, s.indexEntry(b))
		}
		want, err := encodeJSON(whole)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.indexJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("with %d brands, index.json differs from encoding it whole:\n%s\nwant:\n%s", len(listed), got, want)
		}
	}
}
