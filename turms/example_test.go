package turms_test

import (
	"errors"
	"fmt"

	"github.com/statusreg/statusreg/turms"
)

// A client got a numeric code back from a Turms server: it turns it into
// a typed code, its category, the HTTP status the server pairs with it,
// and a retry decision.
func Example() {
	var received int32 = 1201 // the code field of a Turms response

	code := turms.Code(received)
	fmt.Println(code, code.Category(), code.HTTPStatus(), code.GRPCCode())
	fmt.Println(code.IsServerError(), code.Decide().Outcome)

	// A code newer than the tables keeps its number and takes the
	// category of its hundred.
	code = turms.Code(3499)
	c := code.Category()
	fmt.Println(code, c.Area, c.Topic, c.Kind, code.HTTPStatus(), code.Decide().Outcome)

	closed := turms.SessionCloseStatus(110)
	fmt.Println(closed, closed.Decide().Outcome)
	// Output:
	// SERVER_UNAVAILABLE Server Error 503 Unavailable
	// true Retry
	// Code(3499) Group Member ClientError 403 Fail
	// HEARTBEAT_TIMEOUT Retry
}

// The same numbers and names mean different things in the three sets.
func ExampleParseClientCode() {
	server, _ := turms.ParseCode("INVALID_REQUEST")
	client, _ := turms.ParseClientCode("INVALID_REQUEST")
	closing, _ := turms.ParseSessionCloseStatus("100")
	_, err := turms.ParseCode("CONNECT_TIMEOUT")
	fmt.Printf("%d %d %v\n", server, client, closing)
	fmt.Println(err)
	// Output:
	// 1100 100 ILLEGAL_REQUEST
	// turms: "CONNECT_TIMEOUT" is not a code name or number
}

// A gateway answers with a Turms code; the caller reads it back exactly.
func ExampleCodeOf() {
	err := turms.Errorf(turms.SendMessageToMutedGroup, "group %d is muted", 42)
	wrapped := fmt.Errorf("send: %w", err)

	fmt.Println(turms.CodeOf(wrapped))
	fmt.Println(errors.Is(wrapped, turms.Errorf(turms.SendMessageToMutedGroup, "")))
	fmt.Println(turms.CodeOf(nil))
	// Output:
	// SEND_MESSAGE_TO_MUTED_GROUP
	// true
	// OK
}
