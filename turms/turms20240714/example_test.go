package turms20240714_test

import (
	"fmt"

	"github.com/statusreg/statusreg/turms"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// A client of a server of 2024-07-14 reads the numbers it answers with
// this revision's package: 3408 means another code in the older one.
func Example() {
	var received int32 = 3408 // the code field of a Turms response

	code := turms20240714.Code(received)
	fmt.Println(code, "|", code.Category(), code.HTTPStatus(), code.Decide().Outcome)
	fmt.Println(turms.Code(received), "(the older revision's 3408)")

	// A new code of this revision, and a code newer than the tables,
	// which keeps its number and takes the category of its hundred.
	fmt.Println(turms20240714.CancelNonexistentMeeting, turms20240714.CancelNonexistentMeeting.GRPCCode())
	code = turms20240714.Code(8199)
	fmt.Println(code, code.Category().Area, code.Category().Topic, code.HTTPStatus())
	// Output:
	// NOT_GROUP_OWNER_OR_MANAGER_TO_REMOVE_GROUP_MEMBER | Group - Member Related Error 403 Fail
	// NOT_GROUP_OWNER_TO_UPDATE_GROUP_MEMBER_ROLE (the older revision's 3408)
	// CANCEL_NONEXISTENT_MEETING NotFound
	// Code(8199) Conference Meeting 403
}

// An error of the older revision reaches a client of this one by name:
// a renumbered code comes out under its number here, a removed one as
// CodeUnspecified.
func ExampleCodeOf() {
	renumbered := turms.Errorf(turms.CreateExistingFriendRequest, "already asked")
	removed := turms.Errorf(turms.GroupInviteeAlreadyGroupMember, "already a member")

	fmt.Println(int32(turms.CreateExistingFriendRequest), "->", int32(turms20240714.CodeOf(renumbered)), turms20240714.CodeOf(renumbered))
	fmt.Println(turms20240714.CodeOf(removed) == turms20240714.CodeUnspecified)
	// Output:
	// 2601 -> 2600 CREATE_EXISTING_FRIEND_REQUEST
	// true
}
