package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/grpc/codes"

	"github.com/statusreg/statusreg/internal/source"
	"github.com/statusreg/statusreg/internal/table"
)

const (
	turmsSeed = "turms-status-code.md"
	turmsHTTP = "turms-server-http-status.tsv"

	// turmsRevision names the upstream revisions (testdata/README.md).
	turmsRevision = "turms-im/turms turms-docs/src/reference/status-code.md and server ResponseStatusCode of 2023-12-25"

	// turmsDomain is the google.rpc.ErrorInfo domain of Turms errors.
	turmsDomain = "turms.im"
)

// turmsAreas are the areas the seed's category names open with ("Group -
// Member Related Error" is in area Group), in the order of the constants.
var turmsAreas = []string{"Admin", "User", "Group", "Conversation", "Message", "Storage"}

// turmsHTTPToGRPC mirrors grpccodes.FromHTTPStatus, which gen cannot
// import: gen writes grpccodes' own tables, so a stale grpccodes would stop
// it from building. turms' tests check every code against
// grpccodes.FromHTTPStatus itself, overrides excepted.
func turmsHTTPToGRPC(s int) codes.Code {
	switch s {
	case 200:
		return codes.OK
	case 400:
		return codes.InvalidArgument
	case 401:
		return codes.Unauthenticated
	case 403:
		return codes.PermissionDenied
	case 404:
		return codes.NotFound
	case 409:
		return codes.Aborted
	case 429:
		return codes.ResourceExhausted
	case 499:
		return codes.Canceled
	case 500:
		return codes.Internal
	case 501:
		return codes.Unimplemented
	case 503:
		return codes.Unavailable
	case 504:
		return codes.DeadlineExceeded
	}
	switch s / 100 {
	case 2:
		return codes.OK
	case 4:
		return codes.FailedPrecondition
	case 5:
		return codes.Internal
	}
	return codes.Unknown
}

// turmsOverride is a server code whose gRPC code departs from what its
// HTTP status gives, because its name says more; why is the reason, which
// also goes into the constant's doc comment.
type turmsOverride struct {
	grpc codes.Code
	why  string
}

// turmsGRPCOverrides are the server codes whose gRPC code is not the one
// their HTTP status maps to.
var turmsGRPCOverrides = map[string]turmsOverride{
	// Duplicates and existing records: the thing the request would create
	// is already there.
	"RECORD_CONTAINS_DUPLICATE_KEY":      {codes.AlreadyExists, "a record with that key exists (HTTP 409 alone gives ABORTED)"},
	"DUPLICATE_RESOURCE":                 {codes.AlreadyExists, "the resource exists (HTTP 409 alone gives ABORTED)"},
	"CREATE_EXISTING_RELATIONSHIP":       {codes.AlreadyExists, "the relationship exists (HTTP 409 alone gives ABORTED)"},
	"CREATE_EXISTING_FRIEND_REQUEST":     {codes.AlreadyExists, "the friend request exists (HTTP 409 alone gives ABORTED)"},
	"GROUP_INVITEE_ALREADY_GROUP_MEMBER": {codes.AlreadyExists, "the membership exists (HTTP 409 alone gives ABORTED)"},
	"GROUP_MEMBER_ANSWER_GROUP_QUESTION": {codes.AlreadyExists, "the membership the answer would grant exists (HTTP 409 alone gives ABORTED)"},

	// Session conflicts: 2100-2102 are ABORTED through HTTP 409 already.
	"CREATE_EXISTING_SESSION": {codes.Aborted, "a session conflict, resolved once the other session ends (HTTP 503 alone gives UNAVAILABLE)"},
	// The caller's own session is missing: it must log in.
	"SEND_REQUEST_FROM_NONEXISTENT_SESSION":   {codes.Unauthenticated, "the caller has no session: it must log in (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_HEARTBEAT_OF_NONEXISTENT_SESSION": {codes.Unauthenticated, "the caller has no session: it must log in (HTTP 403 alone gives PERMISSION_DENIED)"},
	"LOGIN_TIMEOUT": {codes.DeadlineExceeded, "the login did not complete in time (HTTP 408 alone gives FAILED_PRECONDITION)"},

	// Nonexistent targets.
	"UPDATE_INFO_OF_NONEXISTENT_USER":                      {codes.NotFound, "the user does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_INFO_OF_NONEXISTENT_GROUP":                     {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"CREATE_GROUP_WITH_NONEXISTENT_GROUP_TYPE":             {codes.NotFound, "the group type does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"TRANSFER_NONEXISTENT_GROUP":                           {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_GROUP_MEMBER_ROLE_OF_NONEXISTENT_GROUP":        {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_GROUP_MEMBER_INFO_OF_NONEXISTENT_GROUP":        {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_INFO_OF_NONEXISTENT_GROUP_MEMBER":              {codes.NotFound, "the group member does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"MUTE_GROUP_MEMBER_OF_NONEXISTENT_GROUP":               {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"MUTE_NONEXISTENT_GROUP_MEMBER":                        {codes.NotFound, "the group member does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATING_READ_DATE_OF_NONEXISTENT_GROUP_CONVERSATION": {codes.NotFound, "the group conversation does not exist (HTTP 510 alone gives INTERNAL)"},
	"SEND_MESSAGE_TO_NONEXISTENT_GROUP":                    {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"UPDATE_MESSAGE_OF_NONEXISTENT_GROUP":                  {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"RECALL_NONEXISTENT_MESSAGE":                           {codes.NotFound, "the message does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},
	"RECALL_MESSAGE_OF_NONEXISTENT_GROUP":                  {codes.NotFound, "the group does not exist (HTTP 403 alone gives PERMISSION_DENIED)"},

	// Features switched off in the server's configuration: the server
	// does not offer the operation, whatever the request.
	"JAVASCRIPT_PLUGIN_IS_DISABLED":                    {codes.Unimplemented, "the server is configured without the feature (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SAVING_JAVA_PLUGIN_IS_DISABLED":                   {codes.Unimplemented, "the server is configured without the feature (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SAVING_JAVASCRIPT_PLUGIN_IS_DISABLED":             {codes.Unimplemented, "the server is configured without the feature (HTTP 403 alone gives PERMISSION_DENIED)"},
	"IP_BLOCKLIST_IS_DISABLED":                         {codes.Unimplemented, "the server is configured without the feature (HTTP 403 alone gives PERMISSION_DENIED)"},
	"USER_ID_BLOCKLIST_IS_DISABLED":                    {codes.Unimplemented, "the server is configured without the feature (HTTP 403 alone gives PERMISSION_DENIED)"},
	"USER_LOCATION_RELATED_FEATURES_ARE_DISABLED":      {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"QUERYING_NEAREST_USERS_BY_SESSION_ID_IS_DISABLED": {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"RECALLING_GROUP_JOIN_REQUEST_IS_DISABLED":         {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"RECALLING_GROUP_INVITATION_IS_DISABLED":           {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"UPDATING_READ_DATE_IS_DISABLED":                   {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"MOVING_READ_DATE_FORWARD_IS_DISABLED":             {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"UPDATING_TYPING_STATUS_IS_DISABLED":               {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"SENDING_MESSAGES_TO_ONESELF_IS_DISABLED":          {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"UPDATING_MESSAGE_BY_SENDER_IS_DISABLED":           {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	"RECALLING_MESSAGE_IS_DISABLED":                    {codes.Unimplemented, "the server is configured without the feature (HTTP 510 alone gives INTERNAL)"},
	// Features switched off by one group's settings: a state of that
	// group, which its owner can change.
	"UPDATING_READ_DATE_IS_DISABLED_BY_GROUP":      {codes.FailedPrecondition, "the group's settings forbid it, and can change (HTTP 510 alone gives INTERNAL)"},
	"UPDATING_GROUP_MESSAGE_BY_SENDER_IS_DISABLED": {codes.FailedPrecondition, "the group's settings forbid it, and can change (HTTP 403 alone gives PERMISSION_DENIED)"},

	// Quotas and limits.
	"MAX_OWNED_GROUPS_REACHED":                  {codes.ResourceExhausted, "a per-user quota is used up (HTTP 403 alone gives PERMISSION_DENIED)"},
	"ADD_USER_TO_GROUP_WITH_SIZE_LIMIT_REACHED": {codes.ResourceExhausted, "the group's size quota is used up (HTTP 403 alone gives PERMISSION_DENIED)"},
	"REQUESTED_RECORDS_TOO_MANY":                {codes.InvalidArgument, "the request asks for more records than one request may; a narrower request succeeds, and backing off does not help (HTTP 429 alone gives RESOURCE_EXHAUSTED)"},

	// States of a resource, not permissions of the caller.
	"UNSUPPORTED_CLIENT_VERSION":                                {codes.FailedPrecondition, "the client must be upgraded first (HTTP 403 alone gives PERMISSION_DENIED)"},
	"NOT_QUALIFIED_MEMBER_TO_BE_LEADER":                         {codes.FailedPrecondition, "the member's state disqualifies it (HTTP 403 alone gives PERMISSION_DENIED)"},
	"NOT_ACTIVE_USER_TO_CREATE_GROUP":                           {codes.FailedPrecondition, "the requester's account is not active (HTTP 403 alone gives PERMISSION_DENIED)"},
	"CREATE_GROUP_QUESTION_FOR_INACTIVE_GROUP":                  {codes.FailedPrecondition, "the group is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"CREATE_GROUP_QUESTION_FOR_GROUP_USING_JOIN_REQUEST":        {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"CREATE_GROUP_QUESTION_FOR_GROUP_USING_INVITATION":          {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"CREATE_GROUP_QUESTION_FOR_GROUP_USING_MEMBERSHIP_REQUEST":  {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"ANSWER_INACTIVE_GROUP_QUESTION":                            {codes.FailedPrecondition, "the question is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"ANSWER_GROUP_QUESTION_OF_INACTIVE_GROUP":                   {codes.FailedPrecondition, "the group is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"ADD_USER_TO_GROUP_REQUIRING_INVITATION":                    {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"ADD_USER_TO_INACTIVE_GROUP":                                {codes.FailedPrecondition, "the group is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"RECALL_NON_PENDING_GROUP_JOIN_REQUEST":                     {codes.FailedPrecondition, "the request is no longer pending (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SEND_GROUP_JOIN_REQUEST_TO_INACTIVE_GROUP":                 {codes.FailedPrecondition, "the group is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SEND_GROUP_JOIN_REQUEST_TO_GROUP_USING_MEMBERSHIP_REQUEST": {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SEND_GROUP_JOIN_REQUEST_TO_GROUP_USING_INVITATION":         {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SEND_GROUP_JOIN_REQUEST_TO_GROUP_USING_QUESTION":           {codes.FailedPrecondition, "the group's join policy rules it out (HTTP 403 alone gives PERMISSION_DENIED)"},
	"RECALL_NON_PENDING_GROUP_INVITATION":                       {codes.FailedPrecondition, "the invitation is no longer pending (HTTP 403 alone gives PERMISSION_DENIED)"},
	"MESSAGE_RECIPIENT_NOT_ACTIVE":                              {codes.FailedPrecondition, "the recipient's account is not active (HTTP 403 alone gives PERMISSION_DENIED)"},
	"SEND_MESSAGE_TO_INACTIVE_GROUP":                            {codes.FailedPrecondition, "the group is inactive (HTTP 403 alone gives PERMISSION_DENIED)"},
	"MESSAGE_RECALL_TIMEOUT":                                    {codes.FailedPrecondition, "the message is past its recall window, a state of the message, not a deadline of the call (HTTP 403 alone gives PERMISSION_DENIED)"},
	"MESSAGE_IS_ILLEGAL":                                        {codes.InvalidArgument, "the message's content is rejected (HTTP 403 alone gives PERMISSION_DENIED)"},
}

// turmsClientGRPC is the gRPC code of each client-only code, which has no
// HTTP status: a judgement, with the reason.
var turmsClientGRPC = map[string]turmsOverride{
	"CONNECT_TIMEOUT":                          {codes.DeadlineExceeded, "the connection was not made in time"},
	"INVALID_REQUEST":                          {codes.InvalidArgument, "the request is malformed"},
	"CLIENT_REQUESTS_TOO_FREQUENT":             {codes.ResourceExhausted, "the client's own rate limit is reached"},
	"REQUEST_TIMEOUT":                          {codes.DeadlineExceeded, "no response came in time"},
	"ILLEGAL_ARGUMENT":                         {codes.InvalidArgument, "an argument is not valid"},
	"INVALID_NOTIFICATION":                     {codes.Internal, "the server sent what the client cannot read: a protocol fault"},
	"INVALID_RESPONSE":                         {codes.Internal, "the server sent what the client cannot read: a protocol fault"},
	"CLIENT_SESSION_ALREADY_ESTABLISHED":       {codes.AlreadyExists, "the session to open is open already"},
	"CLIENT_SESSION_HAS_BEEN_CLOSED":           {codes.FailedPrecondition, "a session must be opened first"},
	"MESSAGE_IS_REJECTED":                      {codes.InvalidArgument, "the client refused the message's content"},
	"QUERY_PROFILE_URL_TO_UPDATE_BEFORE_LOGIN": {codes.Unauthenticated, "the call needs a logged-in session"},
}

// turmsSessionGRPC is the gRPC code of each session close status, which
// has no HTTP status: a judgement, with the reason.
var turmsSessionGRPC = map[string]turmsOverride{
	"ILLEGAL_REQUEST":                {codes.InvalidArgument, "the client sent what the server refuses"},
	"HEARTBEAT_TIMEOUT":              {codes.Unavailable, "the connection went quiet: a transient loss, healed by reconnecting"},
	"LOGIN_TIMEOUT":                  {codes.DeadlineExceeded, "the client did not log in in time"},
	"SWITCH":                         {codes.Unavailable, "the connection is no longer in use; reconnecting resumes"},
	"SERVER_ERROR":                   {codes.Internal, "the server failed"},
	"SERVER_CLOSED":                  {codes.Unavailable, "the server is shutting down"},
	"SERVER_UNAVAILABLE":             {codes.Unavailable, "the server cannot serve now"},
	"CONNECTION_CLOSED":              {codes.Unavailable, "the network dropped the connection"},
	"UNKNOWN_ERROR":                  {codes.Unknown, "the cause is not known"},
	"DISCONNECTED_BY_CLIENT":         {codes.Canceled, "the client itself ended the session"},
	"DISCONNECTED_BY_OTHER_DEVICE":   {codes.Aborted, "a session conflict: another device of the user took over"},
	"DISCONNECTED_BY_ADMIN":          {codes.PermissionDenied, "an administrator revoked the session"},
	"USER_IS_DELETED_OR_INACTIVATED": {codes.Unauthenticated, "the account can no longer log in"},
	"USER_IS_BLOCKED":                {codes.PermissionDenied, "the user or their address is blocked"},
}

// turmsRow is a row of one of the seed's tables, with its category: the
// Category cell is blank on every row but a category's first.
type turmsRow struct {
	category string // the category's text
	class    int32  // the number of the category's first code
	name     string
	num      int32
}

func turmsRows(tab source.Table, what string) ([]turmsRow, error) {
	var (
		rows     []turmsRow
		category string
		class    int32
	)
	for _, row := range tab.Rows { // category | name | number | meaning
		n, err := strconv.Atoi(row[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %s: number %q", turmsSeed, what, row[1], row[2])
		}
		if row[0] != "" {
			category, class = row[0], int32(n)
		}
		if category == "" {
			return nil, fmt.Errorf("%s: %s: %s has no category", turmsSeed, what, row[1])
		}
		rows = append(rows, turmsRow{category: category, class: class, name: row[1], num: int32(n)})
	}
	return rows, nil
}

// turmsCategory is a category of the server codes, split into its parts.
type turmsCategory struct {
	text, area, topic, kind string
	classes                 []int32 // the codes that open it
}

// splitTurmsCategory splits a category's text: "Group - Member Related
// Error" is area Group, topic Member; "Storage Related Error" has no
// topic; the three general categories have neither.
func splitTurmsCategory(text string) (turmsCategory, error) {
	c := turmsCategory{text: text, kind: "ClientError"}
	switch text {
	case "Successful Response":
		c.kind = "Success"
		return c, nil
	case "Client Request Error":
		return c, nil
	case "Server Error":
		c.kind = "ServerError"
		return c, nil
	}
	s, ok := strings.CutSuffix(text, " Related Error")
	if !ok {
		if s, ok = strings.CutSuffix(text, " Error"); !ok {
			return c, fmt.Errorf("category %q: no Error suffix", text)
		}
	}
	c.area, c.topic, _ = strings.Cut(s, " - ")
	if !slices.Contains(turmsAreas, c.area) {
		return c, fmt.Errorf("category %q: area %q is not in turmsAreas", text, c.area)
	}
	return c, nil
}

// identifier turns a category part into a Go identifier suffix: "Cluster
// - Leader" gives ClusterLeader, "JFR" stays JFR.
func identifier(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if w == "-" {
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func turmsRegistries(dir string) ([]*registry, error) {
	tables, err := source.Markdown(filepath.Join(dir, turmsSeed))
	if err != nil {
		return nil, err
	}
	if len(tables) != 3 {
		return nil, fmt.Errorf("%s: %d tables, want 3", turmsSeed, len(tables))
	}
	clientRows, err := turmsRows(tables[0], "client-only codes")
	if err != nil {
		return nil, err
	}
	serverRows, err := turmsRows(tables[1], "common status codes")
	if err != nil {
		return nil, err
	}
	sessionRows, err := turmsRows(tables[2], "SessionCloseStatus")
	if err != nil {
		return nil, err
	}
	httpTSV, err := source.TSV(filepath.Join(dir, turmsHTTP))
	if err != nil {
		return nil, err
	}
	if !slices.Equal(httpTSV.Header, []string{"code", "name", "http_status"}) {
		return nil, fmt.Errorf("%s: header %q", turmsHTTP, httpTSV.Header)
	}
	type httpRow struct {
		name   string
		status int
	}
	httpOf := map[int32]httpRow{}
	for _, row := range httpTSV.Rows {
		n, err := strconv.Atoi(row[0])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: code %q", turmsHTTP, row[1], row[0])
		}
		s, err := strconv.Atoi(row[2])
		if err != nil || s < 100 || s > 599 {
			return nil, fmt.Errorf("%s: %s: status %q", turmsHTTP, row[1], row[2])
		}
		if _, dup := httpOf[int32(n)]; dup {
			return nil, fmt.Errorf("%s: code %d listed twice", turmsHTTP, n)
		}
		httpOf[int32(n)] = httpRow{row[1], s}
	}
	if len(httpOf) != len(serverRows) {
		return nil, fmt.Errorf("%s has %d codes, the seed %d", turmsHTTP, len(httpOf), len(serverRows))
	}

	common := func(r *registry) *registry {
		r.pkg, r.sources = "turms", []string{"testdata/" + turmsSeed, "testdata/" + turmsHTTP}
		r.system, r.domain, r.consts = "turms", turmsDomain, true
		r.docs = map[string]string{}
		return r
	}

	// Code: the server's response codes.
	server := common(&registry{
		codeType: "Code", typeName: "Code",
		errors: true, bucketClasses: true,
		methods: &methods{parse: "ParseCode", list: "Codes", noun: "code", http: true,
			logAttr: `slog.String("category", c.Category().String())`},
		title: "The Turms server's response codes (ResponseStatusCode), with the upstream numbers.",
	})
	var categories []*turmsCategory
	byText := map[string]*turmsCategory{}
	used := map[string]bool{}
	for _, row := range serverRows {
		h, ok := httpOf[row.num]
		if !ok || h.name != row.name {
			return nil, fmt.Errorf("%s: %s (%d) is not in %s as such", turmsSeed, row.name, row.num, turmsHTTP)
		}
		doc := turmsCodeDocs[row.name]
		if doc == "" {
			return nil, fmt.Errorf("%s has no doc comment", row.name)
		}
		g := turmsHTTPToGRPC(h.status)
		if o, ok := turmsGRPCOverrides[row.name]; ok {
			if o.grpc == g {
				return nil, fmt.Errorf("override of %s changes nothing", row.name)
			}
			g = o.grpc
			doc += fmt.Sprintf("\n// Its gRPC code is %s: %s.", grpcName(g), o.why)
			used[row.name] = true
		}
		server.docs[row.name] = doc + fmt.Sprintf("\n// Category %q.", row.category)
		server.entries = append(server.entries, table.Entry{
			Num: row.num, Name: row.name, GoName: camel(row.name), Class: row.class,
			GRPC: g, HTTP: uint16(h.status),
		})
		if row.class == row.num {
			c := byText[row.category]
			if c == nil {
				split, err := splitTurmsCategory(row.category)
				if err != nil {
					return nil, err
				}
				c = &split
				byText[row.category] = c
				categories = append(categories, c)
			}
			c.classes = append(c.classes, row.num)
		}
	}
	for name := range turmsGRPCOverrides {
		if !used[name] {
			return nil, fmt.Errorf("gRPC override of %s: no such code", name)
		}
	}
	server.ok = 1000
	server.fallback = 1200 // SERVER_INTERNAL_ERROR, as Turms answers an unexpected failure

	// ClientCode and SessionCloseStatus: no HTTP status; a gRPC code each.
	local := func(r *registry, rows []turmsRow, prefix string, grpc map[string]turmsOverride, docs map[string]string) error {
		for _, row := range rows {
			g, ok := grpc[row.name]
			if !ok {
				return fmt.Errorf("%s %s has no gRPC code", r.typeName, row.name)
			}
			if docs[row.name] == "" {
				return fmt.Errorf("%s %s has no doc comment", r.typeName, row.name)
			}
			r.docs[row.name] = docs[row.name] +
				fmt.Sprintf("\n// Category %q. Its gRPC code is %s: %s.", row.category, grpcName(g.grpc), g.why)
			r.entries = append(r.entries, table.Entry{
				Num: row.num, Name: row.name, GoName: prefix + camel(row.name), Class: row.class, GRPC: g.grpc,
			})
		}
		if len(grpc) != len(rows) {
			return fmt.Errorf("%s: %d gRPC codes for %d rows", r.typeName, len(grpc), len(rows))
		}
		return nil
	}
	if err := turmsAliases(dir, server); err != nil {
		return nil, err
	}
	server.sources = append(server.sources, "testdata/"+turmsKotlinClient)
	client := common(&registry{
		codeType: "ClientCode", typeName: "ClientCode", varName: "clientRegistry",
		methods: &methods{parse: "ParseClientCode", list: "ClientCodes", noun: "client-only code",
			logAttr: `slog.String("category", c.Category())`},
		title: "The client-only codes, with the upstream numbers: a client rejected the request locally.",
	})
	if err := local(client, clientRows, "Client", turmsClientGRPC, turmsClientDocs); err != nil {
		return nil, err
	}
	session := common(&registry{
		codeType: "SessionCloseStatus", typeName: "SessionCloseStatus", varName: "sessionRegistry",
		methods: &methods{parse: "ParseSessionCloseStatus", list: "SessionCloseStatuses", noun: "close status",
			logAttr: `slog.String("category", c.Category())`},
		title: "The reasons a session closes, with the upstream numbers.",
	})
	if err := local(session, sessionRows, "Close", turmsSessionGRPC, turmsSessionDocs); err != nil {
		return nil, err
	}

	server.extra = func(w *writer) { emitTurmsCategories(w, categories) }
	client.extra = func(w *writer) { emitCategoryText(w, "clientCategory", "ClientCode", clientRows) }
	session.extra = func(w *writer) { emitCategoryText(w, "sessionCategory", "SessionCloseStatus", sessionRows) }
	return []*registry{server, client, session}, nil
}

// emitTurmsCategories writes SourceRevision, the Area and Topic constants,
// the categories and categoryOf.
func emitTurmsCategories(w *writer, categories []*turmsCategory) {
	w.p("")
	w.p("// SourceRevision names the upstream revisions the tables are generated from.")
	w.p("const SourceRevision = %q", turmsRevision)
	w.p("")
	w.p("// The areas of the server codes' categories.")
	w.p("const (")
	for _, a := range turmsAreas {
		w.p("Area%s Area = %q // the %s categories", identifier(a), a, a)
	}
	w.p(")")
	var topics []string
	for _, c := range categories {
		if c.topic != "" && !slices.Contains(topics, c.topic) {
			topics = append(topics, c.topic)
		}
	}
	w.p("")
	w.p("// The topics of the server codes' categories, in the seed's order. One")
	w.p("// topic may appear in several areas (Group and Admin both have a Blocklist).")
	w.p("const (")
	for _, t := range topics {
		w.p("Topic%s Topic = %q", identifier(t), t)
	}
	w.p(")")
	w.p("")
	w.p("// categories lists the seed's categories of server codes, in its order,")
	w.p("// with their text.")
	w.p("var categories = [...]categoryText{")
	for _, c := range categories {
		var parts []string
		if c.area != "" {
			parts = append(parts, "Area: Area"+identifier(c.area))
		}
		if c.topic != "" {
			parts = append(parts, "Topic: Topic"+identifier(c.topic))
		}
		parts = append(parts, "Kind: "+c.kind)
		w.p("{Category{%s}, %q},", strings.Join(parts, ", "), c.text)
	}
	w.p("}")
	w.p("")
	w.p("// categoryOf returns the category the class code opens, or the zero")
	w.p("// Category when class opens none.")
	w.p("func categoryOf(class Code) Category {")
	w.p("switch class {")
	for i, c := range categories {
		nums := make([]string, len(c.classes))
		for j, n := range c.classes {
			nums[j] = strconv.Itoa(int(n))
		}
		w.p("case %s:", strings.Join(nums, ", "))
		w.p("return categories[%d].Category", i)
	}
	w.p("}")
	w.p("return Category{}")
	w.p("}")
}

// emitCategoryText writes a function that returns the seed's category
// text of a class code of rows, or "" when the code opens no category.
func emitCategoryText(w *writer, fn, typ string, rows []turmsRow) {
	w.p("")
	w.p("// %s returns the seed's category of the codes class opens, or \"\".", fn)
	w.p("func %s(class %s) string {", fn, typ)
	w.p("switch class {")
	for _, r := range rows {
		if r.num == r.class {
			w.p("case %d:", r.class)
			w.p("return %q", r.category)
		}
	}
	w.p("}")
	w.p("return \"\"")
	w.p("}")
}
