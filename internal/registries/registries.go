// Package registries is the one list of statusreg's code registries: a
// descriptor per code type, with what the command statuscode and the
// cross-registry tests need to know of it, type-erased to int64.
//
// The command statuscode looks codes up, searches them, explains error
// answers and renders each registry's docs by ranging over All; the tests
// of internal/crossreg and its fuzz target range over it too. Adding a
// registry adds its descriptor here (and its Markdown renderer, docs.go);
// nothing else outside the registry's own package names it.
//
// Only the command and tests import this package. Its list is static data:
// building it does no work at init.
package registries

import (
	"io"
	"math"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/retry"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
	"github.com/statusreg/statusreg/turms/turms20240714"
)

// A Registry describes one code type of a registry package: its names,
// its codes and, as functions of a code's number, every lookup the
// package offers for it. A function that does not apply to the code type
// is nil.
type Registry struct {
	// Name is the registry's name in statuscode's --registry flag and in
	// its JSON: "rocketmq", "turms-client".
	Name string
	// Label names the registry for a person: "Turms client-only code".
	Label string
	// Group is the --registry name that selects it with its siblings, and
	// the name of its docs: "turms" for Turms' three code types.
	Group string
	// Package and Type name the Go package and code type: "turms",
	// "ClientCode". An unlisted code prints as Type(N).
	Package, Type string
	// System and Revision are set for a system whose numbers change
	// between upstream revisions, with a package per revision (Turms):
	// the system's name and the revision's date, "turms" and
	// "2023-12-25". Revisions returns the registries of the same code
	// type in each revision; the errors of one Domain but another
	// Revision are read by name.
	System, Revision string
	// Foreign says that the code type is not the package's own but
	// grpc-go's codes.Code, whose text, JSON and Go forms are grpc-go's:
	// Value's methods are not those of a statusreg code type.
	Foreign bool
	// Min and Max bound the code type's numbers: an int32, or a uint32 for
	// codes.Code.
	Min, Max int64
	// Span is the lowest and the highest number its upstream gives a code:
	// the codes lie within it.
	Span [2]int64

	// Codes returns every code the package lists, in ascending order, in
	// a new slice.
	Codes func() []int64
	// Synthetic are codes the package lists that its upstream does not:
	// httpmap's CODE_UNSPECIFIED, its "no code". statuscode neither shows
	// nor counts them.
	Synthetic []int64
	// Known reports whether the package lists a number; false for one
	// outside Min and Max.
	Known func(n int64) bool
	// Family reports whether an unlisted number falls in a family of codes
	// the registry lists, and so has its mappings (RocketMQ's 40499, in
	// NOT_FOUND). Nil for a registry without families.
	Family func(n int64) bool
	// OwnNumbers, when set, says that the registry's numbers are its own,
	// not numbers a wire carries: a number lookup skips the registry, and
	// statuscode prints the sentence next to its numbers.
	OwnNumbers string

	// Value returns the code numbered n as its own type, for the tests that
	// check the type's methods (GoString, MarshalText, LogValue).
	Value func(n int64) any
	// String returns the code's text: its upstream name, or Type(N).
	String func(n int64) string
	// Parse reads a code as the package's parser does.
	Parse func(s string) (int64, error)

	// HTTPStatus returns the HTTP status the code maps to, 0 for none;
	// nil when the code type has none.
	HTTPStatus func(n int64) int
	// GRPCCode returns the canonical gRPC code the code maps to.
	GRPCCode func(n int64) codes.Code
	// ClassWord is what the registry calls the group a code belongs to
	// ("class", "category"); Class returns it, nil for none.
	ClassWord string
	Class     func(n int64) Class
	// Decide returns the package's own retry decision after the code, for
	// a call that is idempotent or not; registries whose decisions do not
	// depend on it ignore idempotent.
	Decide func(n int64, idempotent bool) retry.Decision

	// Domain is the ErrorInfo domain of the registry's errors. Errorf,
	// CodeOf and FromStatus are the package's; all four are zero for a
	// code type without errors.
	Domain     string
	Errorf     func(n int64, format string, args ...any) error
	CodeOf     func(err error) int64
	FromStatus func(st *status.Status) (int64, bool)
	// OK is the code of success, which CodeOf gives nil; NoCode is what
	// CodeOf gives an error that carries no code of the registry, unless
	// FromGRPCCode is set: then CodeOf gives FromGRPCCode of a gRPC
	// status's code, and NoCode only for an error that is no status.
	OK, NoCode   int64
	FromGRPCCode func(c codes.Code) int64

	// Doc is the registry's docs, on the first registry of its Group.
	Doc *Doc
}

// A Class is the class or category of a code.
type Class struct {
	Name string
	// Number is the code that opens the class, when Numbered: RocketMQ's
	// classes are codes themselves (NOT_FOUND, 40400).
	Number   int64
	Numbered bool
}

// A Doc renders a registry's tables.
type Doc struct {
	// Title is the system the registry describes.
	Title string
	// SourceRevision is the package's SourceRevision: where its facts come
	// from.
	SourceRevision string
	// Render writes the registry as the Markdown tables of its upstream
	// source: the same tables, columns and rows.
	Render func(w io.Writer)
}

// All lists every registry, in the order statuscode shows them.
var All = []Registry{
	{
		Name: "grpc", Label: "gRPC canonical code", Group: "grpc", Package: "grpccodes", Type: "Code",
		Foreign: true, Min: 0, Max: math.MaxUint32, Span: [2]int64{0, 16},
		Codes:      func() []int64 { return widen(grpccodes.Codes()) },
		Known:      func(n int64) bool { return n >= 0 && n <= math.MaxUint32 && grpccodes.Known(codes.Code(n)) },
		Value:      func(n int64) any { return codes.Code(n) },
		String:     func(n int64) string { return grpccodes.Name(codes.Code(n)) },
		Parse:      func(s string) (int64, error) { c, err := grpccodes.Parse(s); return int64(c), err },
		HTTPStatus: func(n int64) int { return grpccodes.HTTPStatus(codes.Code(n)) },
		GRPCCode:   func(n int64) codes.Code { return codes.Code(n) },
		Decide:     func(n int64, idempotent bool) retry.Decision { return grpccodes.Decide(codes.Code(n), idempotent) },
		Doc:        &Doc{"gRPC canonical status codes", grpccodes.SourceRevision, grpcDocs},
	},
	{
		Name: "rocketmq", Label: "RocketMQ code", Group: "rocketmq", Package: "rocketmq", Type: "Code",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{0, 60000},
		Codes:      func() []int64 { return widen(rocketmq.Codes()) },
		Known:      known[rocketmq.Code],
		Family:     func(n int64) bool { return fits32(n) && rocketmq.Code(n).Class() != rocketmq.CodeUnspecified },
		Value:      value[rocketmq.Code],
		String:     str[rocketmq.Code],
		Parse:      func(s string) (int64, error) { c, err := rocketmq.ParseCode(s); return int64(c), err },
		HTTPStatus: httpOf[rocketmq.Code],
		GRPCCode:   grpcOf[rocketmq.Code],
		ClassWord:  "class",
		Class:      rocketmqClass,
		Decide:     func(n int64, _ bool) retry.Decision { return rocketmq.RPC(0).Decide(rocketmq.Code(n)) },
		Domain:     rocketmq.Domain,
		Errorf: func(n int64, format string, args ...any) error {
			return rocketmq.Errorf(rocketmq.Code(n), format, args...)
		},
		CodeOf:     func(err error) int64 { return int64(rocketmq.CodeOf(err)) },
		FromStatus: func(st *status.Status) (int64, bool) { c, ok := rocketmq.FromStatus(st); return int64(c), ok },
		OK:         int64(rocketmq.OK), NoCode: int64(rocketmq.CodeUnspecified),
		Doc: &Doc{"Apache RocketMQ 5 status codes and RPC matrix", rocketmq.SourceRevision, rocketmqDocs},
	},
	{
		Name: "turms", Label: "Turms server code (2023-12-25)", Group: "turms", Package: "turms", Type: "Code",
		System: "turms", Revision: "2023-12-25",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{1000, 6131},
		Codes:      func() []int64 { return widen(turms.Codes()) },
		Known:      known[turms.Code],
		Family:     func(n int64) bool { return fits32(n) && turms.Code(n).Category() != turms.Category{} },
		Value:      value[turms.Code],
		String:     str[turms.Code],
		Parse:      func(s string) (int64, error) { c, err := turms.ParseCode(s); return int64(c), err },
		HTTPStatus: httpOf[turms.Code],
		GRPCCode:   grpcOf[turms.Code],
		ClassWord:  "category",
		Class:      func(n int64) Class { return Class{Name: turms.Code(n).Category().String()} },
		Decide:     func(n int64, _ bool) retry.Decision { return turms.Code(n).Decide() },
		Domain:     turms.Domain,
		Errorf: func(n int64, format string, args ...any) error {
			return turms.Errorf(turms.Code(n), format, args...)
		},
		CodeOf:     func(err error) int64 { return int64(turms.CodeOf(err)) },
		FromStatus: func(st *status.Status) (int64, bool) { c, ok := turms.FromStatus(st); return int64(c), ok },
		OK:         int64(turms.OK), NoCode: int64(turms.ServerInternalError),
		FromGRPCCode: func(c codes.Code) int64 { return int64(turms.FromGRPCCode(c)) },
		Doc:          &Doc{"Turms IM status codes (2023-12-25)", turms.SourceRevision, turmsDocs},
	},
	{
		Name: "turms-client", Label: "Turms client-only code (2023-12-25)", Group: "turms", Package: "turms", Type: "ClientCode",
		System: "turms", Revision: "2023-12-25",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{1, 500},
		Codes:     func() []int64 { return widen(turms.ClientCodes()) },
		Known:     known[turms.ClientCode],
		Value:     value[turms.ClientCode],
		String:    str[turms.ClientCode],
		Parse:     func(s string) (int64, error) { c, err := turms.ParseClientCode(s); return int64(c), err },
		GRPCCode:  grpcOf[turms.ClientCode],
		ClassWord: "category",
		Class:     func(n int64) Class { return Class{Name: turms.ClientCode(n).Category()} },
		Decide:    func(n int64, _ bool) retry.Decision { return turms.ClientCode(n).Decide() },
	},
	{
		Name: "turms-close", Label: "Turms session close status (2023-12-25)", Group: "turms", Package: "turms", Type: "SessionCloseStatus",
		System: "turms", Revision: "2023-12-25",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{100, 701},
		Codes:     func() []int64 { return widen(turms.SessionCloseStatuses()) },
		Known:     known[turms.SessionCloseStatus],
		Value:     value[turms.SessionCloseStatus],
		String:    str[turms.SessionCloseStatus],
		Parse:     func(s string) (int64, error) { c, err := turms.ParseSessionCloseStatus(s); return int64(c), err },
		GRPCCode:  grpcOf[turms.SessionCloseStatus],
		ClassWord: "category",
		Class:     func(n int64) Class { return Class{Name: turms.SessionCloseStatus(n).Category()} },
		Decide:    func(n int64, _ bool) retry.Decision { return turms.SessionCloseStatus(n).Decide() },
	},
	{
		Name: "turms-2024", Label: "Turms server code (2024-07-14)", Group: "turms-2024", Package: "turms20240714", Type: "Code",
		System: "turms", Revision: "2024-07-14",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{1000, 8205},
		Codes:      func() []int64 { return widen(turms20240714.Codes()) },
		Known:      known[turms20240714.Code],
		Family:     func(n int64) bool { return fits32(n) && turms20240714.Code(n).Category() != turms20240714.Category{} },
		Value:      value[turms20240714.Code],
		String:     str[turms20240714.Code],
		Parse:      func(s string) (int64, error) { c, err := turms20240714.ParseCode(s); return int64(c), err },
		HTTPStatus: httpOf[turms20240714.Code],
		GRPCCode:   grpcOf[turms20240714.Code],
		ClassWord:  "category",
		Class:      func(n int64) Class { return Class{Name: turms20240714.Code(n).Category().String()} },
		Decide:     func(n int64, _ bool) retry.Decision { return turms20240714.Code(n).Decide() },
		Domain:     turms20240714.Domain,
		Errorf: func(n int64, format string, args ...any) error {
			return turms20240714.Errorf(turms20240714.Code(n), format, args...)
		},
		CodeOf: func(err error) int64 { return int64(turms20240714.CodeOf(err)) },
		FromStatus: func(st *status.Status) (int64, bool) {
			c, ok := turms20240714.FromStatus(st)
			return int64(c), ok
		},
		OK: int64(turms20240714.OK), NoCode: int64(turms20240714.ServerInternalError),
		FromGRPCCode: func(c codes.Code) int64 { return int64(turms20240714.FromGRPCCode(c)) },
		Doc:          &Doc{"Turms IM status codes (2024-07-14)", turms20240714.SourceRevision, turms2024Docs},
	},
	{
		Name: "turms-2024-client", Label: "Turms client-only code (2024-07-14)", Group: "turms-2024", Package: "turms20240714", Type: "ClientCode",
		System: "turms", Revision: "2024-07-14",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{1, 301},
		Codes:     func() []int64 { return widen(turms20240714.ClientCodes()) },
		Known:     known[turms20240714.ClientCode],
		Value:     value[turms20240714.ClientCode],
		String:    str[turms20240714.ClientCode],
		Parse:     func(s string) (int64, error) { c, err := turms20240714.ParseClientCode(s); return int64(c), err },
		GRPCCode:  grpcOf[turms20240714.ClientCode],
		ClassWord: "category",
		Class:     func(n int64) Class { return Class{Name: turms20240714.ClientCode(n).Category()} },
		Decide:    func(n int64, _ bool) retry.Decision { return turms20240714.ClientCode(n).Decide() },
	},
	{
		Name: "turms-2024-close", Label: "Turms session close status (2024-07-14)", Group: "turms-2024", Package: "turms20240714", Type: "SessionCloseStatus",
		System: "turms", Revision: "2024-07-14",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{100, 701},
		Codes:  func() []int64 { return widen(turms20240714.SessionCloseStatuses()) },
		Known:  known[turms20240714.SessionCloseStatus],
		Value:  value[turms20240714.SessionCloseStatus],
		String: str[turms20240714.SessionCloseStatus],
		Parse: func(s string) (int64, error) {
			c, err := turms20240714.ParseSessionCloseStatus(s)
			return int64(c), err
		},
		GRPCCode:  grpcOf[turms20240714.SessionCloseStatus],
		ClassWord: "category",
		Class:     func(n int64) Class { return Class{Name: turms20240714.SessionCloseStatus(n).Category()} },
		Decide:    func(n int64, _ bool) retry.Decision { return turms20240714.SessionCloseStatus(n).Decide() },
	},
	{
		Name: "httpmap", Label: "JD Cloud MQ HTTP API code", Group: "httpmap", Package: "httpmap", Type: "Code",
		Min: math.MinInt32, Max: math.MaxInt32, Span: [2]int64{1, 12},
		Codes:      func() []int64 { return widen(httpmap.Codes()) },
		Synthetic:  []int64{int64(httpmap.CodeUnspecified)},
		Known:      known[httpmap.Code],
		OwnNumbers: "httpmap's own number (httpmap.Code), not gRPC's; the API's answers carry the name, not the number",
		Value:      value[httpmap.Code],
		String:     str[httpmap.Code],
		Parse:      func(s string) (int64, error) { c, err := httpmap.ParseCode(s); return int64(c), err },
		HTTPStatus: httpOf[httpmap.Code],
		GRPCCode:   grpcOf[httpmap.Code],
		Decide:     func(n int64, idempotent bool) retry.Decision { return httpmap.Code(n).Decide(idempotent) },
		Domain:     httpmap.Domain,
		Errorf: func(n int64, format string, args ...any) error {
			return httpmap.Errorf(httpmap.Code(n), format, args...)
		},
		CodeOf:     func(err error) int64 { return int64(httpmap.CodeOf(err)) },
		FromStatus: func(st *status.Status) (int64, bool) { c, ok := httpmap.FromStatus(st); return int64(c), ok },
		OK:         int64(httpmap.CodeUnspecified), NoCode: int64(httpmap.CodeUnspecified),
		Doc: &Doc{"JD Cloud message queue HTTP API error codes", httpmap.SourceRevision, httpmapDocs},
	},
}

// Named returns the registry called name, or nil.
func Named(name string) *Registry {
	for i := range All {
		if All[i].Name == name {
			return &All[i]
		}
	}
	return nil
}

// Revisions returns the registries of r's system and code type, one per
// upstream revision, in the list's order (oldest first): r alone for a
// registry without revisions.
func (r *Registry) Revisions() []*Registry {
	if r.System == "" {
		return []*Registry{r}
	}
	var out []*Registry
	for i := range All {
		if o := &All[i]; o.System == r.System && o.Type == r.Type {
			out = append(out, o)
		}
	}
	return out
}

// Fits reports whether n is a number of the code type.
func (r *Registry) Fits(n int64) bool { return r.Min <= n && n <= r.Max }

// IsSynthetic reports whether n is one of the codes the package lists and
// its upstream does not.
func (r *Registry) IsSynthetic(n int64) bool {
	for _, s := range r.Synthetic {
		if s == n {
			return true
		}
	}
	return false
}

// Upstream returns the codes the upstream lists: Codes without the
// synthetic ones.
func (r *Registry) Upstream() []int64 {
	var out []int64
	for _, n := range r.Codes() {
		if !r.IsSynthetic(n) {
			out = append(out, n)
		}
	}
	return out
}

// Describes reports whether the registry describes the number n: a listed
// code that is not synthetic, or an unlisted one in a listed family.
func (r *Registry) Describes(n int64) bool {
	if !r.Fits(n) || r.IsSynthetic(n) {
		return false
	}
	return r.Known(n) || (r.Family != nil && r.Family(n))
}

// ---- the generic lookups of a statusreg code type

// code32 is what every statusreg code type offers.
type code32 interface {
	~int32
	Known() bool
	String() string
	GRPCCode() codes.Code
}

func fits32(n int64) bool { return math.MinInt32 <= n && n <= math.MaxInt32 }

func known[C code32](n int64) bool { return fits32(n) && C(n).Known() }
func str[C code32](n int64) string { return C(n).String() }
func value[C code32](n int64) any  { return C(n) }

func grpcOf[C code32](n int64) codes.Code { return C(n).GRPCCode() }

func httpOf[C interface {
	code32
	HTTPStatus() int
}](n int64) int {
	return C(n).HTTPStatus()
}

// widen returns the numbers of cs.
func widen[C ~int32 | ~uint32](cs []C) []int64 {
	ns := make([]int64, len(cs))
	for i, c := range cs {
		ns[i] = int64(c)
	}
	return ns
}

// ---- classes and decisions

func rocketmqClass(n int64) Class {
	c := rocketmq.Code(n)
	class := c.Class()
	if class == rocketmq.CodeUnspecified && c != rocketmq.CodeUnspecified {
		return Class{}
	}
	return Class{Name: class.String(), Number: int64(class), Numbered: true}
}
