package main

// httpmapDocs is the doc comment of each httpmap code constant, in our
// own words. Each completes a sentence that starts with the constant's
// name; gen adds the code's mappings after it.
var httpmapDocs = map[string]string{
	"CODE_UNSPECIFIED":        "is the zero value, this package's own: no error status code is known. CodeOf gives it for nil and for an error that carries no httpmap code.",
	"INVALID_ARGUMENT":        "means a request parameter failed validation.",
	"ACK_FAILED":              "means the server could not acknowledge the message.",
	"TOPIC_NOT_EXIST":         "means the topic named in the request does not exist.",
	"PERMISSION_DENIED":       "means the request's credentials or signature did not verify.",
	"USER_AUTH_FAILED":        "means the user is not allowed to make the call.",
	"TOPIC_AUTH_FAILED":       "means the caller's access to the topic did not verify.",
	"TOPIC_PERMISSION_DENIED": "means the caller may not perform this operation on the topic.",
	"SYNC_TIMEOUT":            "means the operation did not complete in time.",
	"RATE_LIMIT":              "means the call was throttled: too many requests per second.",
	"ABNORMAL_ACCESS_RATE":    "means the call was throttled because the access rate looked abnormal.",
	"THROUGHPUT_UP_TO_LIMIT":  "means the call was throttled because the throughput quota is used up.",
	"INTERNAL":                "means the service failed while handling the call.",
}

// httpmapDescriptions says what each code means, for Code.Description.
var httpmapDescriptions = map[string]string{
	"CODE_UNSPECIFIED":        "No error status code is known.",
	"INVALID_ARGUMENT":        "A request parameter is missing or not valid.",
	"ACK_FAILED":              "The acknowledgement of a consumed message was not accepted.",
	"TOPIC_NOT_EXIST":         "The topic the request names does not exist.",
	"PERMISSION_DENIED":       "The request's credentials or signature were rejected.",
	"USER_AUTH_FAILED":        "The user has no right to make this call.",
	"TOPIC_AUTH_FAILED":       "Access to the topic could not be verified.",
	"TOPIC_PERMISSION_DENIED": "The caller lacks the permission for this operation on the topic.",
	"SYNC_TIMEOUT":            "The operation timed out before it completed.",
	"RATE_LIMIT":              "Requests per second are above the allowed rate.",
	"ABNORMAL_ACCESS_RATE":    "The request rate is above the allowed rate, or looks abnormal.",
	"THROUGHPUT_UP_TO_LIMIT":  "The throughput quota is exhausted.",
	"INTERNAL":                "The service failed internally.",
}

// httpmapSuggestions says what a caller should do, for Code.Suggestion.
var httpmapSuggestions = map[string]string{
	"CODE_UNSPECIFIED":        "Inspect the HTTP status and message of the answer.",
	"INVALID_ARGUMENT":        "Fix the parameter the message names, then send again.",
	"ACK_FAILED":              "Do not acknowledge again with the same handle; the message will be delivered again.",
	"TOPIC_NOT_EXIST":         "Create the topic or correct its name.",
	"PERMISSION_DENIED":       "Check the access key, the signing of the request and its parameters.",
	"USER_AUTH_FAILED":        "Grant the user the permission it needs.",
	"TOPIC_AUTH_FAILED":       "Check the permissions granted on the topic.",
	"TOPIC_PERMISSION_DENIED": "Grant the caller the permission for this operation on the topic.",
	"SYNC_TIMEOUT":            "Retry after a short wait.",
	"RATE_LIMIT":              "Send fewer requests per second, or retry with backoff.",
	"ABNORMAL_ACCESS_RATE":    "Send fewer requests per second, or retry with backoff.",
	"THROUGHPUT_UP_TO_LIMIT":  "Lower the throughput or raise the quota, and retry with backoff.",
	"INTERNAL":                "Report it to the service operator, with the request ID.",
}
