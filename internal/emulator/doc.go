// Package emulator is a stateful HighLevel API emulator: an independent implementation
// of the API contract api/highlevel-api.md, beside the project's DESIGN.md (it never imports
// internal/client or internal/provider, so a mistake in one is caught by the other).
//
// # Use
//
// In process (tests):
//
//	emu, err := emulator.New(emulator.Options{})
//	srv := httptest.NewServer(emu)
//	boot := emu.Bootstrap(srv.URL) // company, locations + PITs, OAuth app, admin token
//	defer srv.Close(); defer emu.Close()
//
// Standalone: cmd/highlevel-emulator (flags -listen, -data, -bootstrap-out, -locations,
// -rate-limit, -rate-window, -daily-limit, -crawl-step, -token-ttl, -log-level). The
// OAuth refresh token is single-use: Bootstrap (and GET /_emulator/bootstrap, and the
// -bootstrap-out file, which the binary rewrites) always name the current one.
//
// # Model
//
// All state is one State value (state.go) behind one mutex (Emulator.mu). A public
// request goes through serveRoute (router.go): count it, apply injected faults, read the
// body, then under the lock authorise it (auth.go, contract §2.6 steps 1-6), run the
// handler (steps 7-9), and — for a 2xx answer to a non-GET, or a GET that called
// markDirty — persist the whole state to the data file (persist.go: temp file, fsync,
// rename, fsync dir) before the answer is written. So a kill -9 never loses an
// acknowledged write and never leaves a half-written file. Time comes from the emulator
// clock (clock.go: real time plus an offset the control plane advances); handlers use
// c.now.
//
// # Adding an endpoint family
//
// A family lives in its own files (e.g. knowledge*.go) with its state in an embedded
// struct of State and one register function, already wired in buildRouters:
//
//	func (e *Emulator) registerKnowledgeRoutes(mux *http.ServeMux) {
//		// Maps of a state loaded from an older file may be nil: initialise them here
//		// (register functions run after the state is loaded or seeded).
//		if e.st.KnowledgeBases == nil { e.st.KnowledgeBases = map[string]*KnowledgeBase{} }
//		e.handle(mux, "GET /knowledge-bases/{$}", routeOpts{scope: "knowledge-bases.readonly", location: locQuery}, e.listKBs)
//		e.handle(mux, "POST /knowledge-bases/{$}", routeOpts{scope: "knowledge-bases.write", location: locBody}, e.createKB)
//	}
//
// e.handle(mux, pattern, routeOpts, handlerFunc) registers one route. pattern is a Go
// ServeMux pattern with its method ("GET /x/{id}"); literal segments beat wildcards; a
// pattern ending in "/" is a subtree, so use "{$}" for an exact trailing slash and
// register the slash-less path too where the contract accepts both. Unknown routes, and
// known paths with another method, get NestJS's 404 "Cannot GET /x".
//
// routeOpts:
//   - scope: the one OAuth scope the route checks (§2.5; .write never implies .readonly).
//     Required unless noAuth.
//   - accept: token kinds allowed (audLocation, audCompanyOAuth, audCompanyPIT; default
//     audLocation = location PITs, OAuth location tokens, [EXT] scoped credentials). Others
//     get the 401 scope message; a scoped credential gets 403 "Missing permission <scope>
//     for <METHOD> <path>" when the route's scope is not among its permissions.
//   - location: where the request names its locationId (locPath, locQuery, locBody for a
//     JSON member, locForm); a value other than the caller's location is 403 before the
//     handler runs. A missing value is left to the handler's validation (422).
//   - denyRestricted: agent-restricted credentials are refused (403). Any route with an
//     {agentId} wildcard is checked against the credential's agent list automatically.
//   - noAuth: no Version, token or rate limit (only POST /oauth/token).
//   - maxBody: body limit (default 1 MiB; 413 above).
//
// A handlerFunc(c *reqCtx) runs under the lock with c.caller set; it must answer through
// c and never write to the network. reqCtx offers:
//   - c.st (the State), c.now (emulator clock), c.body, c.r (request), c.caller
//     (kind, userType, companyID, locationID, scopes, restricted, agentIDs),
//     c.locationID(), c.query(name), c.path(name);
//   - c.json(status, v): any value; a JSON object gets "traceId" inserted;
//   - c.fail(status, msg), c.invalid(msgs...) (422 array), c.notFound(msg),
//     c.badRequest(msg), c.forbidden(msg), c.failed();
//   - c.object(): parses the body as a JSON object for validation (400 "Bad Request" and
//     nil when malformed); the *obj helpers (validate.go) collect NestJS-style messages:
//     whitelist(fields...) ("property x should not exist"), reqStr/str/nonEmptyStr,
//     reqBool/boolean, reqInt/integer (whole numbers only, bounds), reqEnum/enum,
//     reqStrList/strList, reqObject/object, reqObjList/objList, present/has/isNull; then
//     if !o.errs().ok() { c.invalid(o.errs().msgs...) }. queryInt validates paging
//     parameters.
//   - c.agentAllowed(id) for agent-restricted credentials (filter lists, check ids found
//     in bodies), c.requireLocation(id) when the location is only known late (multipart),
//     c.markDirty() to persist a GET that changed state (e.g. a crawl advanced on read).
//
// Hooks between families: st.hasKnowledgeBase(loc, id) (agents validate
// knowledgeBaseIds), Agent.KnowledgeBaseIDs (the KB family removes deleted ids),
// st.onAgentDeleted(loc, id) (called by agent DELETE), st.lookupScopeCredential(token,
// now) (the auth layer resolves Bearer sct-… through it), e.crawlStep() (crawl step
// delay, set by PUT /_emulator/crawler), st.agentsOf(loc), c.agentOf(id).
//
// # Routes and scopes (contract §2.5)
//
//	POST   /oauth/token                                            none (form; exempt from limits)
//	POST   /oauth/locationToken                                    oauth.write, Company OAuth only (form)
//	GET    /oauth/installedLocations                               oauth.readonly, Company OAuth only
//	GET    /locations/{locationId}                                 locations.readonly, location or agency tokens
//	POST   /conversation-ai/agents                                 conversation-ai.write
//	GET    /conversation-ai/agents/search                          conversation-ai.readonly
//	GET    /conversation-ai/agents/{agentId}                       conversation-ai.readonly
//	PUT    /conversation-ai/agents/{agentId}                       conversation-ai.write
//	DELETE /conversation-ai/agents/{agentId}                       conversation-ai.write
//	POST   /conversation-ai/agents/{agentId}/actions               conversation-ai.write
//	GET    /conversation-ai/agents/{agentId}/actions/list          conversation-ai.readonly
//	GET    /conversation-ai/agents/{agentId}/actions/{actionId}    conversation-ai.readonly
//	PUT    /conversation-ai/agents/{agentId}/actions/{actionId}    conversation-ai.write
//	DELETE /conversation-ai/agents/{agentId}/actions/{actionId}    conversation-ai.write
//	PATCH  /conversation-ai/agents/{agentId}/followup-settings     conversation-ai.write
//
//	GET    /knowledge-bases/ (and without the slash)               knowledge-bases.readonly, locationId query
//	POST   /knowledge-bases/ (and without the slash)               knowledge-bases.write, locationId body
//	GET    /knowledge-bases/{knowledgeBaseId}                      knowledge-bases.readonly
//	PUT    /knowledge-bases/{knowledgeBaseId}                      knowledge-bases.write
//	DELETE /knowledge-bases/{knowledgeBaseId}                      knowledge-bases.write
//	GET    /knowledge-bases/faqs                                   knowledge-bases.readonly, locationId query
//	POST   /knowledge-bases/faqs                                   knowledge-bases.write, locationId body
//	PUT    /knowledge-bases/faqs/{faqId}                           knowledge-bases.write
//	DELETE /knowledge-bases/faqs/{faqId}                           knowledge-bases.write
//	POST   /knowledge-bases/crawler                                knowledge-bases.write, locationId body
//	GET    /knowledge-bases/crawler/status                         knowledge-bases.readonly, locationId query
//	POST   /knowledge-bases/crawler/train                          knowledge-bases.write, locationId body
//	GET    /knowledge-bases/crawler                                knowledge-bases.readonly, locationId query
//	DELETE /knowledge-bases/crawler (JSON body)                    knowledge-bases.write, locationId body
//	POST   /knowledge-bases/files (multipart)                      knowledge-bases.write, locationId part (handler)
//	GET    /knowledge-bases/files                                  knowledge-bases.readonly, locationId query
//	GET    /knowledge-bases/files/{fileId}                         knowledge-bases.readonly
//	DELETE /knowledge-bases/files/{fileId}                         knowledge-bases.write
//	GET    /conversations/search                                   conversations.readonly, locationId query
//	GET    /conversations/{conversationId}                         conversations.readonly
//	GET    /conversations/{conversationId}/messages                conversations/message.readonly (pattern …/{child})
//	GET    /conversations/messages/{messageId}                     conversations/message.readonly
//	GET    /conversations/messages/export                          conversations/message.readonly, locationId query
//	GET    /conversation-ai/generations                            conversation-ai.readonly
//	POST   /conversation-ai/scopes                                 conversation-ai/scopes.write [EXT], locationId body
//	GET    /conversation-ai/scopes                                 conversation-ai/scopes.readonly [EXT], locationId query
//	GET    /conversation-ai/scopes/{scopeId}                       conversation-ai/scopes.readonly [EXT]
//	PUT    /conversation-ai/scopes/{scopeId}                       conversation-ai/scopes.write [EXT]
//	DELETE /conversation-ai/scopes/{scopeId}                       conversation-ai/scopes.write [EXT]
//	POST   /conversation-ai/scopes/{scopeId}/credentials           conversation-ai/scopes.write [EXT]
//	GET    /conversation-ai/scopes/{scopeId}/credentials           conversation-ai/scopes.readonly [EXT]
//	GET    …/credentials/{credentialId}                            conversation-ai/scopes.readonly [EXT]
//	DELETE …/credentials/{credentialId}                            conversation-ai/scopes.write [EXT]
//
// Go's ServeMux refuses the overlapping pair "GET /conversations/{id}/messages" and
// "GET /conversations/messages/{id}", so the message list is registered as
// "GET /conversations/{conversationId}/{child}" (a NestJS 404 unless child is
// "messages"); counters, fault rules and "Missing permission" messages name that pattern.
//
// # Emulator choices where the contract says "unconfirmed"
//
//   - 404 wording "Agent not found" / "Action not found"; 429 body "Too Many Requests";
//     Retry-After = seconds to the window end (≥1); no rate-limit headers when limits are off.
//   - Rate limits: fixed window opened by the first request per (app, resource); app = PIT
//     id, OAuth client_id or credential id; daily count resets 00:00 UTC.
//   - Agents: PUT merges; null = omitted (sleepTime/sleepTimeUnit: null = indefinite);
//     unknown fields 422; isPrimary:true clears the location's other agents, explicit
//     isPrimary:false on the first agent is honoured; a sleepTime number needs a unit;
//     time amounts are whole and ≥ 0; search: createdAt desc then id desc, default limit
//     20, max 100, query is a case-sensitive substring of the lowercased name, an unknown
//     startAfter is 422; businessName absent until set; channels and knowledgeBaseIds
//     de-duplicated in order.
//   - Actions: type immutable (422 "type cannot be changed"); transferAgent/transferToBot
//     must be another agent of the location (422); list in creation order; "R (default
//     false)" fields are optional with that default; customMessage required when
//     aiEnabledMessage is false; an omitted details.followupSettings is kept on PUT
//     (the follow-up PATCH manages it). Creating or deleting an action does not change
//     the agent's updatedAt.
//   - Follow-up PATCH: each action must be an advancedFollowup action of the agent (422);
//     settings replaced whole with defaults dynamicChannelSwitching:true,
//     followUpHours:false, workingHours:[]; the answer carries the first listed action.
//   - OAuth: refresh tokens single-use; errors RFC 6749 (invalid_request, invalid_client
//     401, invalid_grant, unsupported_grant_type for client_credentials); a user_type that
//     does not match the refresh token is invalid_grant; authorization codes come from
//     POST /_emulator/oauth/codes. /oauth/locationToken: non-Company caller 401 scope,
//     other company or app not installed 403 location message; the v3 renames
//     (/oauth/location-token, /oauth/installed-locations) are not served.
//   - Counters count every request that reached a route, whatever its answer.
//   - Knowledge bases: 404 "Knowledge base not found"; the 16th is 400 "Maximum of 15
//     knowledge bases per location reached"; description returned; list ordered createdAt
//     asc, activeCount unfiltered, lastKnowledgeBaseId null on an empty page, an unknown
//     cursor 422; names must not be blank; DELETE cascades to FAQs, crawl operations,
//     crawled URLs and files and drops the id from agents' knowledgeBaseIds; a default KB
//     (isDefault, only seeded by tests) cannot be deleted (400).
//   - FAQs: 404 "FAQ not found"; trainedUrlId "" (no FAQs are generated from pages);
//     count = every FAQ of the KB even with search; offset applies after lastFaqId; search
//     matches question or answer, case-insensitive; question/answer must not be blank.
//   - Crawler (crawler.go has the state machine): one step (Options.CrawlStepDelay, PUT
//     /_emulator/crawler) per phase, computed lazily from the clock; synthetic pages
//     (Exact 1, Path 5, Domain 10), ".invalid" hosts fail discovery, paths containing
//     "restricted" are Restricted, paths containing "fail" fail at ingest; a URL is unique
//     per KB (trailing slash ignored) and "Existing" is shown in the rediscovering
//     operation's aggregate only; Training counts against the 4,000 limit (400 "Maximum
//     of 4000 trained URLs per knowledge base reached"); autoTrain trains up to the limit;
//     the list's query is a case-insensitive substring; DELETE skips unknown ids.
//     Cancelled/Aborted only via POST /_emulator/crawler/operations/{id}/interrupt.
//   - Files: PROCESSING for one crawl step, then PROCESSED; the type is judged by the
//     extension (.pdf/.doc/.docx); content is not stored; count = matching files.
//   - Conversations: data only from POST /_emulator/seed/conversations (seed.go);
//     numeric message types follow HighLevel's MessageType enum order as community code
//     shows it (TYPE_CALL 1, TYPE_SMS 2, TYPE_EMAIL 3, … TYPE_WHATSAPP 19, TYPE_LIVE_CHAT
//     29); search items add lastMessageDate and sort; startDate/endDate bound
//     lastMessageDate; status recents = all; sortBy accepts its three values and always
//     sorts by the last message date; export cursors are opaque positions, dates ISO or
//     ms, channel absent = every non-email type; 404 wordings "Conversation not found",
//     "Message not found", "Generation not found".
//   - Generations: 404 when the message has none or its source differs; input and
//     history derived from the conversation unless seeded.
//   - [EXT] scopes: credentials are refused with 403 (their permissions can never hold
//     the scopes.* strings); 422 wordings "name must be shorter than or equal to 100
//     characters", "All permissions's elements must be unique", "locationId cannot be
//     changed"; list startAfter is a scope id (unknown 422); deleting an agent does not
//     change a scope's updatedAt; only the SHA-256 of a credential token is stored.
//
// # Endpoints and their tests
//
//	POST /oauth/token                         TestAuthOAuthFlow, TestOAuthTokenErrors
//	POST /oauth/locationToken                 TestAuthOAuthFlow, TestAuthTokens
//	GET  /oauth/installedLocations            TestOAuthInstalledLocations
//	GET  /locations/{locationId}              TestAuthTokens, TestControlClockCrawlerLocations
//	POST /conversation-ai/agents              TestAgentCRUD, TestAgentCreateValidation, FuzzAgentCreate
//	GET  /conversation-ai/agents/search       TestAgentSearchPagination
//	GET  /conversation-ai/agents/{id}         TestAgentCRUD, TestAgentOfAnotherLocationIsNotFound
//	PUT  /conversation-ai/agents/{id}         TestAgentCRUD, TestAgentUpdateErrors, TestAgentSleepChannelsAndNulls
//	DELETE /conversation-ai/agents/{id}       TestAgentCRUD, TestActionCRUDEveryType (cascade)
//	POST …/actions                            TestActionCRUDEveryType, TestActionValidation, FuzzActionCreate
//	GET  …/actions/list                       TestActionCRUDEveryType
//	GET  …/actions/{actionId}                 TestActionCRUDEveryType, TestActionValidation
//	PUT  …/actions/{actionId}                 TestActionCRUDEveryType, TestActionValidation
//	DELETE …/actions/{actionId}               TestActionCRUDEveryType
//	PATCH …/followup-settings                 TestFollowupSettingsPatch
//	auth matrix                               TestAuthVersionHeader, TestAuthTokens, TestAuthScopedCredentials
//	rate limits                               TestRateLimitContractDefault, TestRateLimitSmallAndDaily, TestRateLimitControl
//	persistence                               TestPersistRoundTripAndRestart, TestPersistCorruptFileIsRefused, TestBinaryKillDuringWrites
//	control plane                             TestControl*, TestUnknownRoutes
//	GET  /knowledge-bases/                    TestKnowledgeBaseList
//	POST /knowledge-bases/                    TestKnowledgeBaseCRUD, TestKnowledgeBaseLimit, FuzzKnowledgeBody
//	GET  /knowledge-bases/{id}                TestKnowledgeBaseCRUD, TestKnowledgeBaseDeleteCascade
//	PUT  /knowledge-bases/{id}                TestKnowledgeBaseCRUD, FuzzKnowledgeBody
//	DELETE /knowledge-bases/{id}              TestKnowledgeBaseCRUD, TestKnowledgeBaseDeleteCascade
//	GET  /knowledge-bases/faqs                TestFAQPaging, TestFAQCRUD
//	POST /knowledge-bases/faqs                TestFAQCRUD, FuzzKnowledgeBody
//	PUT  /knowledge-bases/faqs/{id}           TestFAQCRUD
//	DELETE /knowledge-bases/faqs/{id}         TestFAQCRUD
//	POST /knowledge-bases/crawler             TestCrawlerLifecycle, TestCrawlerAutoTrainAndFailures, TestCrawlerValidation
//	GET  /knowledge-bases/crawler/status      TestCrawlerLifecycle, TestCrawlerValidation, TestCrawlerPersistence
//	POST /knowledge-bases/crawler/train       TestCrawlerLifecycle, TestCrawlerTrainLimit, TestCrawlerValidation
//	GET  /knowledge-bases/crawler             TestCrawlerLifecycle, TestCrawlerValidation
//	DELETE /knowledge-bases/crawler           TestCrawlerLifecycle, TestCrawlerValidation
//	POST /knowledge-bases/files               TestFileUploadLifecycle, TestFileUploadErrors
//	GET  /knowledge-bases/files               TestFileUploadLifecycle
//	GET  /knowledge-bases/files/{id}          TestFileUploadLifecycle
//	DELETE /knowledge-bases/files/{id}        TestFileUploadLifecycle
//	GET  /conversations/search                TestConversationSearch
//	GET  /conversations/{id}                  TestConversationGetAndMessages
//	GET  /conversations/{id}/messages         TestConversationGetAndMessages
//	GET  /conversations/messages/{id}         TestConversationGetAndMessages
//	GET  /conversations/messages/export       TestMessageExport (10,000 messages, 500 conversations)
//	GET  /conversation-ai/generations         TestGenerations, TestCredentialEnforcement
//	POST /conversation-ai/scopes              TestScopeCRUD, TestScopeValidation, FuzzKnowledgeBody
//	GET  /conversation-ai/scopes              TestScopeList
//	GET  /conversation-ai/scopes/{id}         TestScopeCRUD
//	PUT  /conversation-ai/scopes/{id}         TestScopeCRUD, TestScopeValidation
//	DELETE /conversation-ai/scopes/{id}       TestScopeCRUD, TestCredentialLifecycle
//	POST …/scopes/{id}/credentials            TestCredentialLifecycle
//	GET  …/scopes/{id}/credentials            TestCredentialLifecycle
//	GET  …/credentials/{credentialId}         TestCredentialLifecycle
//	DELETE …/credentials/{credentialId}       TestCredentialLifecycle
//	[EXT] enforcement of sct- credentials     TestCredentialEnforcement, TestCredentialLifecycle, TestCredentialSecretsNotPersisted
//	control: seed conversations, interrupt    TestSeedConversationsControl, TestCrawlerAutoTrainAndFailures
package emulator
