package peers_test

import (
	"strconv"
	"testing"

	v2 "github.com/apache/rocketmq-clients/golang/v5/protocol/v2"
	"github.com/statusreg/statusreg/rocketmq"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	// Nothing is used from the monolithic google.golang.org/genproto: this
	// import only keeps go.mod requiring a current version of it, which
	// go mod tidy would otherwise drop (see the comment below).
	_ "google.golang.org/genproto/protobuf/field_mask"
	"google.golang.org/grpc/status"
)

// This file imports google.golang.org/genproto/googleapis/rpc/errdetails
// directly, in the same test binary as the RocketMQ client's v2 stubs.
// That client (v5.1.2) requires the monolithic google.golang.org/genproto
// of 2020, which still holds googleapis/rpc/errdetails and .../status, so
// with both modules in go.mod, go mod tidy and go get fail with
// "ambiguous import: found package ... in multiple modules". go.mod
// therefore requires a current google.golang.org/genproto, which holds
// neither; the blank import of one of its packages keeps go mod tidy from
// dropping that requirement as unused. See doc.go.

// errorInfoOf returns the one *errdetails.ErrorInfo among a status's
// details.
func errorInfoOf(t *testing.T, st *status.Status) *errdetails.ErrorInfo {
	t.Helper()
	var found *errdetails.ErrorInfo
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			if found != nil {
				t.Fatalf("%v: two ErrorInfo details", st)
			}
			found = d
		case error:
			t.Fatalf("%v: undecodable detail: %v", st, d)
		}
	}
	if found == nil {
		t.Fatalf("%v: no ErrorInfo detail among %v", st, st.Details())
	}
	return found
}

// TestErrorfDetailIsGenprotoErrorInfo checks that the status of
// rocketmq.Errorf carries an ErrorInfo of genproto's errdetails type,
// naming each code of the official stubs' enum by its stub name.
func TestErrorfDetailIsGenprotoErrorInfo(t *testing.T) {
	if len(v2.Code_name) < 40 {
		t.Fatalf("the v2 stubs' enum has only %d codes", len(v2.Code_name))
	}
	for num, name := range v2.Code_name {
		if v2.Code(num) == v2.Code_OK {
			continue // too short for an AIP-193 reason: see TestErrorfDetailOfOK
		}
		err := rocketmq.Errorf(rocketmq.Code(num), "for %s", name)
		gs, ok := err.(interface{ GRPCStatus() *status.Status })
		if !ok {
			t.Fatalf("%s: %T has no GRPCStatus", name, err)
		}
		info := errorInfoOf(t, gs.GRPCStatus())
		if info.GetReason() != name {
			t.Errorf("%s: Reason = %q", name, info.GetReason())
		}
		if info.GetDomain() != "rocketmq.apache.org" || info.GetDomain() != rocketmq.Domain {
			t.Errorf("%s: Domain = %q", name, info.GetDomain())
		}
		if got, want := info.GetMetadata()["code"], strconv.Itoa(int(num)); got != want {
			t.Errorf("%s: Metadata[code] = %q, want %q", name, got, want)
		}
	}
}

// TestErrorfDetailOfOK checks the one stub code whose name is no valid
// reason: the detail names it by number.
func TestErrorfDetailOfOK(t *testing.T) {
	num := strconv.Itoa(int(v2.Code_OK)) // 20000
	st := status.Convert(rocketmq.Errorf(rocketmq.Code(v2.Code_OK), "an OK code in an error"))
	info := errorInfoOf(t, st)
	if info.GetReason() != "CODE_"+num || info.GetDomain() != rocketmq.Domain || info.GetMetadata()["code"] != num {
		t.Errorf("ErrorInfo = %v", info)
	}
}

// TestStubStatusToErrorInfo goes from a v2.Status, as a RocketMQ response
// carries it, to the ErrorInfo a gRPC client reads.
func TestStubStatusToErrorInfo(t *testing.T) {
	resp := &v2.SendMessageResponse{Status: &v2.Status{Code: v2.Code_TOPIC_NOT_FOUND, Message: "no topic"}}
	code := rocketmq.Code(resp.GetStatus().GetCode())
	st := status.Convert(rocketmq.Errorf(code, "%s", resp.GetStatus().GetMessage()))
	info := errorInfoOf(t, st)
	want := &errdetails.ErrorInfo{
		Reason:   "TOPIC_NOT_FOUND",
		Domain:   "rocketmq.apache.org",
		Metadata: map[string]string{"code": "40402"},
	}
	if info.GetReason() != want.GetReason() || info.GetDomain() != want.GetDomain() ||
		len(info.GetMetadata()) != 1 || info.GetMetadata()["code"] != want.GetMetadata()["code"] {
		t.Errorf("ErrorInfo = %v, want %v", info, want)
	}
	if got, ok := rocketmq.FromStatus(st); !ok || got != rocketmq.TopicNotFound {
		t.Errorf("FromStatus = %v, %v", got, ok)
	}
}
