package main

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/statusreg/statusreg/internal/source"
)

// rocketmqService lists the methods of apache.rocketmq.v2.MessagingService
// and which table of the status matrix has a column for each.
const rocketmqService = "rocketmq-service.tsv"

// rocketmqUnlisted returns the methods of MessagingService that the
// status matrix has no column for, in the file's order, after checking
// that every column of the main table is a method of the service and the
// Telemetry commands' table belongs to a method.
func rocketmqUnlisted(dir string, mainOps []string) ([]string, error) {
	tsv, err := source.TSV(filepath.Join(dir, rocketmqService))
	if err != nil {
		return nil, err
	}
	var unlisted, inMain []string
	telemetry := false
	for _, row := range tsv.Rows { // rpc | kind | matrix
		switch row[1] {
		case "unary", "server_stream", "client_stream", "bidi_stream":
		default:
			return nil, fmt.Errorf("%s: %s: kind %q", rocketmqService, row[0], row[1])
		}
		switch row[2] {
		case "main":
			inMain = append(inMain, row[0])
		case "telemetry":
			telemetry = true
		case "none":
			unlisted = append(unlisted, row[0])
		default:
			return nil, fmt.Errorf("%s: %s: matrix %q", rocketmqService, row[0], row[2])
		}
	}
	for _, op := range mainOps {
		if !slices.Contains(inMain, op) {
			return nil, fmt.Errorf("%s: the matrix's column %s is not a method with a column", rocketmqService, op)
		}
	}
	if len(inMain) != len(mainOps) || !telemetry {
		return nil, fmt.Errorf("%s: %d methods with a main column and telemetry %v; the matrix has %d columns and a Telemetry table",
			rocketmqService, len(inMain), telemetry, len(mainOps))
	}
	return unlisted, nil
}

// quoteAll returns names as a list of Go string literals.
func quoteAll(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%q", n)
	}
	return s
}
