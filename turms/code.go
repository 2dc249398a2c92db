package turms

// Code is a response status code of the Turms server (its
// ResponseStatusCode, 1000 to 6131), with the upstream numbers: Code(n)
// converts the number a server answered. Codes this package does not list
// keep their number.
//
// ParseCode reads only server codes: the name of a client-only code or
// of a close status is not a Code name, so ParseCode("CONNECT_TIMEOUT")
// fails and ParseCode("INVALID_REQUEST") is the server's InvalidRequest,
// 1100. It also reads the Kotlin client's names for the three server
// codes whose names clash with client-only codes
// (INVALID_REQUEST_FROM_SERVER is 1100).
//
// Its mappings:
//   - HTTPStatus is the HTTP status the Turms server pairs with the code
//     (ServerUnavailable is 503); an unknown code answers as the code that
//     opens its hundred, when that code opens a category (3499 as
//     AddUserToGroupRequiringInvitation, 403), else 0;
//   - GRPCCode is the code its HTTP status gives (as
//     grpccodes.FromHTTPStatus reads it), except where the name says more:
//     duplicates are ALREADY_EXISTS, nonexistent targets NOT_FOUND,
//     features the server has switched off UNIMPLEMENTED, and so on. Each
//     constant's doc states its mapping and the reason for an exception.
type Code int32

// IsSuccess reports whether c is in Turms' success range, 1000 to 1099,
// listed or not.
func (c Code) IsSuccess() bool { return 1000 <= c && c <= 1099 }

// IsServerError reports whether c is in Turms' server error range, 1200
// to 1299, listed or not.
func (c Code) IsServerError() bool { return 1200 <= c && c <= 1299 }

// IsClientIllegalRequest reports whether c is one of the two codes Turms
// counts as an illegal request from the client: InvalidRequest (1100) or
// IllegalArgument (1102).
func (c Code) IsClientIllegalRequest() bool { return c == InvalidRequest || c == IllegalArgument }

// Domain is the google.rpc.ErrorInfo domain of this package's errors.
const Domain = "turms.im"

// CodeUnspecified is the zero Code, which names no Turms code: what
// CodeOf gives an error of another Turms revision whose code this
// revision does not have (see FromStatus).
const CodeUnspecified = Code(0)
