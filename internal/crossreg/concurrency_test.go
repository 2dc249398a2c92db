package crossreg

import (
	"context"
	"encoding"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/grpccodes"
	"github.com/statusreg/statusreg/httpmap"
	"github.com/statusreg/statusreg/internal/registries"
	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/turms"
)

// goroutines is how many goroutines each concurrency test runs at once.
const goroutines = 32

// lookup is one registry's every lookup of one number, as text: equal
// texts mean equal answers.
type lookup func(n int64) string

// lookups returns, for every registry and for rocketmq.RPC, the numbers
// to look up and what looking one up gives: every lookup of the
// registry's descriptor, and those of its package's own (lookupExtras).
func lookups() map[string]struct {
	numbers []int64
	lookup  lookup
} {
	e := everyCode()
	regs := map[string]struct {
		numbers []int64
		lookup  lookup
	}{}
	for i := range registries.All {
		r := &registries.All[i]
		extra := lookupExtras[r.Name]
		regs[r.Name] = struct {
			numbers []int64
			lookup  lookup
		}{e.codes[r.Name], func(n int64) string {
			v := r.Value(n)
			p, err := r.Parse(r.String(n))
			s := fmt.Sprint(r.String(n), p, err, fmt.Sprintf("%#v", v), r.Known(n), r.Describes(n), r.GRPCCode(n), r.Decide(n, false), r.Decide(n, true))
			if r.HTTPStatus != nil {
				s += fmt.Sprint(r.HTTPStatus(n))
			}
			if r.Class != nil {
				s += fmt.Sprint(r.Class(n))
			}
			if m, ok := v.(encoding.TextMarshaler); ok {
				text, err := m.MarshalText()
				s += fmt.Sprint(string(text), err)
			}
			if lv, ok := v.(slog.LogValuer); ok {
				s += lv.LogValue().String()
			}
			if r.Errorf != nil {
				err := r.Errorf(n, "m")
				s += fmt.Sprint(r.CodeOf(err), status.Convert(err).Code(), err)
			}
			if extra != nil {
				s += extra(n)
			}
			return s
		}}
	}
	regs["rocketmq.RPC"] = struct {
		numbers []int64
		lookup  lookup
	}{int64s(e.rpc), func(n int64) string {
		r := rocketmq.RPC(n)
		p, err := rocketmq.ParseRPC(r.String())
		return fmt.Sprint(r.String(), p, err, r.GoString(), r.Method())
	}}
	return regs
}

// lookupExtras are the lookups a package offers beyond its descriptor's,
// by registry name.
var lookupExtras = map[string]lookup{
	"grpc": func(n int64) string {
		c := codes.Code(n)
		return fmt.Sprint(grpccodes.FromHTTPStatus(grpccodes.HTTPStatus(c)), grpccodes.FromHTTPTransport(int(n%600)),
			grpccodes.Decide(c, true), grpccodes.Decide(c, false), grpccodes.ToProto(c))
	},
	"rocketmq": func(n int64) string {
		c := rocketmq.Code(n)
		err := rocketmq.Errorf(c, "m")
		s := fmt.Sprint(c.Class())
		for _, r := range rocketmq.RPCs() {
			s += fmt.Sprint(r.Mark(c), r.Allows(c), r.Decide(c), r.DecideError(err))
		}
		eq, ok := httpmap.EquivalentOf(c)
		return s + fmt.Sprint(eq, ok)
	},
	"turms": func(n int64) string {
		c := turms.Code(n)
		return fmt.Sprint(c.Category(), c.Decide(), c.IsSuccess())
	},
	"turms-client": func(n int64) string { return turms.ClientCode(n).Category() },
	"turms-close": func(n int64) string {
		s := turms.SessionCloseStatus(n)
		return fmt.Sprint(s.Category(), s.Decide())
	},
	"httpmap": func(n int64) string {
		c := httpmap.Code(n)
		eq, ok := c.Equivalent()
		return fmt.Sprint(c.Decide(false), c.Decide(true), c.Messages(), c.Description(), c.Suggestion(), eq, ok)
	},
}

// TestConcurrentLookups: every lookup of every registry, from many
// goroutines at once, answers as it does from one.
func TestConcurrentLookups(t *testing.T) {
	regs := lookups()
	want := make(map[string][]string)
	for name, reg := range regs {
		for _, n := range reg.numbers {
			want[name] = append(want[name], reg.lookup(n))
		}
	}
	var wg sync.WaitGroup
	var mismatches atomic.Int64
	const lookers = 8 // every one looks up everything: enough to race
	for g := range lookers {
		wg.Go(func() {
			for name, reg := range regs {
				// Each goroutine starts at its own place, so that all
				// look up different codes at once.
				for k := range reg.numbers {
					i := (k + g*len(reg.numbers)/lookers) % len(reg.numbers)
					if got := reg.lookup(reg.numbers[i]); got != want[name][i] && mismatches.Add(1) <= 5 {
						t.Errorf("%s %d: concurrent lookup gave\n%s\nnot\n%s", name, reg.numbers[i], got, want[name][i])
					}
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, mismatches.Load())
}

// TestConcurrentInterceptors: many concurrent calls through the recovery
// and contract server interceptors on a loopback server, mixing answers
// the contract allows, answers it forbids (strict mode fails them), errors
// of every registry (strict mode fails the RocketMQ codes it forbids) and
// panics, each get their own outcome, and every violation and panic is
// counted once.
func TestConcurrentInterceptors(t *testing.T) {
	l := startGRPC(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rcodes := narrow[rocketmq.Code](everyCode().codes["rocketmq"])
	regs := errorRegistries()
	const calls = 12
	var wantViolations, wantPanics atomic.Int64
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(seed1, uint64(g)))
			for range calls {
				c := rcodes[r.IntN(len(rcodes))]
				switch kind := r.IntN(6); kind {
				case 0, 1: // an answer SendMessage may or may not give
					got, err := l.unary(ctx, rocketmq.SendMessage.Method(), request{number: int64(c), action: actStatus})
					if checkContract(t, rocketmq.SendMessage, c, err) {
						wantViolations.Add(1)
					} else if err == nil {
						assert.Equal(t, int64(c), got, "SendMessage answered %v", c)
					}
				case 2: // answers ReceiveMessage may or may not stream
					got, err := l.stream(ctx, rocketmq.ReceiveMessage.Method(), request{number: int64(c), action: actStatus, count: 3})
					if checkContract(t, rocketmq.ReceiveMessage, c, err) {
						wantViolations.Add(1) // the first violation ends the stream
						assert.Empty(t, got, "ReceiveMessage streamed %v", c)
					} else if err == nil {
						assert.Equal(t, []int64{int64(c), int64(c), int64(c)}, got, "ReceiveMessage streamed %v", c)
					}
				case 3: // an error of some registry
					reg := regs[r.IntN(len(regs))]
					all := reg.all()
					n := all[r.IntN(len(all))]
					req := request{registry: reg.name, number: n, action: actError, count: 1, message: message(reg.name, n)}
					_, err := l.unary(ctx, rocketmq.SendMessage.Method(), req)
					if checkThroughContract(t, reg, n, rocketmq.SendMessage, err, "concurrently, unary") {
						wantViolations.Add(1)
					}
					_, err = l.stream(ctx, echoStream, req)
					checkArrived(t, reg, n, err, "concurrently, streaming")
				case 4, 5: // a panic, on either service, unary or streaming
					wantPanics.Add(1)
					var err error
					switch method := []string{rocketmq.SendMessage.Method(), echoUnary, rocketmq.ReceiveMessage.Method(), echoStream}[r.IntN(4)]; method {
					case rocketmq.SendMessage.Method(), echoUnary:
						_, err = l.unary(ctx, method, request{action: actPanic})
					default:
						_, err = l.stream(ctx, method, request{action: actPanic, count: 1})
					}
					st := status.Convert(err)
					assert.Equal(t, codes.Internal, st.Code(), "a panic: %v", err)
					assert.Equal(t, "internal error", st.Message())
					assert.NotContains(t, fmt.Sprint(err), panicText)
				}
			}
		})
	}
	wg.Wait()
	assert.Equal(t, wantViolations.Load(), l.violations.Load(), "violations reported")
	assert.Equal(t, wantPanics.Load(), l.panics.Load(), "panics recovered")
	assert.NotZero(t, wantViolations.Load(), "the calls include violations")
	assert.NotZero(t, wantPanics.Load(), "the calls include panics")
}

// checkContract checks the outcome err of rpc answering c under the
// strict contract interceptor, and reports whether it was a violation.
func checkContract(t *testing.T, rpc rocketmq.RPC, c rocketmq.Code, err error) bool {
	t.Helper()
	mark := rpc.Mark(c)
	if mark != rocketmq.NotAllowed && mark != rocketmq.Reserved {
		assert.NoError(t, err, "%v answering %v (%v)", rpc, c, mark)
		return false
	}
	st := status.Convert(err)
	assert.Equal(t, codes.Internal, st.Code(), "%v answering %v (%v) fails", rpc, c, mark)
	assert.Contains(t, st.Message(), rpc.String())
	assert.Contains(t, st.Message(), c.String())
	return true
}

// countingHandler is a slog.Handler that counts records by message.
type countingHandler struct {
	mu    sync.Mutex
	count map[string]int
}

func (h *countingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *countingHandler) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *countingHandler) WithGroup(string) slog.Handler            { return h }
func (h *countingHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.count[r.Message]++
	return nil
}

func (h *countingHandler) counted(msg string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count[msg]
}

// captureDefaultLog routes slog's default logger to a counting handler
// for the rest of the test.
func captureDefaultLog(t *testing.T) *countingHandler {
	h := &countingHandler{count: make(map[string]int)}
	old, out, flags := slog.Default(), log.Writer(), log.Flags()
	slog.SetDefault(slog.New(h))
	t.Cleanup(func() {
		slog.SetDefault(old)
		log.SetOutput(out) // slog.SetDefault redirected the log package
		log.SetFlags(flags)
	})
	return h
}

// TestConcurrentMiddleware: many concurrent requests through
// httpmap.Middleware and httpmap.Handler on a loopback server, mixing
// answers, registry errors and panics, each get their own answer with
// their own request ID, and every panic is reported once and leaks
// nothing.
func TestConcurrentMiddleware(t *testing.T) {
	logs := captureDefaultLog(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok "+r.Header.Get(httpmap.DefaultRequestIDHeader))
	})
	mux.HandleFunc("/panic", func(http.ResponseWriter, *http.Request) { panic(panicText) })
	mux.Handle("/error", errorHandler())
	mux.Handle("/handler-panic", httpmap.Handler(func(http.ResponseWriter, *http.Request) error { panic(panicText) }))
	srv := httptest.NewServer(httpmap.Middleware(mux))
	t.Cleanup(srv.Close)
	client := srv.Client()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	regs := errorRegistries()
	const requests = 12
	var wantPanics atomic.Int64
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(seed2, uint64(g)))
			for k := range requests {
				id := fmt.Sprintf("req-%d-%d", g, k)
				path, reg, n := "/ok", (*errorRegistry)(nil), int64(0)
				switch r.IntN(4) {
				case 1:
					path = "/panic"
				case 2:
					path = "/handler-panic"
				case 3:
					reg = regs[r.IntN(len(regs))]
					all := reg.all()
					n = all[r.IntN(len(all))]
					path = "/error" + errorQuery(reg.name, n)
				}
				req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
				if !assert.NoError(t, err) {
					continue
				}
				req.Header.Set(httpmap.DefaultRequestIDHeader, id)
				resp, err := client.Do(req)
				if !assert.NoError(t, err, "%s", path) {
					continue
				}
				if path == "/ok" {
					body, err := io.ReadAll(resp.Body)
					_ = resp.Body.Close()
					assert.NoError(t, err)
					assert.Equal(t, http.StatusOK, resp.StatusCode)
					assert.Equal(t, "ok "+id, string(body))
					continue
				}
				assert.Equal(t, id, resp.Header.Get(httpmap.DefaultRequestIDHeader), "%s: the response's request ID", path)
				rerr, err := httpmap.ReadError(resp)
				if !assert.NoError(t, err, "%s", path) {
					continue
				}
				assert.Equal(t, id, rerr.RequestID(), "%s: the answer's request ID", path)
				if reg != nil {
					checkAnswer(t, reg, n, rerr, "concurrently")
					continue
				}
				wantPanics.Add(1)
				assert.Equal(t, http.StatusInternalServerError, rerr.HTTPStatus(), "%s", path)
				assert.Equal(t, "INTERNAL", rerr.Status(), "%s", path)
				assert.Equal(t, "internal error", rerr.Message(), "%s", path)
				assert.False(t, strings.Contains(rerr.Error(), panicText), "%s leaks the panic: %v", path, rerr)
			}
		})
	}
	wg.Wait()
	assert.NotZero(t, wantPanics.Load())
	assert.Equal(t, int(wantPanics.Load()), logs.counted("httpmap: handler panicked"), "every panic is reported once")
}
