package contract_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"github.com/statusreg/statusreg/rocketmq"
	"github.com/statusreg/statusreg/rocketmq/contract"
)

// A test double's SendMessage fails with a code the matrix says
// SendMessage must not return: the hook sees the violation, and in
// strict mode the call fails with INTERNAL instead.
func Example() {
	hook := contract.OnViolation(func(_ context.Context, v rocketmq.Violation) { fmt.Println(v) })
	info := &grpc.UnaryServerInfo{FullMethod: rocketmq.SendMessage.Method()}
	handler := func(context.Context, any) (any, error) {
		return nil, rocketmq.Errorf(rocketmq.ConsumerGroupNotFound, "no group %q", "billing")
	}

	_, err := contract.UnaryServerInterceptor(hook)(context.Background(), nil, info, handler)
	fmt.Println(rocketmq.CodeOf(err))

	_, err = contract.UnaryServerInterceptor(hook, contract.Strict())(context.Background(), nil, info, handler)
	fmt.Println(status.Code(err))
	// Output:
	// rocketmq contract: SendMessage returned CONSUMER_GROUP_NOT_FOUND as an error, which the status matrix marks NotAllowed
	// CONSUMER_GROUP_NOT_FOUND
	// rocketmq contract: SendMessage returned CONSUMER_GROUP_NOT_FOUND as an error, which the status matrix marks NotAllowed
	// Internal
}

// With no options, a violation is a warning on log/slog's default logger.
func Example_defaultLog() {
	ic := contract.UnaryServerInterceptor()

	// For this example only: log to standard output, without the time.
	old, out, flags := slog.Default(), log.Writer(), log.Flags()
	defer func() { slog.SetDefault(old); log.SetOutput(out); log.SetFlags(flags) }()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})))

	info := &grpc.UnaryServerInfo{FullMethod: rocketmq.QueryRoute.Method()}
	_, _ = ic(context.Background(), nil, info, func(context.Context, any) (any, error) {
		return nil, rocketmq.Errorf(rocketmq.HANotAvailable, "no replica")
	})
	// Output:
	// level=WARN msg="rocketmq contract violation" method=/apache.rocketmq.v2.MessagingService/QueryRoute code.name=HA_NOT_AVAILABLE code.number=50002 code.class=INTERNAL_ERROR mark=NotAllowed field="" index=0 as_error=true
}
