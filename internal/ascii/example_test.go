package ascii_test

import (
	"fmt"

	"github.com/statusreg/statusreg/internal/ascii"
)

func ExampleEqualFold() {
	fmt.Println(ascii.EqualFold("SendMessage", "sendmessage"))
	fmt.Println(ascii.EqualFold("ſendMessage", "SendMessage")) // a long s is no s
	// Output:
	// true
	// false
}
