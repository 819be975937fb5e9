package chart

import "testing"

func BenchmarkRadar(b *testing.B) {
	in := exampleRadar()
	for b.Loop() {
		Radar(in)
	}
}

func BenchmarkTrend(b *testing.B) {
	in := exampleTrend()
	for b.Loop() {
		Trend(in)
	}
}

func BenchmarkBars(b *testing.B) {
	in := exampleBars()
	for b.Loop() {
		Bars(in)
	}
}

func BenchmarkPatternMatrixChart(b *testing.B) {
	in := examplePatterns()
	for b.Loop() {
		PatternMatrixChart(in)
	}
}

func BenchmarkSparkline(b *testing.B) {
	vs := floats(1.4, 1.7, 1.9, 2.2, 2.3, 2.5)
	for b.Loop() {
		Sparkline(vs, 0, 4, "Northwind Outfitters: overall score trend")
	}
}
