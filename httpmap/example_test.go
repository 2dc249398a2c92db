package httpmap_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/rocketmq"
)

// A server answers with a RocketMQ error; a client reads it back exactly.
func Example() {
	srv := httptest.NewServer(httpmap.Handler(func(w http.ResponseWriter, r *http.Request) error {
		return rocketmq.Errorf(rocketmq.TopicNotFound, "no topic %q", "orders")
	}))
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	req.Header.Set("X-Request-Id", "req-1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	rerr, err := httpmap.ReadError(resp)
	if err != nil {
		panic(err)
	}
	fmt.Println(rerr.HTTPStatus(), rerr.Status(), rerr.RequestID())
	fmt.Println(rerr)
	fmt.Println(rocketmq.CodeOf(rerr))
	// Output:
	// 404 NOT_FOUND req-1
	// httpmap: HTTP 404 NOT_FOUND: no topic "orders"
	// TOPIC_NOT_FOUND
}

// The API's own example answer, status with its stray space, read into a
// typed code.
func ExampleReadError() {
	rec := httptest.NewRecorder()
	rec.WriteHeader(http.StatusForbidden)
	rec.WriteString(`{"requestId":"c1d3","error":{"code":403,"message":"Authentication failure","status":" PERMISSION_DENIED"}}`)

	rerr, _ := httpmap.ReadError(rec.Result())
	code := rerr.Code() // the API names its codes by status alone
	fmt.Println(code, code.HTTPStatus(), code.GRPCCode(), code.Decide(true).Outcome)
	fmt.Println(rerr.RequestID(), rerr.Message())
	// Output:
	// PERMISSION_DENIED 403 PermissionDenied Fail
	// c1d3 Authentication failure
}

func ExampleCode_Equivalent() {
	r, ok := httpmap.TopicNotExist.Equivalent()
	fmt.Println(r, ok)
	c, ok := httpmap.EquivalentOf(rocketmq.TooManyRequests)
	fmt.Println(c, ok)
	// Output:
	// TOPIC_NOT_FOUND true
	// RATE_LIMIT true
}
