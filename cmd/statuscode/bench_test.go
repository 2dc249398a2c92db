package main

import (
	"io"
	"strings"
	"testing"
)

// BenchmarkQuery is the lookup path of one command line, parsing to
// printing, without the process around it. The closing note of issue 9
// gives the whole-process time of the built binary.
func BenchmarkQuery(b *testing.B) {
	for _, args := range [][]string{
		{"40402"},
		{"INVALID_REQUEST"},
		{"403"},
		{"403", "--json"},
		{"--search", "group"},
		{"rpc", "SendMessage"},
		{"matrix"},
		{"TOPIC_NOT_FUOND"},
	} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				run(args, nil, io.Discard, io.Discard, false)
			}
		})
	}
}
