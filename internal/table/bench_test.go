package table

import "testing"

var (
	sinkString string
	sinkCode   code
	sinkMark   Mark
	sinkBool   bool
)

// The engine's own costs, on the sample table; peers/ compares the
// registries with their peer libraries.
func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = sample.String(0)   // code 0
		sinkString = sample.String(601) // next to its class
		sinkString = sample.String(630) // after a gap in its bucket
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCode, _ = sample.Parse("TOPIC_NOT_FOUND")
		sinkCode, _ = sample.Parse("TopicNotFound")
		sinkCode, _ = sample.Parse("601")
	}
}

func BenchmarkMark(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkMark = sample.Mark(1, 601)
	}
}

func BenchmarkAllows(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = sample.Allows(1, 601)
		sinkBool = sample.Allows(0, 601)
	}
}

func BenchmarkClassOfUnknown(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCode, _ = sample.Class(699)
	}
}
