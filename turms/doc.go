// Package turms interprets the status codes of the Turms instant
// messaging server (turms-im/turms): the codes its server answers
// requests with, the codes its clients give requests they reject
// themselves, and the reasons a session closes.
//
//	code := turms.Code(resp.Code) // the number a Turms server answered
//	if !code.IsSuccess() {
//		log.Printf("%v (%v, HTTP %d)", code, code.Category(), code.HTTPStatus())
//		if d := code.Decide(); d.Retryable() {
//			// wait (longer on d.Outcome == retry.Backoff), then send the request again
//		}
//	}
//
// # Three sets of codes
//
// Turms reuses numbers and names across three sets, so each has its own
// type, parser and constants:
//
//   - [Code]: the server's 155 response codes, 1000 to 6131 (ParseCode:
//     "INVALID_REQUEST" is 1100). Constants: CamelCase of the upstream
//     name, InvalidRequest.
//   - [ClientCode]: 11 codes a client gives a request it rejects itself, 1
//     to 500 (ParseClientCode: "INVALID_REQUEST" is 100). Constants:
//     Client + CamelCase, ClientInvalidRequest.
//   - [SessionCloseStatus]: 14 reasons a session closes, 100 to 701
//     (ParseSessionCloseStatus: 100 is "ILLEGAL_REQUEST"). Constants:
//     Close + CamelCase, CloseIllegalRequest.
//
// A name of one set is an error to the others' parsers. The Kotlin
// client's _FROM_SERVER names for the server codes that share a
// client-only code's name are not accepted: the engine reads an upstream
// name and a Go name a code, and no third.
//
// # Versions
//
// The tables match Turms' development line of 2023-12-25 (SourceRevision):
// the turms-docs status-code page and the server's ResponseStatusCode enum
// of that date. Turms has renumbered codes
// between versions (3403 has meant three different things), so check a
// server of another version against its own ResponseStatusCode.
//
// # Categories, HTTP and gRPC
//
// The seed files each server code under a category, which opens at its
// first code: [Code.Category] gives it with its parts (area, topic, kind).
// An unknown code takes the category that opens its hundred (3499 is Group
// - Member), and has none in a hundred no category opens (1900). The first
// code of a category is its class to the engine, so the constants' docs
// name it ("Class AddUserToGroupRequiringInvitation").
//
// [Code.HTTPStatus] is the status Turms' server itself pairs with the
// code. [Code.GRPCCode] follows the HTTP status as grpccodes.FromHTTPStatus
// maps it, except where the name says more. The doc of the Code
// constants lists every exception, grouped by why, and the doc of each
// exception's constant states its reason.
//
// Client codes and close statuses have no HTTP status; each has a gRPC
// code, a judgement stated in its constant's doc.
//
// # Retrying
//
// [Code.Decide] says whether sending the same request again can help, as
// a retry.Decision in the vocabulary every registry of statusreg shares:
//
//   - ServerUnavailable: Retry, the server (or node) cannot serve now;
//   - ClientRequestsTooFrequent, AdminRequestsTooFrequent: Backoff, below
//     the rate limit;
//   - NoQualifiedMemberToBeLeader: Retry, once the cluster has settled;
//   - CreateExistingSession: Retry, once the previous session has closed;
//   - LoginTimeout: Retry, the login was slow, not refused;
//   - ServerInternalError: Fail, an unforeseen failure tends to repeat,
//     and a request that changes state may have taken effect;
//   - RequestedRecordsTooMany: Fail, ask for fewer records instead;
//   - the quotas (MaxOwnedGroupsReached,
//     AddUserToGroupWithSizeLimitReached): Fail, waiting does not raise
//     them, although their gRPC code is RESOURCE_EXHAUSTED;
//   - the session conflicts (2100 to 2102): Fail, the user's other device
//     holds the session until the user decides;
//   - SendRequestFromNonexistentSession,
//     UpdateHeartbeatOfNonexistentSession: Fail, log in again first;
//   - success codes: Success, there is nothing to retry;
//   - every other code, each a matter of the request, of ownership,
//     membership or permission, of a block, a disabled feature, a quota,
//     or of what exists: Fail, the answer would be the same;
//   - unknown codes: Fail.
//
// [ClientCode.Decide] decides the codes a client gives requests it
// rejects itself: ConnectTimeout retries, ClientRequestsTooFrequent backs
// off, and the others fail (RequestTimeout too: the server may have acted
// on the request).
//
// [SessionCloseStatus.Decide] says whether reconnecting can help:
//
//   - HeartbeatTimeout, LoginTimeout, ConnectionClosed: Retry, the
//     connection or the login was lost, not refused;
//   - Switch: Retry, the client reconnects when it has something to send;
//   - ServerError, ServerClosed, ServerUnavailable: Retry, to this server
//     once it recovers or to another;
//   - UnknownError: Retry, as the likeliest causes are transient;
//   - IllegalRequest: Fail, the client would send the same thing again;
//   - DisconnectedByClient: Fail, the user ended the session;
//   - DisconnectedByOtherDevice: Fail, reconnecting would take the
//     session back from the user's other device;
//   - DisconnectedByAdmin, UserIsDeletedOrInactivated, UserIsBlocked:
//     Fail, the server would refuse or close the session again;
//   - unknown statuses: Retry in the server's range (IsServerError, 200
//     to 299), Fail otherwise.
//
// The tables, with the reasons the decisions give, are
// testdata/retry-turms.tsv, retry-turms-client.tsv and
// retry-turms-close.tsv.
//
// # Errors
//
// [Errorf] makes an error whose gRPC status carries the exact Code in a
// google.rpc.ErrorInfo (domain turms.im), and [CodeOf] reads it back on
// the far side.
package turms

//go:generate go run ../internal/gen turms tables.go
