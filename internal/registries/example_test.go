package registries_test

import (
	"fmt"

	"github.com/statusreg/statusreg/internal/registries"
)

// Every registry is looked up the same way: parse a name, then ask the
// descriptor about the number.
func Example() {
	for _, r := range registries.All {
		fmt.Printf("%-17s %-10s %s.%s\n", r.Name, r.Group, r.Package, r.Type)
	}
	r := registries.Named("rocketmq")
	n, _ := r.Parse("TopicNotFound")
	fmt.Println(n, r.String(n), r.Class(n).Name, r.HTTPStatus(n), r.Decide(n, false).Outcome)
	fmt.Println(r.Describes(40499), r.Known(40499), r.String(40499))
	// Output:
	// grpc              grpc       grpccodes.Code
	// rocketmq          rocketmq   rocketmq.Code
	// turms             turms      turms.Code
	// turms-client      turms      turms.ClientCode
	// turms-close       turms      turms.SessionCloseStatus
	// turms-2024        turms-2024 turms20240714.Code
	// turms-2024-client turms-2024 turms20240714.ClientCode
	// turms-2024-close  turms-2024 turms20240714.SessionCloseStatus
	// httpmap           httpmap    httpmap.Code
	// 40402 TOPIC_NOT_FOUND NOT_FOUND 404 Fail
	// true false Code(40499)
}
