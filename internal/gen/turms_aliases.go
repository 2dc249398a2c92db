package main

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/statusreg/statusreg/internal/source"
)

// turmsKotlinClient lists the official Kotlin client's codes; its
// server_code_alias rows are its names for the server codes whose names
// clash with client-only codes (INVALID_REQUEST_FROM_SERVER is 1100).
const turmsKotlinClient = "turms-client-kotlin-2024-12-28.tsv"

// turmsAliases gives each server code the Kotlin client renames its
// client's name as an alias, so that ParseCode reads both.
func turmsAliases(dir string, server *registry) error {
	tsv, err := source.TSV(filepath.Join(dir, turmsKotlinClient))
	if err != nil {
		return err
	}
	for _, row := range tsv.Rows { // code | name | kind
		if row[2] != "server_code_alias" {
			continue
		}
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return fmt.Errorf("%s: %s: code %q", turmsKotlinClient, row[1], row[0])
		}
		found := false
		for i := range server.entries {
			if e := &server.entries[i]; int(e.Num) == n {
				if row[1] != e.Name+"_FROM_SERVER" {
					return fmt.Errorf("%s: %s is not %s with _FROM_SERVER", turmsKotlinClient, row[1], e.Name)
				}
				if server.aliases == nil {
					server.aliases = map[int32]string{}
				}
				server.aliases[e.Num], found = row[1], true
			}
		}
		if !found {
			return fmt.Errorf("%s: %s: no server code %d", turmsKotlinClient, row[1], n)
		}
	}
	return nil
}
