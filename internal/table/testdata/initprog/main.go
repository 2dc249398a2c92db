// Command initprog links every registry so that init_test.go can read
// its initialisation trace.
package main

import (
	"fmt"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

func main() {
	fmt.Println(grpccodes.Name(5), rocketmq.TopicNotFound, rocketmq.SendMessage.Allows(rocketmq.OK))
	fmt.Println(httpmap.TopicNotExist, httpmap.TopicNotExist.GRPCCode(), httpmap.Middleware(nil) != nil)
	fmt.Println(turms.ServerUnavailable, turms.Code(3499).Category(), turms.CloseHeartbeatTimeout.Decide().Retryable())
}
