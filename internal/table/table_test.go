package table

import (
	"encoding/json"
	"log/slog"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
)

// code is a registry code type for the engine's own tests.
type code int32

// sample is a small registry with what the real ones have: code 0, a
// class per hundred, consecutive and gapped codes in a bucket, a bucket
// with no class, a matrix, and numbers well past the last one.
var sample = indexed(Table[code]{
	TypeName:      "Code",
	System:        "sample",
	Domain:        "sample.example.com",
	OK:            100,
	Fallback:      0,
	BucketClasses: true,
	Entries: []Entry{
		{Num: 0, Name: "UNSPECIFIED", GoName: "Unspecified", Class: 0, GRPC: codes.Unknown},
		{Num: 100, Name: "OK", GoName: "OK", Class: 100, GRPC: codes.OK, HTTP: 200},
		{Num: 101, Name: "OK_TOO", GoName: "OkToo", Class: 100, GRPC: codes.OK, HTTP: 200},
		{Num: 103, Name: "OK_GAP", GoName: "OkGap", Class: 100, GRPC: codes.OK, HTTP: 200},
		{Num: 250, Name: "NO_CLASS_HERE", GoName: "NoClassHere", Class: 250, GRPC: codes.Internal},
		{Num: 600, Name: "NOT_FOUND", GoName: "NotFound", Class: 600, GRPC: codes.NotFound, HTTP: 404},
		{Num: 601, Name: "TOPIC_NOT_FOUND", GoName: "TopicNotFound", Class: 600, GRPC: codes.NotFound, HTTP: 404},
		{Num: 630, Name: "FAR_NOT_FOUND", GoName: "FarNotFound", Class: 600, GRPC: codes.NotFound, HTTP: 404},
	},
	Ops: []string{"Send", "Receive"},
	Marks: []Marks{
		{},                             // UNSPECIFIED: no row
		{Listed: 0b11, Allowed: 0b11},  // OK: both
		{Listed: 0b01, Allowed: 0b01},  // OK_TOO: Send only listed
		{Listed: 0b11, Reserved: 0b11}, // OK_GAP: reserved
		{Listed: 0b11},                 // NO_CLASS_HERE: never
		{Listed: 0b11, Reserved: 0b11}, // NOT_FOUND: reserved
		{Listed: 0b11, Allowed: 0b10},  // TOPIC_NOT_FOUND: Receive only
		{Listed: 0b10, Allowed: 0b10},  // FAR_NOT_FOUND: Receive only listed
	},
})

// indexed fills in t's indexes, as the generator does for registries.
func indexed[C Code](t Table[C]) Table[C] {
	t.Dense, t.Names = Indexes(t.Entries, t.Aliases)
	t.Mul, t.Slots = Direct(t.Entries, t.Marks, len(t.Ops))
	return t
}

func TestIndexes(t *testing.T) {
	// The sample's numbers: 0, 100, 101, 103, 250, 600, 601, 630.
	assert.Equal(t, 1, sample.Dense)
	assert.Len(t, sample.Names, 32, "16 names at most half full")
}

func TestDirect(t *testing.T) {
	checkSlots(t, &sample)
	checkSlots(t, &unsigned)

	none := indexed(Table[code]{TypeName: "Code"})
	assert.Empty(t, none.Slots)
	assert.False(t, none.Known(0))
	assert.Equal(t, "Code(0)", none.String(0))
}

// checkSlots checks that tab's every entry is in its own slot, and that
// the other slots are empty.
func checkSlots[C Code](t *testing.T, tab *Table[C]) {
	t.Helper()
	require.GreaterOrEqual(t, len(tab.Slots), len(tab.Entries))
	found := 0
	for s, slot := range tab.Slots {
		if slot.Num < 0 {
			assert.Equal(t, Slot{Num: -1}, slot, "empty slot %d", s)
			continue
		}
		found++
		require.Less(t, int(slot.Entry), len(tab.Entries))
		assert.Equal(t, tab.Entries[slot.Entry].Num, slot.Num)
		assert.Equal(t, tab.Entries[slot.Entry].Name, slot.Name)
		assert.Equal(t, uint(s), slotOf(uint32(slot.Num), tab.Mul, len(tab.Slots)), "%d is not in its own slot", slot.Num)
	}
	assert.Equal(t, len(tab.Entries), found, "one slot per entry")
}

// TestLookupsWithoutSlots holds that a table missing its direct index,
// which Validate rejects, still answers without panicking: it finds the
// dense prefix and treats every other number as unknown.
func TestLookupsWithoutSlots(t *testing.T) {
	bare := sample
	bare.Mul, bare.Slots = 0, nil
	require.Error(t, bare.Validate())
	assert.Equal(t, "UNSPECIFIED", bare.String(0), "the dense prefix needs no slots")
	for _, n := range []code{100, 601, -1, 642, math.MinInt32} {
		assert.Nil(t, bare.Lookup(n), "%d", n)
		assert.Equal(t, "Code("+strconv.Itoa(int(n))+")", bare.String(n), "%d", n)
		for op := range sample.Ops {
			assert.Equal(t, NotListed, bare.Mark(op, n), "op %d code %d", op, n)
			assert.False(t, bare.Allows(op, n), "a table without slots allows nothing")
		}
	}
}

func TestSampleIsValid(t *testing.T) {
	require.NoError(t, sample.Validate())
}

func TestValidateCatchesBrokenTables(t *testing.T) {
	unsorted := sample
	unsorted.Entries = append([]Entry{}, sample.Entries...)
	unsorted.Entries[1], unsorted.Entries[2] = unsorted.Entries[2], unsorted.Entries[1]
	assert.Error(t, unsorted.Validate())

	noSlots := sample
	noSlots.Slots = nil
	assert.Error(t, noSlots.Validate(), "codes past the dense prefix need their slots")

	badNames := sample
	badNames.Names = append([]uint16{}, sample.Names...)
	for i, v := range badNames.Names {
		if v != 0 { // move the first name one slot on: its probe misses it
			badNames.Names[i], badNames.Names[(i+1)%len(badNames.Names)] = 0, v
			break
		}
	}
	assert.Error(t, badNames.Validate())

	badDense := sample
	badDense.Dense = 2
	assert.Error(t, badDense.Validate())
}

func TestLookupFindsEveryEntry(t *testing.T) {
	for i, e := range sample.Entries {
		got := sample.Lookup(code(e.Num))
		require.NotNil(t, got, e.Name)
		assert.Same(t, &sample.Entries[i], got)
		assert.True(t, sample.Known(code(e.Num)))
		assert.Equal(t, e.Name, sample.String(code(e.Num)))
	}
}

func TestLookupMisses(t *testing.T) {
	for _, n := range []code{-1, 1, 99, 102, 104, 199, 200, 204, 249, 251, 599, 602, 629, 631, 699, 700, 12345, math.MaxInt32, math.MinInt32} {
		assert.Nil(t, sample.Lookup(n), "%d", n)
		assert.False(t, sample.Known(n), "%d", n)
	}
}

func TestStringOfUnknownKeepsTheNumber(t *testing.T) {
	assert.Equal(t, "Code(12345)", sample.String(12345))
	assert.Equal(t, "Code(-7)", sample.String(-7))
	for _, n := range []code{12345, -7, 102, math.MaxInt32, math.MinInt32} {
		back, err := sample.Parse(sample.String(n))
		require.NoError(t, err)
		assert.Equal(t, n, back)
	}
}

func TestClass(t *testing.T) {
	for _, tc := range []struct {
		c, class code
		ok       bool
	}{
		{101, 100, true},
		{630, 600, true},
		{600, 600, true},
		{0, 0, true},
		{199, 100, true}, // unknown: the class that opens its bucket
		{699, 600, true},
		{299, 0, false}, // bucket 2 opens with no class code
		{12345, 0, false},
		{-1, 0, false},
	} {
		class, ok := sample.Class(tc.c)
		assert.Equal(t, tc.ok, ok, "%d", tc.c)
		assert.Equal(t, tc.class, class, "%d", tc.c)
	}
}

func TestClassWithoutBucketClasses(t *testing.T) {
	flat := sample
	flat.BucketClasses = false
	_, ok := flat.Class(199)
	assert.False(t, ok)
	assert.Equal(t, codes.Unknown, flat.GRPC(199))
	assert.Equal(t, 0, flat.HTTP(199))
}

func TestMappings(t *testing.T) {
	assert.Equal(t, codes.NotFound, sample.GRPC(601))
	assert.Equal(t, 404, sample.HTTP(601))
	assert.Equal(t, codes.NotFound, sample.GRPC(642), "unknown code maps as its class")
	assert.Equal(t, 404, sample.HTTP(642))
	assert.Equal(t, codes.Unknown, sample.GRPC(299), "no class: Unknown")
	assert.Equal(t, 0, sample.HTTP(299))
	assert.Equal(t, 0, sample.HTTP(250), "listed code without HTTP status")
}

func TestMark(t *testing.T) {
	send, receive := sample.Op("Send"), sample.Op("Receive")
	require.Equal(t, 0, send)
	require.Equal(t, 1, receive)
	assert.Equal(t, -1, sample.Op("send"), "operation names are exact")
	for _, tc := range []struct {
		op   int
		c    code
		want Mark
	}{
		{send, 100, Allowed},
		{receive, 100, Allowed},
		{send, 101, Allowed},
		{receive, 101, NotListed},
		{send, 103, Reserved},
		{send, 250, NotAllowed},
		{send, 601, NotAllowed},
		{receive, 601, Allowed},
		{send, 630, NotListed},
		{send, 0, NotListed},
		{send, 12345, NotListed},
		{-1, 100, NotListed},
		{2, 100, NotListed},
	} {
		assert.Equal(t, tc.want, sample.Mark(tc.op, tc.c), "op %d code %d", tc.op, tc.c)
	}
}

func TestAllowsIsMarkAllowed(t *testing.T) {
	nums := []code{-1, 1, 102, 199, 642, 12345, math.MaxInt32, math.MinInt32}
	for _, e := range sample.Entries {
		nums = append(nums, code(e.Num))
	}
	for _, c := range nums {
		for _, op := range []int{-1, 0, 1, 2, 63, 64, 65, math.MaxInt, math.MinInt} {
			assert.Equal(t, sample.Mark(op, c) == Allowed, sample.Allows(op, c), "op %d code %d", op, c)
		}
	}

	// A bit past Ops is no cell, for Allows as for Mark.
	extra := sample
	extra.Marks = append([]Marks{}, sample.Marks...)
	extra.Marks[6].Listed |= 1 << 5
	extra.Marks[6].Allowed |= 1 << 5
	extra = indexed(extra)
	assert.Equal(t, NotListed, extra.Mark(5, 601))
	assert.False(t, extra.Allows(5, 601))
}

// TestEmptySlotsHoldNothing looks up negative numbers, which land in
// empty slots as in others: the -1 that marks a slot empty is no code.
func TestEmptySlotsHoldNothing(t *testing.T) {
	var entries []Entry // enough codes that a perfect hash leaves slots empty
	for i := range int32(40) {
		n := 37*i*i + i // sorted, with ever wider gaps
		entries = append(entries, Entry{Num: n, Name: "N" + strconv.Itoa(int(n))})
	}
	marks := make([]Marks, len(entries))
	for i := range marks {
		marks[i] = Marks{Listed: 1, Allowed: 1}
	}
	tab := indexed(Table[code]{TypeName: "Code", Entries: entries, Ops: []string{"Op"}, Marks: marks})
	checkSlots(t, &tab)
	empty := 0
	for n := code(-1); n >= -1000; n-- {
		if tab.Slots[slotOf(uint32(n), tab.Mul, len(tab.Slots))].Num < 0 {
			empty++
		}
		require.False(t, tab.Known(n), "%d", n)
		require.Equal(t, "Code("+strconv.Itoa(int(n))+")", tab.String(n))
		require.False(t, tab.Allows(0, n), "%d", n)
	}
	assert.Positive(t, empty, "no number landed in an empty slot")
}

func TestMarkString(t *testing.T) {
	assert.Equal(t, "Allowed", Allowed.String())
	assert.Equal(t, "NotListed", NotListed.String())
	assert.Equal(t, "Mark(9)", Mark(9).String())
}

// ucode is a uint32 code type, as grpc-go's codes.Code is.
type ucode uint32

var unsigned = indexed(Table[ucode]{
	TypeName: "Code",
	System:   "unsigned",
	Entries:  []Entry{{Num: 0, Name: "OK", GoName: "OK"}, {Num: 1, Name: "CANCELLED", GoName: "Canceled", Class: 1}},
})

func TestUnsignedCodes(t *testing.T) {
	require.NoError(t, unsigned.Validate())
	assert.Equal(t, "CANCELLED", unsigned.String(1))
	assert.Equal(t, "Code(4294967295)", unsigned.String(math.MaxUint32))
	c, err := unsigned.Parse("Code(4294967295)")
	require.NoError(t, err)
	assert.Equal(t, ucode(math.MaxUint32), c)
	_, err = unsigned.Parse("-1")
	assert.Error(t, err, "negative numbers do not fit a uint32 code")
	_, err = unsigned.Parse("4294967296")
	assert.Error(t, err)
}

func TestMarkText(t *testing.T) {
	for _, m := range []Mark{NotListed, Allowed, NotAllowed, Reserved, 9, 255} {
		text, err := m.MarshalText()
		require.NoError(t, err)
		var back Mark
		require.NoError(t, back.UnmarshalText(text), "%s", text)
		assert.Equal(t, m, back)
	}
	var m Mark
	require.NoError(t, m.UnmarshalText([]byte(" notallowed ")))
	assert.Equal(t, NotAllowed, m)
	for _, bad := range []string{"", "Maybe", "Mark(256)", "Mark(-1)", "Mark(1"} {
		assert.Error(t, m.UnmarshalText([]byte(bad)), "%q", bad)
	}
	b, err := json.Marshal(map[string]Mark{"cell": Reserved})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cell":"Reserved"}`, string(b))
}

func TestGoStringAndLogValue(t *testing.T) {
	withPkg := sample
	withPkg.Package = "sample"
	assert.Equal(t, "sample.TopicNotFound", withPkg.GoString(601))
	assert.Equal(t, "sample.Code(642)", withPkg.GoString(642))
	v := sample.LogValue(601, slog.Int("extra", 1))
	assert.Equal(t, "[name=TOPIC_NOT_FOUND number=601 extra=1]", v.String())
}
