package main

import "os"

// A lookup by number, as "statuscode 40402" prints it.
func Example() {
	run([]string{"40402"}, nil, os.Stdout, os.Stderr, false)
	// Output:
	// RocketMQ code  TOPIC_NOT_FOUND  40402
	//   class            NOT_FOUND (40400)
	//   gRPC             NOT_FOUND
	//   HTTP             404 Not Found
	//   retry            fail: the entity does not exist: retrying cannot create it
	//   returned by      QueryRoute, SendMessage, QueryAssignment, ReceiveMessage,
	//                    AckMessage, ForwardMessageToDeadLetterQueue,
	//                    ChangeInvisibleDuration, PullMessage, UpdateOffset,
	//                    GetOffset, QueryOffset
}
