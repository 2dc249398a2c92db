package httpmap_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/retry"
)

// A client sends a GET through RetryTransport to a server that is busy
// for its first two requests: the transport sends it again, and the
// caller sees the final answer only. A POST without an Idempotency-Key
// would have been sent once.
func ExampleRetryTransport() {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "hello")
	}))
	defer srv.Close()

	client := &http.Client{Transport: &httpmap.RetryTransport{
		Policy: retry.Policy{MaxAttempts: 4, MaxDelay: time.Second},
	}}
	resp, err := client.Get(srv.URL)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body), n.Load())
	// Output:
	// 200 hello 3
}
