package table

import "testing"

var (
	sinkString string
	sinkCode   code
	sinkMark   Mark
)

// The engine's own costs, on the sample table; peers/ compares the
// registries with their peer libraries.
func BenchmarkString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkString = sample.String(0)   // dense
		sinkString = sample.String(601) // sparse, direct slot
		sinkString = sample.String(630) // sparse, scanned
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

func BenchmarkClassOfUnknown(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCode, _ = sample.Class(699)
	}
}
