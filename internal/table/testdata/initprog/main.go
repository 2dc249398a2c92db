// Command initprog links every registry so that init_test.go can read
// its initialisation trace.
package main

import (
	"fmt"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/rocketmq"
)

func main() {
	fmt.Println(grpccodes.Name(5), rocketmq.TopicNotFound, rocketmq.SendMessage.Allows(rocketmq.OK))
}
