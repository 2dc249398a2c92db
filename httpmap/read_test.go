package httpmap_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// binary returns msg as Connect writes a detail's value: protobuf in
// base64, padded or not.
func binary(t *testing.T, msg proto.Message, padded bool) string {
	t.Helper()
	b, err := proto.Marshal(msg)
	require.NoError(t, err)
	if padded {
		return base64.StdEncoding.EncodeToString(b)
	}
	return base64.RawStdEncoding.EncodeToString(b)
}

var topicNotFoundInfo = &errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402"}}

// shape is an answer and what ReadError must read from it.
type shape struct {
	name        string
	http        int
	contentType string
	body        string
	format      httpmap.Format
	code        codes.Code
	status      string
	message     string
	requestID   string
	details     int
	rocketmq    rocketmq.Code // what rocketmq.CodeOf reads
	info        *errdetails.ErrorInfo
}

func shapes(t *testing.T) []shape {
	infoJSON := protojsonInfo(t, topicNotFoundInfo)
	infoBin := binary(t, topicNotFoundInfo, false)
	infoPadded := binary(t, &errdetails.ErrorInfo{Reason: "TOPIC_NOT_FOUND", Domain: rocketmq.Domain, Metadata: map[string]string{"code": "40402", "k": "v"}}, true)
	kratosInfo := &errdetails.ErrorInfo{Reason: "USER_NOT_FOUND", Metadata: map[string]string{"id": "7"}}
	return []shape{
		{name: "jd cloud seed", http: 403, body: `{"requestId":"r1","error":{"code":403,"message":"Authentication failure","status":" PERMISSION_DENIED"}}`,
			format: httpmap.FormatAIP193, code: codes.PermissionDenied, status: " PERMISSION_DENIED", message: "Authentication failure", requestID: "r1"},
		{name: "aip-193 with errorinfo", http: 404, body: `{"error":{"code":404,"message":"gone","status":"NOT_FOUND","details":[` + infoJSON + `]}}`,
			format: httpmap.FormatAIP193, code: codes.NotFound, status: "NOT_FOUND", message: "gone", details: 1, rocketmq: rocketmq.TopicNotFound, info: topicNotFoundInfo},
		{name: "aip-193 failed precondition", http: 400, body: `{"error":{"code":400,"message":"m","status":"FAILED_PRECONDITION"}}`,
			format: httpmap.FormatAIP193, code: codes.FailedPrecondition, status: "FAILED_PRECONDITION", message: "m"},
		{name: "aip-193 no status, 504", http: 504, body: `{"error":{"code":504,"message":"slow"}}`,
			format: httpmap.FormatAIP193, code: codes.DeadlineExceeded, message: "slow"},
		{name: "aip-193 wrong member types ignored", http: 403, body: `{"error":{"status":5,"message":["x"],"details":{}}}`,
			format: httpmap.FormatAIP193, code: codes.PermissionDenied},
		{name: "google streaming array", http: 400, body: `[{"error":{"code":400,"message":"bad field","status":"INVALID_ARGUMENT","details":[` + infoJSON + `]}}]`,
			format: httpmap.FormatAIP193, code: codes.InvalidArgument, status: "INVALID_ARGUMENT", message: "bad field", details: 1, rocketmq: rocketmq.TopicNotFound, info: topicNotFoundInfo},
		{name: "google streaming array, error after results", http: 503, body: `[{"result":{}},{"error":{"code":503,"message":"later","status":"UNAVAILABLE"}},{"error":{"status":"INTERNAL"}}]`,
			format: httpmap.FormatAIP193, code: codes.Unavailable, status: "UNAVAILABLE", message: "later"},
		{name: "google legacy v1 errors", http: 400,
			body:   `{"error":{"errors":[{"domain":"global","reason":"required","message":"Required parameter: part","locationType":"parameter","location":"part"}],"code":400,"message":"Required parameter: part"}}`,
			format: httpmap.FormatAIP193, code: codes.InvalidArgument, message: "Required parameter: part", details: 1,
			info: &errdetails.ErrorInfo{Reason: "required", Domain: "global", Metadata: map[string]string{"message": "Required parameter: part", "locationType": "parameter", "location": "part"}}},
		{name: "grpc-gateway status", http: 400, contentType: "application/json",
			body:   `{"code": 9, "message": "not yet", "details": [` + infoJSON + `]}`,
			format: httpmap.FormatStatus, code: codes.FailedPrecondition, message: "not yet", details: 1, rocketmq: rocketmq.TopicNotFound, info: topicNotFoundInfo},
		{name: "grpc-gateway out of range", http: 400, body: `{"code":11,"message":"past the end","details":[]}`,
			format: httpmap.FormatStatus, code: codes.OutOfRange, message: "past the end"},
		{name: "grpc-gateway already exists", http: 409, body: `{"code":6,"message":"dup","details":[]}`,
			format: httpmap.FormatStatus, code: codes.AlreadyExists, message: "dup"},
		{name: "grpc-gateway deadline", http: 504, body: `{"code":4,"message":"late","details":[]}`,
			format: httpmap.FormatStatus, code: codes.DeadlineExceeded, message: "late"},
		{name: "grpc-gateway fallback", http: 500, body: `{"code": 13, "message": "failed to marshal error message"}`,
			format: httpmap.FormatStatus, code: codes.Internal, message: "failed to marshal error message"},
		{name: "status, unknown number kept", http: 500, body: `{"code":42,"message":"x"}`,
			format: httpmap.FormatStatus, code: codes.Code(42), message: "x"},
		{name: "status, the HTTP status echoed", http: 404, body: `{"code":404,"message":"Not Found"}`,
			format: httpmap.FormatStatus, code: codes.NotFound, message: "Not Found"},
		{name: "connect", http: 400, contentType: "application/json",
			body:   `{"code":"failed_precondition","message":"not yet","details":[{"type":"google.rpc.ErrorInfo","value":"` + infoBin + `","debug":{"reason":"TOPIC_NOT_FOUND"}}]}`,
			format: httpmap.FormatConnect, code: codes.FailedPrecondition, status: "failed_precondition", message: "not yet", details: 1, rocketmq: rocketmq.TopicNotFound, info: topicNotFoundInfo},
		{name: "connect padded base64, full type URL", http: 404,
			body:   `{"code":"not_found","details":[{"type":"type.googleapis.com/google.rpc.ErrorInfo","value":"` + infoPadded + `"}]}`,
			format: httpmap.FormatConnect, code: codes.NotFound, status: "not_found", details: 1, rocketmq: rocketmq.TopicNotFound},
		{name: "connect canceled", http: 499, body: `{"code":"canceled","message":"gone away"}`,
			format: httpmap.FormatConnect, code: codes.Canceled, status: "canceled", message: "gone away"},
		{name: "connect non-canonical code", http: 500, body: `{"code":"code_20","message":"odd"}`,
			format: httpmap.FormatConnect, code: codes.Code(20), status: "code_20", message: "odd"},
		{name: "connect unknown code by HTTP status", http: 504, body: `{"code":"bogus","message":"x"}`,
			format: httpmap.FormatConnect, code: codes.DeadlineExceeded, status: "bogus", message: "x"},
		{name: "connect end of stream", http: 503, body: `{"error":{"code":"unavailable","message":"down"},"metadata":{"x-id":["1"]}}`,
			format: httpmap.FormatConnect, code: codes.Unavailable, status: "unavailable", message: "down"},
		{name: "kratos", http: 404, contentType: "application/json",
			body:   `{"code":404, "reason":"USER_NOT_FOUND", "message":"no user 7", "metadata":{"id":"7"}}`,
			format: httpmap.FormatKratos, code: codes.NotFound, message: "no user 7", details: 1, info: kratosInfo},
		{name: "kratos of a registry error keeps no domain", http: 404,
			body:   `{"code":404,"reason":"TOPIC_NOT_FOUND","message":"no topic","metadata":{"code":"40402"}}`,
			format: httpmap.FormatKratos, code: codes.NotFound, message: "no topic", details: 1},
		{name: "kratos empty", http: 500, body: `{"code":500,"reason":"","message":"","metadata":{}}`,
			format: httpmap.FormatKratos, code: codes.Internal},
		{name: "problem details", http: 403, contentType: "application/problem+json",
			body:   `{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc"}`,
			format: httpmap.FormatProblem, code: codes.PermissionDenied, message: "Your current balance is 30, but that costs 50."},
		{name: "problem title only", http: 429, body: `{"title":"Too many requests","status":429}`,
			format: httpmap.FormatProblem, code: codes.ResourceExhausted, message: "Too many requests"},
		{name: "problem by content type", http: 404, contentType: "application/problem+json; charset=utf-8", body: `{"type":"about:blank","status":404}`,
			format: httpmap.FormatProblem, code: codes.NotFound},
		{name: "bom and white space", http: 404, body: "\ufeff \r\n" + `{"error":{"message":"m","status":"not_found"}}` + "\n\n",
			format: httpmap.FormatAIP193, code: codes.NotFound, status: "not_found", message: "m"},
		{name: "escapes", http: 400, body: `{"error":{"message":"a\"b\u00e9\ud83d\ude00\n","status":"\u0049NVALID_ARGUMENT"}}`,
			format: httpmap.FormatAIP193, code: codes.InvalidArgument, status: "INVALID_ARGUMENT", message: "a\"bé😀\n"},
	}
}

func TestReadErrorShapes(t *testing.T) {
	for _, c := range shapes(t) {
		t.Run(c.name, func(t *testing.T) {
			h := http.Header{}
			if c.contentType != "" {
				h.Set("Content-Type", c.contentType)
			}
			re, err := httpmap.ReadError(response(c.http, h, c.body))
			require.NoError(t, err)
			require.NoError(t, re.BodyError())
			assert.Equal(t, c.format, re.Format())
			assert.Equal(t, c.code, re.GRPCCode())
			assert.Equal(t, c.status, re.Status())
			assert.Equal(t, c.message, re.Message())
			assert.Equal(t, c.requestID, re.RequestID())
			assert.Len(t, re.Details(), c.details)
			assert.Equal(t, c.body, string(re.Body()))
			assert.Equal(t, c.rocketmq, rocketmq.CodeOf(re))
			assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(re), "no httpmap ErrorInfo")
			st, ok := status.FromError(re)
			require.True(t, ok)
			assert.Equal(t, c.code, st.Code())
			if c.message != "" {
				assert.Equal(t, c.message, st.Message())
			}
			require.Len(t, st.Details(), c.details)
			if c.info != nil {
				got, ok := st.Details()[0].(*errdetails.ErrorInfo)
				require.True(t, ok, "%T", st.Details()[0])
				assert.True(t, proto.Equal(c.info, got), "%v", got)
			}
			// Every detail's JSON reads as an Any.
			for _, raw := range re.Details() {
				assert.True(t, json.Valid(raw), "%s", raw)
			}
		})
	}
}

// TestReadErrorCodesExact: every canonical code survives every shape
// that names codes, where the HTTP status alone would lose it.
func TestReadErrorCodesExact(t *testing.T) {
	names := []string{"", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
		"PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
		"INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"}
	for c := codes.Canceled; c <= codes.Unauthenticated; c++ {
		name := names[c]
		connect := strings.ToLower(name)
		if c == codes.Canceled {
			connect = "canceled"
		}
		bodies := map[string]string{
			"aip193":       `{"error":{"code":0,"message":"m","status":"` + name + `"}}`,
			"aip193 lower": `{"error":{"code":0,"message":"m","status":"` + strings.ToLower(name) + `"}}`,
			"status":       `{"code":` + strconv.Itoa(int(c)) + `,"message":"m"}`,
			"connect":      `{"code":"` + connect + `","message":"m"}`,
			"connect end":  `{"error":{"code":"` + connect + `","message":"m"}}`,
		}
		for how, body := range bodies {
			for _, h := range []int{418, 500} {
				re, err := httpmap.ReadError(response(h, nil, body))
				require.NoError(t, err)
				assert.Equal(t, c, re.GRPCCode(), "%s %d %s", how, h, body)
			}
		}
	}
}

func TestReadErrorTransportRule(t *testing.T) {
	for _, c := range []struct {
		http int
		want codes.Code
	}{
		{502, codes.Unavailable}, {503, codes.Unavailable}, {504, codes.Unavailable},
		{520, codes.Unavailable}, {521, codes.Unavailable}, {522, codes.Unavailable}, {523, codes.Unavailable}, {524, codes.Unavailable},
		// gRPC's transport rule (doc/http-grpc-status-mapping.md) for the rest.
		{525, codes.Unknown}, {500, codes.Unknown}, {429, codes.Unavailable}, {404, codes.Unimplemented},
		{400, codes.Internal}, {401, codes.Unauthenticated}, {403, codes.PermissionDenied}, {418, codes.Unknown},
	} {
		for _, body := range []string{"", "<html><body>error</body></html>", "upstream connect error"} {
			re, err := httpmap.ReadError(response(c.http, nil, body))
			require.NoError(t, err)
			assert.Equal(t, httpmap.FormatNone, re.Format())
			assert.Equal(t, c.want, re.GRPCCode(), "%d %q", c.http, body)
		}
		// A structured answer takes the semantic map.
		re, err := httpmap.ReadError(response(c.http, nil, `{"error":{"message":"m"}}`))
		require.NoError(t, err)
		if c.http == 504 {
			assert.Equal(t, codes.DeadlineExceeded, re.GRPCCode())
		}
	}
}

// TestReadErrorUnknownConnectDetail: a detail whose type protobuf does
// not know keeps its bytes, in the status and when forwarded.
func TestReadErrorUnknownConnectDetail(t *testing.T) {
	body := `{"code":"aborted","message":"m","details":[{"type":"acme.v1.Conflict","value":"CgN4eXo"}]}`
	re, err := httpmap.ReadError(response(409, nil, body))
	require.NoError(t, err)
	assert.Equal(t, codes.Aborted, re.GRPCCode())
	st := re.GRPCStatus()
	require.Len(t, st.Proto().GetDetails(), 1)
	a := st.Proto().GetDetails()[0]
	assert.Equal(t, "type.googleapis.com/acme.v1.Conflict", a.GetTypeUrl())
	assert.Equal(t, []byte("\n\x03xyz"), a.GetValue())
	require.Len(t, re.Details(), 1)
	assert.JSONEq(t, `{"@type":"type.googleapis.com/acme.v1.Conflict","value":"CgN4eXo="}`, string(re.Details()[0]))

	rec := httptest.NewRecorder()
	httpmap.WriteError(rec, nil, re)
	back, err := httpmap.ReadError(rec.Result())
	require.NoError(t, err)
	assert.Equal(t, "ABORTED", back.Status())
	got := back.GRPCStatus().Proto().GetDetails()
	require.NotEmpty(t, got)
	assert.True(t, proto.Equal(a, got[0]), "%v", got[0])

	// The same from a gRPC status written directly.
	rec = httptest.NewRecorder()
	httpmap.WriteError(rec, nil, status.FromProto(st.Proto()).Err())
	back, err = httpmap.ReadError(rec.Result())
	require.NoError(t, err)
	got = back.GRPCStatus().Proto().GetDetails()
	require.Len(t, got, 1)
	assert.True(t, proto.Equal(a, got[0]), "%v", got[0])
}

func TestForwardFaithfully(t *testing.T) {
	forward := func(t *testing.T, upstream *http.Response, ownID string) (*httptest.ResponseRecorder, *httpmap.ResponseError) {
		t.Helper()
		re, err := httpmap.ReadError(upstream)
		require.NoError(t, err)
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if ownID != "" {
			r.Header.Set("X-Request-Id", ownID)
		}
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, r, re)
		back, err := httpmap.ReadError(rec.Result())
		require.NoError(t, err)
		require.NoError(t, back.BodyError(), rec.Body.String())
		return rec, back
	}
	for _, c := range []struct{ in, out string }{
		{" PERMISSION_DENIED", "PERMISSION_DENIED"}, {" permission_denied ", "PERMISSION_DENIED"},
		{"topic_not_exist", "TOPIC_NOT_EXIST"}, {" NotFound ", "NotFound"}, {"not_found", "NOT_FOUND"},
		{"canceled", "CANCELLED"}, {"QUEUE_FROZEN ", "QUEUE_FROZEN"},
	} {
		_, back := forward(t, response(403, nil, `{"error":{"status":"`+c.in+`"}}`), "")
		assert.Equal(t, c.out, back.Status(), "%q", c.in)
	}
	_, back := forward(t, response(404, nil, `{"code":"not_found","message":"m"}`), "")
	assert.Equal(t, "NOT_FOUND", back.Status())
	assert.Equal(t, "m", back.Message())

	// The upstream's request ID becomes a RequestInfo; the answer keeps
	// its own ID.
	rec, back := forward(t, response(503, nil, `{"requestId":"up-1","error":{"code":503,"message":"m","status":"UNAVAILABLE"}}`), "own-1")
	assert.Equal(t, "own-1", back.RequestID())
	assert.Equal(t, "own-1", rec.Header().Get("X-Request-Id"))
	infos := requestInfos(back)
	assert.Equal(t, []string{"up-1"}, infos)

	// Forwarded again, the RequestInfo is not repeated; the second hop's
	// ID is added.
	r2 := httptest.NewRequest(http.MethodGet, "/", nil)
	r2.Header.Set("X-Request-Id", "own-2")
	rec2 := httptest.NewRecorder()
	httpmap.WriteError(rec2, r2, back)
	again, err := httpmap.ReadError(rec2.Result())
	require.NoError(t, err)
	assert.Equal(t, []string{"up-1", "own-1"}, requestInfos(again))

	// The same ID on both sides is not repeated.
	h := http.Header{}
	h.Set("X-Request-Id", "same")
	_, back = forward(t, response(500, h, `{"error":{"status":"INTERNAL"}}`), "same")
	assert.Empty(t, requestInfos(back))

	// No body, HTML, text: the HTTP status text; the header's ID kept.
	for _, c := range []struct {
		http int
		body string
		msg  string
		code codes.Code
	}{
		{502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "Bad Gateway", codes.Unavailable},
		{429, "", "Too Many Requests", codes.Unavailable},
		{503, "no healthy upstream", "Service Unavailable", codes.Unavailable},
		{522, "<html>", "HTTP 522", codes.Unavailable},
	} {
		h := http.Header{}
		h.Set("X-Request-Id", "lb-1")
		_, back := forward(t, response(c.http, h, c.body), "own")
		assert.Equal(t, c.msg, back.Message(), "%d", c.http)
		assert.Equal(t, c.code, back.GRPCCode(), "%d", c.http)
		assert.Equal(t, c.http, back.HTTPStatus())
		assert.Equal(t, []string{"lb-1"}, requestInfos(back))
	}

	// A foreign answer without ErrorInfo gains none.
	rec, back = forward(t, response(403, nil, `{"error":{"code":403,"message":"no","status":"PERMISSION_DENIED"}}`), "own")
	assert.NotContains(t, rec.Body.String(), httpmap.Domain)
	assert.Equal(t, httpmap.CodeUnspecified, httpmap.CodeOf(back))
}

// requestInfos returns the request IDs of re's RequestInfo details.
func requestInfos(re *httpmap.ResponseError) []string {
	var ids []string
	for _, d := range re.GRPCStatus().Details() {
		if ri, ok := d.(*errdetails.RequestInfo); ok {
			ids = append(ids, ri.GetRequestId())
		}
	}
	return ids
}

func TestResponseErrorBody(t *testing.T) {
	re, err := httpmap.ReadError(response(500, nil, "<html>oops</html>"))
	require.NoError(t, err)
	b := re.Body()
	assert.Equal(t, "<html>oops</html>", string(b))
	b[0] = 'X'
	assert.Equal(t, "<html>oops</html>", string(re.Body()), "a copy")

	re, err = (&httpmap.Envelope{MaxBody: 4}).ReadError(response(500, nil, "0123456789"))
	require.NoError(t, err)
	assert.Equal(t, "0123", string(re.Body()), "up to the bound")
	assert.ErrorContains(t, re.BodyError(), "larger than")

	var zero httpmap.ResponseError
	assert.Nil(t, zero.Body())
	assert.Equal(t, httpmap.FormatNone, zero.Format())
	_, ok := zero.RetryAfter()
	assert.False(t, ok)
}

func TestResponseErrorRetryAfter(t *testing.T) {
	retryInfo := func(t *testing.T, d time.Duration) string {
		st, err := status.New(codes.Unavailable, "later").WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(d)})
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		httpmap.WriteError(rec, nil, st.Err())
		return rec.Body.String()
	}
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	for _, c := range []struct {
		name   string
		header string
		body   string
		min    time.Duration
		max    time.Duration
		ok     bool
	}{
		{"seconds", "120", "", 120 * time.Second, 120 * time.Second, true},
		{"zero", "0", "", 0, 0, true},
		{"date", future, "", 59 * time.Minute, time.Hour, true},
		{"past date", past, "", 0, 0, true},
		{"retry info", "", retryInfo(t, 1500*time.Millisecond), 1500 * time.Millisecond, 1500 * time.Millisecond, true},
		{"header first", "3", retryInfo(t, time.Minute), 3 * time.Second, 3 * time.Second, true},
		{"bad header, retry info", "soon", retryInfo(t, time.Second), time.Second, time.Second, true},
		{"connect retry info", "", `{"code":"unavailable","details":[{"type":"google.rpc.RetryInfo","value":"` +
			binary(t, &errdetails.RetryInfo{RetryDelay: durationpb.New(2 * time.Second)}, false) + `"}]}`, 2 * time.Second, 2 * time.Second, true},
		{"negative", "-1", "", 0, 0, false},
		{"none", "", `{"error":{"status":"UNAVAILABLE"}}`, 0, 0, false},
	} {
		h := http.Header{}
		if c.header != "" {
			h.Set("Retry-After", c.header)
		}
		re, err := httpmap.ReadError(response(503, h, c.body))
		require.NoError(t, err)
		d, ok := re.RetryAfter()
		assert.Equal(t, c.ok, ok, c.name)
		assert.GreaterOrEqual(t, d, c.min, c.name)
		assert.LessOrEqual(t, d, c.max, c.name)
	}
}

func TestFormatString(t *testing.T) {
	for f, want := range map[httpmap.Format]string{
		httpmap.FormatNone: "none", httpmap.FormatAIP193: "aip193", httpmap.FormatStatus: "status",
		httpmap.FormatConnect: "connect", httpmap.FormatKratos: "kratos", httpmap.FormatProblem: "problem",
		httpmap.Format(9): "Format(9)",
	} {
		assert.Equal(t, want, f.String())
	}
}

// TestReadErrorRegistryCodesEveryShape: each registry's CodeOf reads the
// exact code from an ErrorInfo of its domain in every shape with details,
// and no other registry reads one.
func TestReadErrorRegistryCodesEveryShape(t *testing.T) {
	type reg struct {
		err    error
		codeOf func(error) int64
	}
	regs := []reg{
		{rocketmq.Errorf(rocketmq.TopicNotFound, "x"), func(err error) int64 { return int64(rocketmq.CodeOf(err)) }},
		{turms.Errorf(turms.SendMessageToMutedGroup, "x"), func(err error) int64 { return int64(turms.CodeOf(err)) }},
		{httpmap.Errorf(httpmap.TopicAuthFailed, "x"), func(err error) int64 { return int64(httpmap.CodeOf(err)) }},
	}
	for i, r := range regs {
		var withInfo interface{ ErrorInfo() *errdetails.ErrorInfo }
		require.ErrorAs(t, r.err, &withInfo)
		info := withInfo.ErrorInfo()
		bodies := []string{
			`{"error":{"code":400,"message":"x","status":"FAILED_PRECONDITION","details":[` + protojsonInfo(t, info) + `]}}`,
			`[{"error":{"code":400,"message":"x","details":[` + protojsonInfo(t, info) + `]}}]`,
			`{"code":9,"message":"x","details":[` + protojsonInfo(t, info) + `]}`,
			`{"code":"failed_precondition","message":"x","details":[{"type":"google.rpc.ErrorInfo","value":"` + binary(t, info, false) + `"}]}`,
		}
		for _, body := range bodies {
			re, err := httpmap.ReadError(response(400, nil, body))
			require.NoError(t, err)
			assert.Equal(t, r.codeOf(r.err), r.codeOf(re), body)
			for j, other := range regs {
				if j != i {
					fallback := status.Error(re.GRPCCode(), "no info")
					assert.Equal(t, other.codeOf(fallback), other.codeOf(re), "%s reads %s", body, info.GetDomain())
				}
			}
		}
	}
}
