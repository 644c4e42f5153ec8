'use strict';
// sdkcheck.js: drives HighLevel's official Node SDK (@gohighlevel/api-client) against the
// emulator and checks every answer against the response type the SDK declares.
//
//   node sdkcheck.js <config.json>
//
// config.json (written by sdkcheck_test.go): sdkDir (holds node_modules/@gohighlevel/
// api-client), baseUrl, adminToken, companyId, agencyToken, clientId, clientSecret,
// refreshToken, locationId, locationPIT, otherLocId, reportFile.
//
// Every method of the SDK's ConversationAi, KnowledgeBase and Oauth classes is called, and
// the read methods of Conversations that the contract covers (§3.4); every other method of
// those four classes is listed in SKIPPED with the reason. A method that is neither called
// nor skipped is a failure, so a new SDK version cannot add a method unnoticed.
//
// Types come from the SDK itself: the return type of each method is read from the
// service's .d.ts (Promise<Models.X>) and X from models/*.d.ts. Request bodies are checked
// strictly against their model before they are sent (no member the model lacks, every
// required member, declared types). Answers are checked loosely (extra members allowed):
// every required member present and not null, every present member of its declared type
// (null only where the type says so). Where the SDK declares `any` but the official
// OpenAPI file has a $ref (allOf flattened by the generator), REFINED names the model
// the value is checked against as well.

const fs = require('fs');
const path = require('path');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sdkRoot = path.join(cfg.sdkDir, 'node_modules', '@gohighlevel', 'api-client');
const sdk = require(sdkRoot);
const sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkRoot, 'package.json'), 'utf8')).version;
const codeDir = path.join(sdkRoot, 'dist', 'lib', 'code');

// ---------------------------------------------------------------------------------------
// Types from the SDK's declaration files.

const SERVICES = {
  conversationAi: { dir: 'conversation-ai', cls: 'ConversationAi' },
  knowledgeBase: { dir: 'knowledge-base', cls: 'KnowledgeBase' },
  conversations: { dir: 'conversations', cls: 'Conversations' },
  oauth: { dir: 'oauth', cls: 'Oauth' },
};

function parseModels(file) {
  const src = fs.readFileSync(file, 'utf8');
  const models = {};
  const re = /export interface (\w+) \{([^}]*)\}/g;
  let m;
  while ((m = re.exec(src))) {
    const members = {};
    for (const line of m[2].split('\n')) {
      const mm = /^\s*(\w+)(\?)?:\s*(.+?);\s*$/.exec(line);
      if (mm) members[mm[1]] = { optional: !!mm[2], type: mm[3] };
    }
    models[m[1]] = members;
  }
  return models;
}

// parseService returns {method: returnTypeName} from the class declaration (the model name of
// Promise<Models.X>, 'any' for Promise<any>, the literal text otherwise).
function parseService(file) {
  const src = fs.readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const out = {};
  // One chunk per member declaration: each starts on a line indented by 4 spaces.
  for (const chunk of src.split(/\n(?= {4}\w)/)) {
    const m = /^ {4}(\w+)\(([\s\S]*)\):\s*([^;]+);\s*$/.exec(chunk.split(/\n\}/)[0]);
    if (!m || m[1] === 'constructor') continue;
    const ret = m[3].trim();
    const mm = /^Promise<Models\.(\w+)>$/.exec(ret);
    out[m[1]] = mm ? mm[1] : ret === 'Promise<any>' ? 'any' : ret;
  }
  return out;
}

const MODELS = {};
const DECLARED = {};
for (const [svc, d] of Object.entries(SERVICES)) {
  Object.assign(MODELS, parseModels(path.join(codeDir, d.dir, 'models', d.dir + '.d.ts')));
  DECLARED[svc] = parseService(path.join(codeDir, d.dir, d.dir + '.d.ts'));
}

// REFINED: members the SDK types as `any` whose official OpenAPI schema is a $ref
// (GoHighLevel/highlevel-api-docs apps/{conversation-ai,knowledge-base}.json: allOf [$ref]
// or an array of $ref). The value must match the referenced model as well.
const REFINED = {
  'createActionResponseDTO.data': 'ActionDataDTO',
  'fetchActionDetailsResponseDTO.data': 'ActionDataDTO',
  'updateActionResponseDTO.data': 'ActionDataDTO',
  'deleteActionResponseDTO.data': 'DeleteActionDataDTO',
  'advancedFollowupDto.followupSettings': 'FollowupSettings',
  'CreateFaqResponseDTO.faq': 'FaqResponseDTO',
  'CrawlingRecordDTO.error': 'ErrorDetailsDTO',
  'CrawlingStatusDataDTO.operationDetails': 'OperationDetailsDTO',
  'CrawlingStatusResponseDTO.data': 'CrawlingStatusDataDTO',
  'DiscoverWebsiteResponseDTO.data': 'DiscoverWebsiteDataDTO',
  'GetAllKnowledgeBasesPaginatedResponseDTO.data': 'GetAllKnowledgeBasesPaginatedDataDTO',
  'GetKnowledgeBaseByIdDataDTO.kbMetadata': 'KnowledgeBaseMetadataDTO',
  'GetKnowledgeBaseByIdResponseDTO.data': 'GetKnowledgeBaseByIdDataDTO',
  'KnowledgeBaseDataDTO.kbMetadata': 'KnowledgeBaseMetadataDTO',
  'CreateKnowledgeBaseResponseDTO.data': 'KnowledgeBaseDataDTO',
};
// An action's details: "For TRIGGER_WORKFLOW use triggerWorkflowDto, …" (OAS ActionDataDTO).
const DETAILS_BY_TYPE = {
  triggerWorkflow: 'triggerWorkflowDto',
  updateContactField: 'updateContactFieldDto',
  appointmentBooking: 'appointmentBookingDto',
  stopBot: 'stopBotDto',
  humanHandOver: 'humanHandOverDto',
  advancedFollowup: 'advancedFollowupDto',
  transferBot: 'transferBotDto',
};

function splitUnion(t) {
  return t.split('|').map((s) => s.trim()).filter(Boolean);
}

// check validates v against the type expression t; strict forbids members a model lacks.
function check(v, t, at, errs, strict, model, member) {
  const alts = splitUnion(t);
  if (alts.length > 1) {
    for (const a of alts) {
      const e = [];
      check(v, a, at, e, strict);
      if (!e.length) return;
    }
    errs.push(`${at}: ${show(v)} is none of ${t}`);
    return;
  }
  if (t === 'any' || t === 'unknown') {
    const refined = model && REFINED[model + '.' + member];
    if (refined && v !== undefined) check(v, refined, at, errs, strict);
    return;
  }
  if (t.endsWith('[]')) {
    if (!Array.isArray(v)) return void errs.push(`${at}: ${show(v)} is not an array (${t})`);
    v.forEach((x, i) => check(x, t.slice(0, -2), `${at}[${i}]`, errs, strict));
    return;
  }
  switch (t) {
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof v !== t) errs.push(`${at}: ${show(v)} is not a ${t}`);
      else if (t === 'number' && !Number.isFinite(v)) errs.push(`${at}: ${v} is not a finite number`);
      return;
    case 'null':
      if (v !== null) errs.push(`${at}: ${show(v)} is not null`);
      return;
  }
  const members = MODELS[t];
  if (!members) return void errs.push(`${at}: the SDK's type ${t} is unknown to this script`);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return void errs.push(`${at}: ${show(v)} is not an object (${t})`);
  }
  for (const [k, d] of Object.entries(members)) {
    const has = Object.prototype.hasOwnProperty.call(v, k) && v[k] !== undefined;
    if (!has) {
      if (!d.optional) errs.push(`${at}.${k}: required member of ${t} is missing`);
      continue;
    }
    check(v[k], d.type, `${at}.${k}`, errs, strict, t, k);
  }
  if (t === 'ActionDataDTO' && DETAILS_BY_TYPE[v.type] && v.details !== undefined) {
    check(v.details, DETAILS_BY_TYPE[v.type], `${at}.details`, errs, strict);
  }
  if (strict) {
    for (const k of Object.keys(v)) {
      if (!members[k]) errs.push(`${at}.${k}: ${t} has no member ${k}`);
    }
  }
}

function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 80 ? s.slice(0, 80) + '…' : s;
}

// ---------------------------------------------------------------------------------------
// Calls.

const report = { sdkVersion, called: 0, passed: 0, calls: [], skipped: [], problems: [] };
const calledMethods = new Set();
let lastHTTP = null;

function instrument(hl) {
  const http = hl.getHttpClient();
  http.interceptors.request.use((c) => {
    lastHTTP = { method: (c.method || '').toUpperCase(), url: c.url, params: c.params, body: c.data, version: c.headers && c.headers.Version };
    return c;
  });
  http.interceptors.response.use(
    (r) => { if (lastHTTP) lastHTTP.status = r.status; return r; },
    (e) => { if (lastHTTP && e.response) lastHTTP.status = e.response.status; return Promise.reject(e); },
  );
  return hl;
}

function newClient(config) {
  // The SDK has no base URL option: every service request goes through one axios instance
  // whose baseURL is the static HighLevel.BASE_URL. Point that instance at the emulator.
  const hl = new sdk.HighLevel({ logLevel: 'error', ...config });
  hl.getHttpClient().defaults.baseURL = cfg.baseUrl;
  return instrument(hl);
}

// call invokes svc.method(...args), checks the answer against the declared type and records
// the result. body (optional) is the request model name: the last argument is checked
// strictly against it first. Returns the answer (undefined on failure).
async function call(client, svc, method, args, opts = {}) {
  const declared = opts.declared || DECLARED[svc][method];
  const rec = { method: `${svc}.${method}`, note: opts.note || '', declared: declared || '(undeclared)', request: args, http: null, status: 0, answer: null, errors: [] };
  report.calls.push(rec);
  report.called++;
  calledMethods.add(`${svc}.${method}`);
  if (opts.body) check(args[args.length - 1], opts.body, 'request', rec.errors, true);
  lastHTTP = null;
  let answer;
  try {
    answer = await client[svc][method](...args);
    rec.http = lastHTTP;
    rec.status = (lastHTTP && lastHTTP.status) || 0;
    rec.answer = answer === undefined ? null : answer;
  } catch (e) {
    rec.http = lastHTTP;
    rec.status = e.statusCode || (lastHTTP && lastHTTP.status) || 0;
    rec.answer = e.response !== undefined ? e.response : String(e && e.message);
    rec.errors.push(`the call failed: ${e && e.message}`);
    return undefined;
  }
  if (opts.expectStatus && rec.status !== opts.expectStatus) rec.errors.push(`status ${rec.status}, want ${opts.expectStatus}`);
  if (!declared) rec.errors.push(`no declared response type for ${svc}.${method}`);
  else if (declared !== 'any') check(answer, declared, 'answer', rec.errors, false);
  if (opts.extra) {
    try { opts.extra(answer, rec.errors); } catch (e) { rec.errors.push(`check threw: ${e.message}`); }
  }
  if (!rec.errors.length) report.passed++;
  return answer;
}

// canon is JSON with sorted object keys, for comparing values whatever their key order.
function canon(v) {
  if (Array.isArray(v)) return '[' + v.map(canon).join(',') + ']';
  if (v && typeof v === 'object') return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canon(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

function expect(cond, msg) {
  return (a, errs) => { if (!cond(a)) errs.push(msg); };
}

async function control(method, p, body) {
  const r = await fetch(cfg.baseUrl + p, {
    method,
    headers: { Authorization: 'Bearer ' + cfg.adminToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`control ${method} ${p}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// Methods of the four services that this contract does not cover. The conversations
// service has many write and media routes; contract §3.4 covers only the read-only export
// use case, and the emulator serves none of these (they would answer 404 "Cannot …").
const CONV_SKIP = 'not in the contract: §3.4 covers the read-only conversations export (search, get, messages, message by id, export); the emulator does not serve it';
const SKIPPED = {
  'conversations.updateConversation': 'write route; ' + CONV_SKIP,
  'conversations.deleteConversation': 'write route; ' + CONV_SKIP,
  'conversations.createConversation': 'write route; ' + CONV_SKIP,
  'conversations.getAllCustomSubtypes': 'custom conversation subtypes; ' + CONV_SKIP,
  'conversations.createCustomSubtype': 'custom conversation subtypes (write); ' + CONV_SKIP,
  'conversations.updateCustomSubtype': 'custom conversation subtypes (write); ' + CONV_SKIP,
  'conversations.getContactUnsubscriptionStatus': 'email subscription status; ' + CONV_SKIP,
  'conversations.userSubscriptionChange': 'email subscription change (write); ' + CONV_SKIP,
  'conversations.getEmailById': 'email messages (/conversations/messages/email/{id}); ' + CONV_SKIP,
  'conversations.cancelScheduledEmailMessage': 'scheduled email (write); ' + CONV_SKIP,
  'conversations.sendANewMessage': 'sends a message (write); ' + CONV_SKIP,
  'conversations.addAnInboundMessage': 'adds a message (write); ' + CONV_SKIP,
  'conversations.addAnOutboundMessage': 'adds a message (write); ' + CONV_SKIP,
  'conversations.sendReviewReply': 'review reply (write); ' + CONV_SKIP,
  'conversations.cancelScheduledMessage': 'scheduled message (write); ' + CONV_SKIP,
  'conversations.uploadFileAttachments': 'attachment upload (write); ' + CONV_SKIP,
  'conversations.initiateFileUpload': 'attachment upload (write); ' + CONV_SKIP,
  'conversations.completeFileUpload': 'attachment upload (write); ' + CONV_SKIP,
  'conversations.updateMessageStatus': 'message status (write); ' + CONV_SKIP,
  'conversations.addMessageAttachments': 'message attachments (write); ' + CONV_SKIP,
  'conversations.getMessageRecording': 'call recordings (audio); ' + CONV_SKIP,
  'conversations.getMessageTranscription': 'call transcriptions; ' + CONV_SKIP,
  'conversations.downloadMessageTranscription': 'call transcriptions (file download); ' + CONV_SKIP,
  'conversations.liveChatAgentTyping': 'live-chat typing indicator (write); ' + CONV_SKIP,
};

async function main() {
  const L = cfg.locationId;
  const pit = newClient({ privateIntegrationToken: cfg.locationPIT });

  // ---- knowledge bases (created first: agents reference one) ----
  const kbBody = { name: 'SDK Contract KB', description: 'created by the official SDK', locationId: L };
  const kb = await call(pit, 'knowledgeBase', 'createKnowledgeBase', [kbBody], { body: 'CreateKnowledgeBaseDTO', expectStatus: 201 });
  const kbId = kb && kb.data && kb.data.id;
  const kb2 = await call(pit, 'knowledgeBase', 'createKnowledgeBase', [{ name: 'SDK KB minimal', locationId: L }], { body: 'CreateKnowledgeBaseDTO', note: 'required members only' });
  const kb2Id = kb2 && kb2.data && kb2.data.id;
  await call(pit, 'knowledgeBase', 'getKnowledgeBaseById', [{ knowledgeBaseId: kbId }], {
    extra: expect((a) => a.data.id === kbId && a.data.locationId === L, 'data.id/locationId do not name the knowledge base'),
  });
  await call(pit, 'knowledgeBase', 'updateKnowledgeBase', [{ id: kbId }, { name: 'SDK Contract KB renamed', description: 'updated' }], { body: 'UpdateKnowledgeBaseDTO' });
  await call(pit, 'knowledgeBase', 'updateKnowledgeBase', [{ id: kb2Id }, { description: 'only a description' }], { body: 'UpdateKnowledgeBaseDTO', note: 'partial' });
  const page1 = await call(pit, 'knowledgeBase', 'listAllKnowledgeBasesPaginated', [{ locationId: L, limit: 1 }], {
    note: 'first page of one',
    extra: expect((a) => a.data.knowledgeBases.length === 1 && a.data.hasMore === true, 'want one knowledge base and hasMore'),
  });
  const last = page1 && page1.data.lastKnowledgeBaseId;
  const page2 = await call(pit, 'knowledgeBase', 'listAllKnowledgeBasesPaginated', [{ locationId: L, limit: 1, lastKnowledgeBaseId: last }], { note: 'second (last full) page' });
  await call(pit, 'knowledgeBase', 'listAllKnowledgeBasesPaginated', [{ locationId: L, limit: 1, lastKnowledgeBaseId: page2 && page2.data.lastKnowledgeBaseId }], {
    note: 'empty page after the last',
    extra: expect((a) => a.data.knowledgeBases.length === 0 && a.data.hasMore === false, 'want an empty last page'),
  });
  await call(pit, 'knowledgeBase', 'listAllKnowledgeBasesPaginated', [{ locationId: L, query: 'renamed' }], {
    note: 'query',
    extra: expect((a) => a.data.knowledgeBases.length === 1, 'query "renamed" should match one knowledge base'),
  });

  // FAQs
  const faqIds = [];
  for (const [q, a] of [['What are your hours?', 'Nine to five.'], ['Do you deliver?', 'Yes, within 10 miles.'], ['Refunds?', 'Within 30 days.']]) {
    const r = await call(pit, 'knowledgeBase', 'create', [{ locationId: L, knowledgeBaseId: kbId, question: q, answer: a }], { body: 'AddFaqDTO', expectStatus: 201 });
    if (r && r.faq) faqIds.push(r.faq.id);
  }
  const faqs1 = await call(pit, 'knowledgeBase', 'list', [{ knowledgeBaseId: kbId, locationId: L, limit: 2 }], {
    note: 'first page',
    extra: expect((a) => a.faqs.length === 2 && a.count === 3, 'want 2 FAQs of 3'),
  });
  const faqs2 = await call(pit, 'knowledgeBase', 'list', [{ knowledgeBaseId: kbId, locationId: L, limit: 2, lastFaqId: faqs1 && faqs1.lastFaqId }], {
    note: 'last page',
    extra: expect((a) => a.faqs.length === 1, 'want the third FAQ'),
  });
  await call(pit, 'knowledgeBase', 'list', [{ knowledgeBaseId: kbId, locationId: L, limit: 2, lastFaqId: faqs2 && faqs2.lastFaqId }], {
    note: 'empty page after the last',
    extra: expect((a) => a.faqs.length === 0, 'want no FAQs'),
  });
  await call(pit, 'knowledgeBase', 'list', [{ knowledgeBaseId: kb2Id, locationId: L }], { note: 'knowledge base without FAQs' });
  await call(pit, 'knowledgeBase', 'update', [{ id: faqIds[0] }, { question: 'What are your opening hours?', answer: 'Nine to five, Monday to Friday.' }], { body: 'UpdateFaqBodyDTO' });
  await call(pit, 'knowledgeBase', 'delete', [{ id: faqIds[2] }]);

  // Website crawler
  const disc = await call(pit, 'knowledgeBase', 'discoverWebsite', [{ locationId: L, url: 'https://docs.example.com/guide', option: 'Path', knowledgeBaseId: kbId }], { body: 'DiscoverWebsiteRequestDTO', expectStatus: 201 });
  const opId = disc && disc.data && disc.data.operationId;
  await control('POST', '/_emulator/clock/advance', { seconds: 60 }); // finish discovery
  const status = await call(pit, 'knowledgeBase', 'getCrawlingStatusForLatestOperation', [{ locationId: L, operationId: opId, knowledgeBaseId: kbId }], {
    note: 'after discovery',
    extra: expect((a) => a.data.operationDetails.discoveredUrlsCount === 5, 'want 5 discovered URLs (Path)'),
  });
  const pending = [];
  for (const g of (status && status.data.aggregate) || []) for (const r of g.records) pending.push(r.id);
  await call(pit, 'knowledgeBase', 'trainDiscoveredUrls', [{ locationId: L, urlIds: pending.slice(0, 3), knowledgeBaseId: kbId, operationId: opId }], { body: 'TrainDiscoveredUrlsDTO', expectStatus: 201 });
  await control('POST', '/_emulator/clock/advance', { seconds: 60 }); // finish training
  await call(pit, 'knowledgeBase', 'getCrawlingStatusForLatestOperation', [{ locationId: L, operationId: opId, knowledgeBaseId: kbId }], { note: 'after training' });
  const failed = await call(pit, 'knowledgeBase', 'discoverWebsite', [{ locationId: L, url: 'https://down.invalid/', option: 'Exact', knowledgeBaseId: kb2Id }], { body: 'DiscoverWebsiteRequestDTO', note: 'a host that fails' });
  await control('POST', '/_emulator/clock/advance', { seconds: 60 });
  await call(pit, 'knowledgeBase', 'getCrawlingStatusForLatestOperation', [{ locationId: L, operationId: failed && failed.data.operationId, knowledgeBaseId: kb2Id }], { note: 'failed discovery' });
  const fails = await call(pit, 'knowledgeBase', 'discoverWebsite', [{ locationId: L, url: 'https://shop.example.com/fail', option: 'Exact', knowledgeBaseId: kb2Id }], { body: 'DiscoverWebsiteRequestDTO', note: 'a page that fails at ingest' });
  await control('POST', '/_emulator/clock/advance', { seconds: 60 });
  const fst = await call(pit, 'knowledgeBase', 'getCrawlingStatusForLatestOperation', [{ locationId: L, operationId: fails && fails.data.operationId, knowledgeBaseId: kb2Id }], { note: 'before training a failing page' });
  const failIds = [];
  for (const g of (fst && fst.data.aggregate) || []) for (const r of g.records) failIds.push(r.id);
  if (failIds.length) {
    await call(pit, 'knowledgeBase', 'trainDiscoveredUrls', [{ locationId: L, urlIds: failIds, knowledgeBaseId: kb2Id, operationId: fails.data.operationId }], { body: 'TrainDiscoveredUrlsDTO', note: 'a failing page' });
    await control('POST', '/_emulator/clock/advance', { seconds: 60 });
    await call(pit, 'knowledgeBase', 'getCrawlingStatusForLatestOperation', [{ locationId: L, operationId: fails.data.operationId, knowledgeBaseId: kb2Id }], {
      note: 'a record with an error',
      extra: expect((a) => a.data.aggregate.some((g) => g._id === 'Failed' && g.records.some((r) => r.error)), 'want a Failed record with an error'),
    });
  }
  const urls = await call(pit, 'knowledgeBase', 'getAllWebsiteUrlsDataByKnowledgeBase', [{ knowledgeBaseId: kbId, locationId: L }], {
    extra: expect((a) => a.count === 5 && a.urls.length === 5, 'want the 5 discovered and trained URLs'),
  });
  await call(pit, 'knowledgeBase', 'getAllWebsiteUrlsDataByKnowledgeBase', [{ knowledgeBaseId: kbId, locationId: L, page: 2, pageLength: 2, query: 'docs.example.com' }], { note: 'page 2 of 2, query' });
  const trained = ((urls && urls.urls) || []).filter((u) => u.status === 'Successful').map((u) => u.id);
  await call(pit, 'knowledgeBase', 'deleteTrainedUrlsForKnowledgeBase', [{ knowledgeBaseId: kbId, locationId: L, urlIds: trained.slice(0, 1) }], { body: 'DeleteWebsiteUrlRequestDTO' });

  // ---- agents ----
  const agentBody = {
    name: 'SDK Contract Agent', businessName: 'Contract Corp', mode: 'auto-pilot', channels: ['SMS', 'WebChat', 'Live_Chat'],
    isPrimary: true, waitTime: 30, waitTimeUnit: 'seconds', sleepEnabled: true, sleepTime: 2, sleepTimeUnit: 'hours',
    personality: 'Friendly and concise.', goal: 'Book appointments.', instructions: 'Always confirm the time zone.',
    autoPilotMaxMessages: 40, knowledgeBaseIds: [kbId], respondToImages: true, respondToAudio: false,
    sleepOnManualMessage: true, sleepOnWorkflowMessage: false,
  };
  const agent = await call(pit, 'conversationAi', 'createAgent', [agentBody], { body: 'CreateEmployeeDto', expectStatus: 201 });
  const agentId = agent && agent.id;
  const other = await call(pit, 'conversationAi', 'createAgent', [{ name: 'SDK Transfer Target', personality: 'Calm.', goal: 'Take over.', instructions: 'Be brief.' }], { body: 'CreateEmployeeDto', note: 'required members only' });
  const otherId = other && other.id;
  await call(pit, 'conversationAi', 'getAgent', [{ agentId }], {
    extra: expect((a) => a.id === agentId && a.name === agentBody.name && a.autoPilotMaxMessages === 40, 'the agent read back differs'),
  });
  await call(pit, 'conversationAi', 'updateAgent', [{ agentId }, {
    name: 'SDK Contract Agent v2', mode: 'suggestive', channels: ['SMS'], waitTime: 1, waitTimeUnit: 'minutes',
    sleepEnabled: false, autoPilotMaxMessages: 25, knowledgeBaseIds: [kbId, kb2Id], goal: 'Answer questions.',
  }], { body: 'UpdateEmployeeDto' });
  await call(pit, 'conversationAi', 'updateAgent', [{ agentId: otherId }, { autoPilotMaxMessages: 10 }], { body: 'UpdateEmployeeDto', note: 'required member only' });
  const search = await call(pit, 'conversationAi', 'searchAgent', [{ limit: 1 }], {
    note: 'first page of one',
    extra: expect((a) => a.agents.length === 1 && a.count === 1 && a.totalCount === 2, 'want 1 of 2 agents'),
  });
  await call(pit, 'conversationAi', 'searchAgent', [{ limit: 1, startAfter: search && search.agents[0] && search.agents[0].id }], { note: 'second page' });
  await call(pit, 'conversationAi', 'searchAgent', [{ query: 'transfer' }], {
    note: 'query', extra: expect((a) => a.agents.length === 1 && a.agents[0].id === otherId, 'query "transfer" should find the second agent'),
  });
  await call(pit, 'conversationAi', 'searchAgent', [{}], { note: 'no parameters' });

  // ---- actions: one of each type, bodies from the SDK's *Dto models ----
  const followupSettings = {
    dynamicChannelSwitching: true, followUpHours: true, timezoneToUse: 'business',
    workingHours: [
      { dayOfTheWeek: 1, intervals: [{ startHour: 9, startMinute: 0, endHour: 12, endMinute: 30 }, { startHour: 13, startMinute: 30, endHour: 17, endMinute: 0 }] },
      { dayOfTheWeek: 6 }, // WorkingHours.intervals is optional in the SDK and the OAS
    ],
  };
  const actionBodies = [
    ['triggerWorkflow', 'triggerWorkflowDto', { workflowIds: ['wf1AbCdEfGhIjKlMnOpQ'], triggerCondition: 'The contact asks for a quote.', triggerMessage: 'Starting the quote workflow.' }],
    ['updateContactField', 'updateContactFieldDto', { contactFieldId: 'cf1AbCdEfGhIjKlMnOpQ', description: 'The contact’s budget.', contactUpdateExamples: ['My budget is $500', 'About 2k'] }],
    ['appointmentBooking', 'appointmentBookingDto', {
      calendarId: 'cal1AbCdEfGhIjKlMnOp', onlySendLink: false, triggerWorkflow: true, workflowIds: ['wf2AbCdEfGhIjKlMnOpQ'],
      sleepAfterBooking: true, sleepTimeUnit: 'hours', sleepTime: 4, transferBot: true, transferAgent: otherId,
      rescheduleEnabled: true, cancelEnabled: true,
    }],
    ['stopBot', 'stopBotDto', {
      stopBotDetectionType: 'Custom', stopBotTriggerCondition: 'The contact says stop.', reactivateEnabled: true, sleepTimeUnit: 'days', sleepTime: 2,
      enabled: true, stopBotExamples: ['stop', 'leave me alone'], finalMessage: 'Goodbye!', tags: ['stopped-by-bot'],
    }],
    ['humanHandOver', 'humanHandOverDto', {
      enabled: true, triggerCondition: 'The contact wants a human.', examples: ['I want a person', 'agent please'], assignToUserId: 'usr1AbCdEfGhIjKlMnOp',
      skipAssignToUser: false, createTask: true, reactivateEnabled: false, finalMessage: 'A colleague will reply.', tags: ['handover'], handoverType: 'contactRequest',
    }],
    ['advancedFollowup', 'advancedFollowupDto', {
      enabled: true, scenarioId: 'contactStoppedReplying',
      followupSequence: [
        { id: 1, followupTimeUnit: 'hours', followupTime: 2, aiEnabledMessage: true },
        { id: 2, followupTimeUnit: 'days', followupTime: 1, aiEnabledMessage: false, customMessage: 'Still interested?', triggerWorkflow: true, workflowId: 'wf3AbCdEfGhIjKlMnOpQ', contactRequested: false },
      ],
      followupSettings,
    }],
    ['transferBot', 'transferBotDto', {
      transferBotType: 'Custom', transferToBot: otherId, enabled: true, transferBotTriggerCondition: 'The contact asks about billing.',
      transferBotExamples: ['billing question', 'my invoice'],
    }],
  ];
  const actionIds = {};
  for (const [type, dto, details] of actionBodies) {
    const errs = [];
    check(details, dto, 'details', errs, true);
    const r = await call(pit, 'conversationAi', 'createAction', [{ agentId }, { type, name: `SDK ${type}`, details }], {
      body: 'CreateActionDTO', note: type, expectStatus: 201,
      extra: (a, e) => { e.push(...errs); if (a.data.type !== type) e.push(`data.type ${a.data.type}, want ${type}`); },
    });
    if (r) actionIds[type] = r.data.id;
  }
  const minimalFollowup = { enabled: false, scenarioId: 'contactIsBusy', followupSequence: [{ id: 1, followupTimeUnit: 'minutes', followupTime: 30 }] };
  const mf = await call(pit, 'conversationAi', 'createAction', [{ agentId }, { type: 'advancedFollowup', name: 'SDK follow-up minimal', details: minimalFollowup }], { body: 'CreateActionDTO', note: 'advancedFollowup, required members only' });
  await call(pit, 'conversationAi', 'listActions', [{ agentId }], {
    extra: expect((a) => a.data.length === 8, 'want the 8 actions'),
  });
  for (const [type, id] of Object.entries(actionIds)) {
    await call(pit, 'conversationAi', 'getActionById', [{ actionId: id, agentId }], { note: type });
  }
  await call(pit, 'conversationAi', 'updateAction', [{ actionId: actionIds.triggerWorkflow, agentId }, {
    type: 'triggerWorkflow', name: 'SDK triggerWorkflow v2', details: { workflowIds: ['wf9AbCdEfGhIjKlMnOpQ'], triggerCondition: 'The contact asks for a callback.' },
  }], { body: 'CreateActionDTO', note: 'triggerWorkflow' });
  await call(pit, 'conversationAi', 'updateAction', [{ actionId: actionIds.advancedFollowup, agentId }, {
    type: 'advancedFollowup', name: 'SDK advancedFollowup v2', details: { ...minimalFollowup, enabled: true },
  }], { body: 'CreateActionDTO', note: 'advancedFollowup without followupSettings' });
  await call(pit, 'conversationAi', 'updateFollowupSettings', [{ agentId }, { actionIds: [actionIds.advancedFollowup, mf && mf.data.id], followupSettings }], {
    body: 'UpdateFollowupSettingsDTO', note: 'working hours with and without intervals',
  });
  await call(pit, 'conversationAi', 'updateFollowupSettings', [{ agentId }, { actionIds: [actionIds.advancedFollowup], followupSettings: { dynamicChannelSwitching: false } }], {
    body: 'UpdateFollowupSettingsDTO', note: 'required members only',
  });
  await call(pit, 'conversationAi', 'getActionById', [{ actionId: mf && mf.data.id, agentId }], {
    note: 'follow-up settings read back',
    extra: expect((a) => canon(a.data.details.followupSettings.workingHours) === canon(followupSettings.workingHours), 'workingHours read back differ from those sent'),
  });

  // ---- conversations (seeded through the control plane) and generations ----
  const seed = await control('POST', '/_emulator/seed/conversations', {
    locationId: L,
    conversations: [
      {
        contactId: 'ctc1AbCdEfGhIjKlMnOp', fullName: 'Ada Lovelace', contactName: 'Ada Lovelace', email: 'ada@example.com', phone: '+15550100001',
        messages: [
          { body: 'Hi, can I book a call?', direction: 'inbound' },
          { body: 'Sure, what time suits you?', direction: 'outbound', source: 'workflow', generation: { agentId, prompt: 'You are a booking agent.', intent: 'book', history: [{ role: 'user', content: 'Hi, can I book a call?' }] } },
          { body: 'Tomorrow at 10.', direction: 'inbound' },
        ],
      },
      { contactId: 'ctc2AbCdEfGhIjKlMnOp', type: 'TYPE_EMAIL', messages: [{ body: 'Invoice attached.', direction: 'outbound' }] },
    ],
  });
  const conv = seed.conversations[0];
  await call(pit, 'conversationAi', 'getGenerationDetails', [{ messageId: conv.messageIds[1], source: 'conversation' }], {
    extra: expect((a) => a.agentId === agentId, 'the generation names another agent'),
  });
  await call(pit, 'conversations', 'searchConversation', [{ locationId: L }], {
    extra: expect((a) => a.conversations.length === 2 && a.total === 2, 'want the 2 seeded conversations'),
  });
  await call(pit, 'conversations', 'searchConversation', [{ locationId: L, limit: 1, sort: 'desc', sortBy: 'last_message_date', status: 'all', contactId: 'ctc1AbCdEfGhIjKlMnOp' }], { note: 'filters' });
  await call(pit, 'conversations', 'getConversation', [{ conversationId: conv.id }], {
    extra: expect((a) => a.id === conv.id && a.locationId === L, 'the conversation read back differs'),
  });
  await call(pit, 'conversations', 'getConversation', [{ conversationId: seed.conversations[1].id }], { note: 'email conversation' });
  const msgs1 = await call(pit, 'conversations', 'getMessages', [{ conversationId: conv.id, limit: 2 }], {
    note: 'first page of two',
    extra: expect((a) => a.messages.length === 2 && a.nextPage === true, 'want 2 messages and nextPage'),
  });
  await call(pit, 'conversations', 'getMessages', [{ conversationId: conv.id, limit: 2, lastMessageId: msgs1 && msgs1.lastMessageId }], {
    note: 'last page', extra: expect((a) => a.messages.length === 1 && a.nextPage === false, 'want the last message'),
  });
  await call(pit, 'conversations', 'getMessages', [{ conversationId: conv.id, type: 'TYPE_SMS' }], { note: 'type filter' });
  await call(pit, 'conversations', 'getMessages', [{ conversationId: conv.id, type: 'TYPE_EMAIL' }], {
    note: 'empty page', extra: expect((a) => a.messages.length === 0 && a.nextPage === false, 'want an empty last page'),
  });
  await call(pit, 'conversations', 'getMessage', [{ id: conv.messageIds[1] }], {
    extra: expect((a) => a.id === conv.messageIds[1] && a.conversationId === conv.id, 'the message read back differs'),
  });
  await call(pit, 'conversations', 'getMessage', [{ id: seed.conversations[1].messageIds[0] }], { note: 'email message' });
  await call(pit, 'conversations', 'exportMessagesByLocation', [{ locationId: L, limit: 10, channel: 'SMS' }], {
    note: 'one page, SMS', extra: expect((a) => a.messages.length === 3 && a.total === 3, 'want the 3 SMS messages'),
  });
  await call(pit, 'conversations', 'exportMessagesByLocation', [{ locationId: L, limit: 10, channel: 'Email', sortBy: 'createdAt', sortOrder: 'asc' }], { note: 'Email channel' });
  await call(pit, 'conversations', 'exportMessagesByLocation', [{ locationId: L, limit: 10, conversationId: conv.id, startDate: '2000-01-01T00:00:00.000Z', endDate: '2100-01-01T00:00:00.000Z' }], { note: 'conversation and dates' });
  await seedMore(L);
  const exP = await call(pit, 'conversations', 'exportMessagesByLocation', [{ locationId: L, limit: 10 }], {
    note: 'first of several pages', extra: expect((a) => a.messages.length === 10 && typeof a.nextCursor === 'string', 'want a full page and a cursor'),
  });
  let cursor = exP && exP.nextCursor;
  let pages = 1;
  while (cursor && pages < 20) {
    const r = await call(pit, 'conversations', 'exportMessagesByLocation', [{ locationId: L, limit: 10, cursor }], { note: `page ${++pages}` });
    cursor = r && r.nextCursor;
  }

  // ---- deletes ----
  await call(pit, 'conversationAi', 'deleteAction', [{ actionId: actionIds.stopBot, agentId }], {
    extra: expect((a) => a.data.id === actionIds.stopBot, 'data.id is not the deleted action'),
  });
  await call(pit, 'conversationAi', 'deleteAgent', [{ agentId: otherId }], {
    extra: expect((a) => a.id === otherId && a.success === true, 'want success and the id'),
  });
  await call(pit, 'knowledgeBase', 'deleteKnowledgeBase', [{ knowledgeBaseId: kb2Id }]);

  // ---- OAuth ----
  const app = newClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, agencyAccessToken: cfg.agencyToken });
  report.called++;
  calledMethods.add('oauth.getAuthorizationUrl');
  {
    const rec = { method: 'oauth.getAuthorizationUrl', note: 'builds a URL, no request', declared: 'string', request: [cfg.clientId, 'https://example.com/cb', 'conversation-ai.readonly'], http: null, status: 0, answer: null, errors: [] };
    const u = app.oauth.getAuthorizationUrl(cfg.clientId, 'https://example.com/cb', 'conversation-ai.readonly');
    rec.answer = u;
    check(u, 'string', 'answer', rec.errors, false);
    if (!String(u).includes('client_id=' + encodeURIComponent(cfg.clientId))) rec.errors.push('the URL does not carry client_id');
    report.calls.push(rec);
    if (!rec.errors.length) report.passed++;
  }
  const code = await control('POST', '/_emulator/oauth/codes', { user_type: 'Company' });
  const tok = await call(app, 'oauth', 'getAccessToken', [{ client_id: cfg.clientId, client_secret: cfg.clientSecret, grant_type: 'authorization_code', code: code.code, user_type: 'Company', redirect_uri: 'https://example.com/cb' }], {
    body: 'GetAccessCodebodyDto', note: 'authorization_code, Company',
    extra: expect((a) => a.userType === 'Company' && a.companyId === cfg.companyId && Array.isArray(a.approvedLocations), 'want a Company token'),
  });
  const lcode = await control('POST', '/_emulator/oauth/codes', { user_type: 'Location', location_id: L });
  const ltok = await call(app, 'oauth', 'getAccessToken', [{ client_id: cfg.clientId, client_secret: cfg.clientSecret, grant_type: 'authorization_code', code: lcode.code, user_type: 'Location' }], {
    body: 'GetAccessCodebodyDto', note: 'authorization_code, Location',
    extra: expect((a) => a.userType === 'Location' && a.locationId === L, 'want a Location token'),
  });
  await call(app, 'oauth', 'getAccessToken', [{ client_id: cfg.clientId, client_secret: cfg.clientSecret, grant_type: 'refresh_token', refresh_token: ltok && ltok.refresh_token, user_type: 'Location' }], {
    body: 'GetAccessCodebodyDto', note: 'refresh_token, Location',
  });
  const refreshed = await call(app, 'oauth', 'refreshToken', [tok && tok.refresh_token, cfg.clientId, cfg.clientSecret, 'refresh_token', sdk.UserType.Company], {
    declared: 'GetAccessCodeSuccessfulResponseDto', note: 'declared Promise<any>; it returns getAccessToken\'s answer',
    extra: expect((a) => a.userType === 'Company', 'want a Company token'),
  });
  const agency = newClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, agencyAccessToken: (refreshed && refreshed.access_token) || cfg.agencyToken });
  const lt = await call(agency, 'oauth', 'getLocationAccessToken', [{ companyId: cfg.companyId, locationId: L }], {
    body: 'GetLocationAccessCodeBodyDto', extra: expect((a) => a.locationId === L, 'want a token of the location'),
  });
  const appId = cfg.clientId.split('-')[0];
  await call(agency, 'oauth', 'getInstalledLocation', [{ companyId: cfg.companyId, appId }], {
    extra: expect((a) => a.locations.length === 2 && a.count === 2, 'want the 2 installed locations'),
  });
  await call(agency, 'oauth', 'getInstalledLocation', [{ companyId: cfg.companyId, appId, skip: '1', limit: '1', isInstalled: true, query: 'Client' }], { note: 'skip, limit, isInstalled, query' });

  // The location token minted by getLocationAccessToken works for the other services.
  if (lt && lt.access_token) {
    const loc = newClient({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, locationAccessToken: lt.access_token });
    await call(loc, 'conversationAi', 'searchAgent', [{ limit: 5 }], { note: 'with an OAuth location token' });
    await call(loc, 'knowledgeBase', 'listAllKnowledgeBasesPaginated', [{ locationId: L }], { note: 'with an OAuth location token' });
  }
  await call(pit, 'conversationAi', 'deleteAgent', [{ agentId }]);
  await call(pit, 'knowledgeBase', 'deleteKnowledgeBase', [{ knowledgeBaseId: kbId }]);
}

// seedMore adds 25 SMS messages so that the export pages several times.
async function seedMore(L) {
  await control('POST', '/_emulator/seed/conversations', { locationId: L, count: 5, messagesPerConversation: 5, messageTypes: ['TYPE_SMS'] });
}

function coverage() {
  for (const [svc, d] of Object.entries(SERVICES)) {
    const proto = require(path.join(codeDir, d.dir, d.dir + '.js'))[d.cls].prototype;
    const methods = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && typeof proto[n] === 'function');
    for (const m of Object.keys(DECLARED[svc])) if (!methods.includes(m)) methods.push(m);
    for (const m of methods) {
      const key = `${svc}.${m}`;
      if (SKIPPED[key]) {
        report.skipped.push({ method: key, reason: SKIPPED[key] });
        if (calledMethods.has(key)) report.problems.push(`${key} is both called and skipped`);
      } else if (!calledMethods.has(key)) {
        report.problems.push(`${key} of the SDK was neither called nor listed as deliberately skipped`);
      }
    }
    if (!methods.length) report.problems.push(`no methods found for the SDK service ${svc}`);
  }
  for (const key of Object.keys(SKIPPED)) {
    if (!report.skipped.some((s) => s.method === key)) report.problems.push(`skipped method ${key} does not exist in this SDK`);
  }
}

// selfTest makes sure the checker rejects what it must, so that a pass means something.
function selfTest() {
  const cases = [
    [null, 'string'], [1.5, 'boolean'], ['x', 'number'], [{}, 'FaqResponseDTO'], [[1], 'string[]'],
    [{ count: 1, faqs: [], lastFaqId: null }, 'ListFaqsResponseDTO'],
    [{ lastMessageId: 'a', nextPage: false, messages: { messages: [] } }, 'GetMessagesByConversationResponseDto'],
    [{ success: true, data: { aggregate: [{ _id: 'Failed', records: [{ id: 'a', url: 'u', error: { message: 'm' } }] }], operationDetails: {} } }, 'CrawlingStatusResponseDTO'],
    [{ success: true, data: { id: 'a', name: 'n', type: 'stopBot', details: { enabled: true } } }, 'fetchActionDetailsResponseDTO'],
  ];
  for (const [v, t] of cases) {
    const errs = [];
    check(v, t, 'value', errs, false);
    if (!errs.length) report.problems.push(`self-test: the checker accepted ${JSON.stringify(v)} as ${t}`);
  }
  const errs = [];
  check({ name: 'n', locationId: 'l', extra: 1 }, 'CreateKnowledgeBaseDTO', 'request', errs, true);
  if (!errs.length) report.problems.push('self-test: the strict request check accepted a member the model lacks');
}

selfTest();
main()
  .catch((e) => report.problems.push(`the script stopped: ${e && e.stack ? e.stack : e}`))
  .finally(() => {
    try { coverage(); } catch (e) { report.problems.push(`coverage: ${e.stack || e}`); }
    fs.writeFileSync(cfg.reportFile, JSON.stringify(report, null, 1));
    console.log(`${report.called} calls, ${report.passed} passed, ${report.skipped.length} skipped, ${report.problems.length} problems`);
    process.exitCode = report.called === report.passed && !report.problems.length ? 0 : 1;
  });
