// Command httponly is an HTTP-only program that uses package httpmap's
// Handler and ReadError and nothing else of statusreg. TestDependencyRule
// checks which gRPC packages it links; its binary size and package init
// time measure what an HTTP-only user of httpmap pays.
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/statusreg/statusreg/httpmap"
)

func main() {
	h := httpmap.Handler(func(http.ResponseWriter, *http.Request) error { return nil })
	if len(os.Args) > 1 {
		_, err := httpmap.ReadError(&http.Response{StatusCode: 500, Body: http.NoBody})
		fmt.Println(h != nil, err)
	}
}
