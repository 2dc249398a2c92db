package rocketmq

// Code is a status code of apache.rocketmq.v2.Code, with the same wire
// numbers: Code(resp.GetStatus().GetCode()) converts any generated stub's
// enum. Codes this package does not list keep their number through
// String, text marshalling and gRPC.
//
// Its mappings follow its number and class:
//   - HTTPStatus is the HTTP status the code is modelled on, its first
//     three digits (TopicNotFound, 40402, is 404), or 0 for the codes
//     with none (CodeUnspecified, FailedToConsumeMessage);
//   - GRPCCode follows the class (NotFound codes map to NOT_FOUND,
//     TooManyRequests codes to RESOURCE_EXHAUSTED, ProxyTimeout codes to
//     DEADLINE_EXCEEDED), except where a constant's doc says otherwise;
//   - an unknown code answers as its class (see Class), or with UNKNOWN
//     and no HTTP status when its hundreds have no class.
type Code int32

// Class returns the first-classification code c belongs to: TopicNotFound
// is in class NotFound. A class is its own class. An unknown code is
// classified by its hundreds, so 40499 is in class NotFound; one whose
// hundreds have no class gives CodeUnspecified.
func (c Code) Class() Code {
	class, _ := registry.Class(c)
	return class
}

// Domain is the google.rpc.ErrorInfo domain of this package's errors.
const Domain = "rocketmq.apache.org"
