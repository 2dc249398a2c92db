package table_test

import (
	"fmt"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/table"
)

// Level is a registry's code type, as rocketmq.Code is.
type Level int32

// levels is the kind of table internal/gen writes, built here by hand.
var levels = func() table.Table[Level] {
	t := table.Table[Level]{
		TypeName: "Level", System: "levels", Domain: "levels.example.com", OK: 200,
		BucketClasses: true,
		Entries: []table.Entry{
			{Num: 200, Name: "FINE", GoName: "Fine", Class: 200, GRPC: codes.OK, HTTP: 200},
			{Num: 400, Name: "BAD", GoName: "Bad", Class: 400, GRPC: codes.InvalidArgument, HTTP: 400},
			{Num: 401, Name: "BAD_NAME", GoName: "BadName", Class: 400, GRPC: codes.InvalidArgument, HTTP: 400},
		},
	}
	t.Dense, t.Names = table.Indexes(t.Entries, t.Aliases)
	t.Mul, t.Slots = table.Direct(t.Entries, nil, 0)
	return t
}()

func Example() {
	c, _ := levels.Parse("badName")
	fmt.Println(c, levels.String(c), levels.HTTP(c), levels.GRPC(c))

	class, _ := levels.Class(499) // unknown, classed by its hundreds
	fmt.Println(levels.String(499), levels.String(class))

	err := levels.Status(401, `no such name "x"`).Err() // as an Error's GRPCStatus makes it
	back, _ := levels.CodeOf(err)
	fmt.Println(levels.ErrorText(401, `no such name "x"`), "->", levels.String(back))
	// Output:
	// 401 BAD_NAME 400 InvalidArgument
	// Level(499) BAD
	// levels BAD_NAME: no such name "x" -> BAD_NAME
}
