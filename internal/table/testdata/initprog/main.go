// Command initprog links every registry so that init_test.go can read
// its initialisation trace.
package main

import (
	"fmt"

	"github.com/statusreg/statusreg/grpccodes"
)

func main() {
	fmt.Println(grpccodes.Name(5))
}
