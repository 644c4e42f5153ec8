// Copyright (c) ghl-iac contributors
// SPDX-License-Identifier: MPL-2.0

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
// -rate-limit, -rate-window, -daily-limit, -crawl-step, -token-ttl, -log-level, -variants). The
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
//     c.badRequest(msg), c.forbidden(msg);
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
//	POST   /voice-ai/agents                                        voice-ai-agents.write, locationId body
//	GET    /voice-ai/agents                                        voice-ai-agents.readonly, locationId query
//	GET    /voice-ai/agents/{agentId}                              voice-ai-agents.readonly, locationId query
//	PATCH  /voice-ai/agents/{agentId}                              voice-ai-agents.write, locationId query
//	DELETE /voice-ai/agents/{agentId}                              voice-ai-agents.write, locationId query
//	POST   /voice-ai/actions                                       voice-ai-agent-goals.write, locationId body
//	GET    /voice-ai/actions/{actionId}                            voice-ai-agent-goals.readonly, locationId query
//	PUT    /voice-ai/actions/{actionId}                            voice-ai-agent-goals.write, locationId body
//	DELETE /voice-ai/actions/{actionId}                            voice-ai-agent-goals.write, locationId query
//	GET    /voice-ai/dashboard/call-logs                           voice-ai-dashboard.readonly, locationId query
//	GET    /voice-ai/dashboard/call-logs/{callId}                  voice-ai-dashboard.readonly, locationId query
//	POST   /users/ (and without the slash)                         users.write, location or agency tokens (users.md)
//	GET    /users/search                                           users.readonly, location or agency tokens, locationId query
//	POST   /users/search/filter-by-email                           users.readonly, agency tokens only
//	GET    /users/{userId}                                         users.readonly, location or agency tokens
//	PUT    /users/{userId}                                         users.write, location or agency tokens
//	DELETE /users/{userId}                                         users.write, location or agency tokens
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
//     followUpHours:false, workingHours:[]; the answer carries the first listed action. A
//     working day's intervals is optional (OAS WorkingHours, SDK 3.1.0: only dayOfTheWeek
//     is required), here and in details.followupSettings: a day sent without it is stored
//     and answered without it (the emulator used to answer 422 "… intervals must be an
//     array").
//   - OAuth: refresh tokens single-use; errors RFC 6749 (invalid_request, invalid_client
//     401, invalid_grant, unsupported_grant_type for client_credentials); a user_type that
//     does not match the refresh token is invalid_grant; authorization codes come from
//     POST /_emulator/oauth/codes. /oauth/locationToken: non-Company caller 401 scope,
//     other company or app not installed 403 location message; the v3 renames
//     (/oauth/location-token, /oauth/installed-locations) are not served.
//   - Counters count every request that reached a route, whatever its answer.
//   - Knowledge bases: 404 "Knowledge base not found"; the 16th is 400 "Maximum of 15
//     knowledge bases per location reached"; description returned; list ordered createdAt
//     asc, activeCount unfiltered, lastKnowledgeBaseId absent on an empty page (an
//     optional string in OAS and SDK 3.1.0; it used to be null), an unknown
//     cursor 422; names must not be blank; DELETE cascades to FAQs, crawl operations,
//     crawled URLs and files and drops the id from agents' knowledgeBaseIds; a default KB
//     (isDefault, only seeded by tests) cannot be deleted (400).
//   - FAQs: 404 "FAQ not found"; trainedUrlId "" (no FAQs are generated from pages);
//     count = every FAQ of the KB even with search; offset applies after lastFaqId; search
//     matches question or answer, case-insensitive; question/answer must not be blank;
//     lastFaqId absent on an empty page (optional string in OAS and SDK 3.1.0; was null).
//   - Crawler (crawler.go has the state machine): one step (Options.CrawlStepDelay, PUT
//     /_emulator/crawler) per phase, computed lazily from the clock; synthetic pages
//     (Exact 1, Path 5, Domain 10), ".invalid" hosts fail discovery, paths containing
//     "restricted" are Restricted, paths containing "fail" fail at ingest; a URL is unique
//     per KB (trailing slash ignored) and "Existing" is shown in the rediscovering
//     operation's aggregate only; Training counts against the 4,000 limit (400 "Maximum
//     of 4000 trained URLs per knowledge base reached"); autoTrain trains up to the limit;
//     the list's query is a case-insensitive substring; DELETE skips unknown ids.
//     Cancelled/Aborted only via POST /_emulator/crawler/operations/{id}/interrupt.
//     A Failed status record's error is a full ErrorDetailsDTO (stack, response, status,
//     message, name: all required in OAS and SDK 3.1.0; stack and response used to be
//     missing): response = message, stack "<name>: <message>\n    at crawl (emulator)".
//   - Files: PROCESSING for one crawl step, then PROCESSED; the type is judged by the
//     extension (.pdf/.doc/.docx); content is not stored; count = matching files.
//   - Conversations: data only from POST /_emulator/seed/conversations (seed.go);
//     numeric message types follow HighLevel's MessageType enum order as community code
//     shows it (TYPE_CALL 1, TYPE_SMS 2, TYPE_EMAIL 3, … TYPE_WHATSAPP 19, TYPE_LIVE_CHAT
//     29); search items add lastMessageDate and sort; startDate/endDate bound
//     lastMessageDate; status recents = all; sortBy accepts its three values and always
//     sorts by the last message date; export cursors are opaque positions, dates ISO or
//     ms, channel absent = every non-email type; 404 wordings "Conversation not found",
//     "Message not found", "Generation not found". The messages list is flat
//     {lastMessageId,nextPage,messages} (OAS d9cbcd5 and SDK 3.1.0
//     GetMessagesByConversationResponseDto; it used to be nested {"messages":{…}}, the
//     messages_nested variant), lastMessageId "" on an empty page (required string; was
//     null); the export's nextCursor is absent on the last page (optional string in OAS
//     and SDK 3.1.0; was null, the null_end_cursors variant).
//   - Official SDK: internal/sdkcheck drives @gohighlevel/api-client 3.1.0 (every
//     conversation-ai, knowledge-base and oauth method, and the conversations reads above)
//     against the emulator and checks each answer against the SDK's declared types; where
//     the contract marks a fact unconfirmed and the SDK's models disagree, the SDK wins.
//   - Generations: 404 when the message has none or its source differs; input and
//     history derived from the conversation unless seeded.
//   - Users (users.md): 404 "User not found"; password rule of OAS-v3 under every Version
//     (422 "password must be at least 12 characters and contain …"); email format checked and
//     unique per company, case-insensitive (400 "User with this email already exists"); email
//     change on PUT 400 "Email update is not supported"; v3-only scopes need Version v3;
//     omitted scopes on create = the whole v1 enum; permissions merge per flag; scopes
//     returned sorted; a location token creates only account users of its own location (403
//     otherwise) and reaches only users of its location (404); an agency token's locationIds
//     must be its company's (422); companyId must be the caller's (403); search limit 25
//     (max 100), ordered by first and last name, queued deletions listed with deleted:true;
//     the password is stored as its SHA-256.
//   - [EXT] scopes: credentials are refused with 403 (their permissions can never hold
//     the scopes.* strings); 422 wordings "name must be shorter than or equal to 100
//     characters", "All permissions's elements must be unique", "locationId cannot be
//     changed"; list startAfter is a scope id (unknown 422); deleting an agent does not
//     change a scope's updatedAt; only the SHA-256 of a credential token is stored.
//   - Voice AI (voiceai*.go, contract voice-ai.md): ids are 24-hex ObjectIds; generated
//     defaults are deterministic (welcome message from the business name, a fixed prompt and
//     voiceId; agentName "My Agent NNN" random); the location's timezone, else
//     America/New_York; PATCH replaces members (objects and arrays whole), null clears only
//     inboundNumber/numberPoolId (422 elsewhere); translation rules checked after the write;
//     actions validated by the schema of their actionType, authenticationValue never
//     answered, actionType/agentId immutable on PUT (422), DELETE needs the owning agentId;
//     agent DELETE cascades to its actions and keeps call logs (isAgentDeleted); lists in
//     creation order (agents) or newest first (call logs), query a case-insensitive
//     substring; call-log filter errors are 400; call logs come from POST
//     /_emulator/seed/voice-call-logs; PUT /_emulator/voice-ai switches omit_optional,
//     underscore_action_ids and response_paths_to_extract; the shared page_size_cap caps both
//     lists.
//
// # API variants (variants.go)
//
// Switches that make the emulator answer another reading of the API that the published
// sources allow, one per ambiguity, so that the provider is tested against each. All off
// by default (the answers above). Turn them on with PUT /_emulator/variants (admin token;
// {"strict":true} = all, page_size_cap 50), emu.SetVariants(StrictVariants()) in process,
// or the binary's -variants flag (e.g. "strict", "strict,-files_v3_only",
// "page_size_cap=50,omit_end_of_list_members"). DELETE /_emulator/variants turns all off.
// They are process configuration (like rate limits), not persisted in the data file.
//
//	switch (JSON name)                 ambiguity: what a client sees                         source
//	page_size_cap=N                    no page maximum is documented: every paged list       §1.5 "Max unconfirmed"; OAS gives no
//	                                   (agents search, KBs, FAQs, crawled URLs, files,       maximum for limit/pageLength (export:
//	                                   conversations, messages, export) returns ≤ N items     500); issue 13
//	                                   whatever limit/pageLength; crawler page p starts at
//	                                   (p-1)*N; end-of-list members stay truthful
//	omit_end_of_list_members           on every page: FAQ list without lastFaqId and         OAS ListFaqsResponseDTO (required:
//	                                   hasMore; KB list without data.lastKnowledgeBaseId     count, faqs), GetAllKnowledgeBases-
//	                                   (hasMore stays: required). The export's nextCursor    PaginatedDataDTO (required:
//	                                   is absent on its last page by default. Required,      knowledgeBases, activeCount, hasMore),
//	                                   so never left out: messages lastMessageId/nextPage,   ExportMessagesResponseDto (messages,
//	                                   search count/totalCount, conversations total,         total), GetMessagesByConversation-
//	                                   crawler count, FAQ count                              ResponseDto, SearchEmployeeResponseDTO
//	null_end_cursors                   a cursor with no value is null instead of absent:     OAS ExportMessagesResponseDto
//	                                   export nextCursor on the last page; messages          nextCursor "Null if no more results";
//	                                   lastMessageId, FAQ lastFaqId, KB lastKnowledgeBase-   the emulator's former answers
//	                                   Id on an empty page
//	actions_grouped_by_type            actions list ordered by type (OAS enum order:         OAS fetchActionsForEmployeeResponseDTO
//	                                   triggerWorkflow, updateContactField,                  data "Grouped actions by type" (an
//	                                   appointmentBooking, stopBot, humanHandOver,           array of ActionDataDTO); §1.5 order
//	                                   advancedFollowup, transferBot), creation order        unconfirmed
//	                                   within a type; still {success,data:[Action]}
//	agent_goal_object                  Agent (POST/GET/PUT) goal = {"prompt":…,"type":       §3.1, §7.5; OAS EmployeeListItemDTO
//	                                   "custom","actionId":null}                             goal (object) vs EmployeeResponseDTO
//	agent_omit_undocumented            Agent without locationId, createdAt, updatedAt;       §3.1 "undocumented on GET"; OAS
//	                                   search items without locationId                       EmployeeResponseDTO, EmployeeListItemDTO
//	omit_write_only_fields             Agent without respondToImages/respondToAudio; KB      §7.4, §3.1, §3.5; §8 "echoed write-only
//	                                   (POST/GET) without description                        fields"
//	primary_not_exclusive              isPrimary:true leaves other agents primary            §3.1, §7.8, §8 "isPrimary exclusivity"
//	agent_put_replaces                 agent PUT is a full replace: omitted optional         §3.1 "PUT: merge (COMM, unconfirmed)",
//	                                   members return to their create defaults (name,        §8 "PUT merge"
//	                                   personality, goal, instructions, isPrimary kept)
//	agent_empty_business_name          businessName "" when never set, instead of absent     §3.1 default "absent (unconfirmed)"
//	reverse_list_order                 agents search oldest first; KBs, FAQs, crawled URLs,  §1.5 "Order (emulator)", §8
//	                                   files newest first; messages oldest first (cursors    "orderings"
//	                                   unchanged: they continue after the last item)
//	conversation_search_no_cursor      search items without sort and lastMessageDate         §3.4; OAS ConversationSchema (neither)
//	conversation_search_oas_items      search items with only the ConversationSchema         §3.4, §8 "conversation shapes"; OAS
//	                                   members (id, contactId, locationId, lastMessageBody,  ConversationSchema
//	                                   lastMessageType, type, unreadCount, fullName,
//	                                   contactName, email, phone)
//	messages_nested                    messages list nested {"messages":{lastMessageId,      §3.4; OAS GetMessagesByConversation-
//	                                   nextPage,messages}} instead of flat                   ResponseDto ≤ de87e88 and LIVE 2025-10
//	                                                                                         (flat at d9cbcd5 and in SDK 3.1.0)
//	discover_rejects_preselected_urls  discover with preSelectedUrls → 422 ["property        §3.5, §7.13; OAS DiscoverWebsiteRequestDTO
//	                                   preSelectedUrls should not exist"]                    has no such member (LIVE only)
//	reject_live_only_fields            422 "property x should not exist" for discover        §3.5, §7.13; OAS DiscoverWebsite-
//	                                   autoTrain, crawler DELETE deleteAll/excludeUrlIds/    RequestDTO, DeleteWebsiteUrlRequestDTO,
//	                                   search, FAQ list offset/search; crawl status needs    list parameters, status operationId
//	                                   operationId (422 "operationId should not be empty")   required
//	discover_no_envelope               discover 201 {operationId,status,url}                 §3.5 LIVE alternative
//	crawl_status_no_envelope           status 200 {aggregate,operationDetails}               §3.5 LIVE alternative
//	crawler_oas_answers                train 201 and crawler DELETE 200 are {success:true}   OAS TrainDiscoveredUrlsResponseDTO,
//	                                   only (no message, urlIds, deletedCount)               DeleteWebsiteUrlResponseDTO; §3.5
//	kb_list_slash_only                 GET/POST /knowledge-bases without the slash → 404     §1.1 (documented with the slash;
//	                                   "Cannot GET /knowledge-bases"                         slash-less unconfirmed)
//	kb_delete_keeps_agent_refs         deleting a KB leaves its id in agents'                §7.9 "may remove", §8 "KB-delete
//	                                   knowledgeBaseIds                                      cascades"
//	files_v3_only                      files routes under a Version other than v3 → 404      §3.5 Files "documented only under
//	                                   "Cannot <METHOD> <path>"                              Version: v3"; §1.2 v3-only paths 404
//
// Tests: variants_test.go (TestVariant*, one per switch; TestVariantsControl for the API).
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
//	PATCH …/followup-settings                 TestFollowupSettingsPatch, TestSDKWorkingHoursWithoutIntervals
//	auth matrix                               TestAuthVersionHeader, TestAuthTokens, TestAuthScopedCredentials
//	rate limits                               TestRateLimitContractDefault, TestRateLimitSmallAndDaily, TestRateLimitControl
//	persistence                               TestPersistRoundTripAndRestart, TestPersistCorruptFileIsRefused, TestBinaryKillDuringWrites
//	control plane                             TestControl*, TestUnknownRoutes
//	GET  /knowledge-bases/                    TestKnowledgeBaseList, TestSDKCursorsNeverNull
//	POST /knowledge-bases/                    TestKnowledgeBaseCRUD, TestKnowledgeBaseLimit, FuzzKnowledgeBody
//	GET  /knowledge-bases/{id}                TestKnowledgeBaseCRUD, TestKnowledgeBaseDeleteCascade
//	PUT  /knowledge-bases/{id}                TestKnowledgeBaseCRUD, FuzzKnowledgeBody
//	DELETE /knowledge-bases/{id}              TestKnowledgeBaseCRUD, TestKnowledgeBaseDeleteCascade
//	GET  /knowledge-bases/faqs                TestFAQPaging, TestFAQCRUD, TestSDKCursorsNeverNull
//	POST /knowledge-bases/faqs                TestFAQCRUD, FuzzKnowledgeBody
//	PUT  /knowledge-bases/faqs/{id}           TestFAQCRUD
//	DELETE /knowledge-bases/faqs/{id}         TestFAQCRUD
//	POST /knowledge-bases/crawler             TestCrawlerLifecycle, TestCrawlerAutoTrainAndFailures, TestCrawlerValidation
//	GET  /knowledge-bases/crawler/status      TestCrawlerLifecycle, TestCrawlerValidation, TestCrawlerPersistence, TestSDKCrawlErrorDetails
//	POST /knowledge-bases/crawler/train       TestCrawlerLifecycle, TestCrawlerTrainLimit, TestCrawlerValidation
//	GET  /knowledge-bases/crawler             TestCrawlerLifecycle, TestCrawlerValidation
//	DELETE /knowledge-bases/crawler           TestCrawlerLifecycle, TestCrawlerValidation
//	POST /knowledge-bases/files               TestFileUploadLifecycle, TestFileUploadErrors
//	GET  /knowledge-bases/files               TestFileUploadLifecycle
//	GET  /knowledge-bases/files/{id}          TestFileUploadLifecycle
//	DELETE /knowledge-bases/files/{id}        TestFileUploadLifecycle
//	GET  /conversations/search                TestConversationSearch
//	GET  /conversations/{id}                  TestConversationGetAndMessages
//	GET  /conversations/{id}/messages         TestConversationGetAndMessages, TestSDKMessagesListFlat
//	GET  /conversations/messages/{id}         TestConversationGetAndMessages
//	GET  /conversations/messages/export       TestMessageExport (10,000 messages, 500 conversations), TestSDKCursorsNeverNull
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
//	control: API variants (variants.go)      TestVariantsControl, TestVariantsParseAndStrict, TestVariantsNotPersisted,
//	                                          TestVariantsStrictFlow, one TestVariant* per switch
//	official SDK 3.1.0 (node, npm)            internal/sdkcheck TestOfficialSDKContract (every conversation-ai, knowledge-base, oauth method; conversations reads)
//	POST /voice-ai/agents                     TestVoiceAIAgentCRUD, TestVoiceAIAgentValidation
//	GET  /voice-ai/agents                     TestVoiceAIAgentListPaging (page cap, Voice AI switches)
//	GET/PATCH/DELETE /voice-ai/agents/{id}    TestVoiceAIAgentCRUD, TestVoiceAIAgentValidation
//	POST/GET/PUT/DELETE /voice-ai/actions…    TestVoiceAIActionsEveryType, TestVoiceAIActionValidation
//	GET  /voice-ai/dashboard/call-logs[/{id}] TestVoiceAICallLogs
//	control: seed voice call logs, switches   TestVoiceAICallLogs, TestVoiceAIAgentListPaging
//	Voice AI persistence                      TestVoiceAIPersistence; official SDK: internal/sdkcheck TestOfficialSDKVoiceAI
//	POST /users/                              TestUserCRUD, TestUserCreateDefaults, TestUserValidation, TestUserTokens, FuzzUserCreate
//	GET  /users/search                        TestUserSearchPaging, TestUserQueuedDelete
//	POST /users/search/filter-by-email        TestUserTokens
//	GET|PUT|DELETE /users/{id}                TestUserCRUD, TestUserTokens, TestUserQueuedDelete
//	control: PUT /_emulator/users             TestUserQueuedDelete (delete_delay_ms: how long a deleted user stays visible)
package emulator
