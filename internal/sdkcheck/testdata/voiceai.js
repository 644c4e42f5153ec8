'use strict';
// voiceai.js: drives the eleven methods of the official Node SDK's VoiceAi service
// (@gohighlevel/api-client) against the emulator, with request bodies built from the SDK's
// models (dist/lib/code/voice-ai/models/voice-ai.d.ts), and checks every answer against the
// response model the SDK declares for the method: required members present, every present
// member of its declared type. Members typed `any` whose OAS schema is a $ref (allOf) are
// checked against that model too (REFINED).
//
//   node voiceai.js <config.json>
//
// config.json (written by voiceai_test.go): sdkDir, baseUrl, adminToken, locationId,
// locationPIT, omitOptional (the emulator's omit_optional switch is on), reportFile.
//
// With omitOptional false the emulator answers inboundNumber and numberPoolId as null when
// unset (contract voice-ai.md §4.2); the SDK types them `string`, so null is accepted for
// those two members only, and only then.

const fs = require('fs');
const path = require('path');

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sdkRoot = path.join(cfg.sdkDir, 'node_modules', '@gohighlevel', 'api-client');
const sdk = require(sdkRoot);
const dir = path.join(sdkRoot, 'dist', 'lib', 'code', 'voice-ai');

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

function parseService(file) {
  const src = fs.readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const out = {};
  for (const chunk of src.split(/\n(?= {4}\w)/)) {
    const m = /^ {4}(\w+)\(([\s\S]*)\):\s*([^;]+);\s*$/.exec(chunk.split(/\n\}/)[0]);
    if (!m || m[1] === 'constructor') continue;
    const ret = m[3].trim();
    const mm = /^Promise<Models\.(\w+)>$/.exec(ret);
    out[m[1]] = mm ? mm[1] : ret === 'Promise<any>' ? 'any' : ret;
  }
  return out;
}

const MODELS = parseModels(path.join(dir, 'models', 'voice-ai.d.ts'));
const DECLARED = parseService(path.join(dir, 'voice-ai.d.ts'));
// OAS allOf refs the generator flattened to `any` (apps/voice-ai.json).
const REFINED = {
  'CreateAgentResponseDTO.sendPostCallNotificationTo': 'SendPostCallNotificationSchema',
  'CreateAgentResponseDTO.translation': 'TranslationSchema',
  'GetAgentResponseDTO.sendPostCallNotificationTo': 'SendPostCallNotificationSchema',
  'GetAgentResponseDTO.translation': 'TranslationSchema',
  'PatchAgentResponseDTO.sendPostCallNotificationTo': 'SendPostCallNotificationSchema',
  'PatchAgentResponseDTO.translation': 'TranslationSchema',
  'AgentCreationRequestDTO.sendPostCallNotificationTo': 'SendPostCallNotificationDTO',
  'AgentCreationRequestDTO.translation': 'TranslationDTO',
  'PatchAgentDTO.sendPostCallNotificationTo': 'SendPostCallNotificationDTO',
  'PatchAgentDTO.translation': 'TranslationDTO',
};
const NULLABLE = cfg.omitOptional ? {} : { inboundNumber: true, numberPoolId: true };
const ENUM_MODELS = { VoiceAILanguage: 'string', PatienceLevel: 'string' }; // the SDK dropped the enums

function show(v) { const s = JSON.stringify(v); return s && s.length > 80 ? s.slice(0, 80) + '…' : s; }

function check(v, t, at, errs, strict, model, member) {
  const alts = t.split('|').map((s) => s.trim()).filter(Boolean);
  if (alts.length > 1) {
    for (const a of alts) { const e = []; check(v, a, at, e, strict); if (!e.length) return; }
    return void errs.push(`${at}: ${show(v)} is none of ${t}`);
  }
  if (t === 'any') {
    const r = model && REFINED[model + '.' + member];
    if (r && v !== undefined && v !== null) check(v, r, at, errs, strict);
    return;
  }
  if (t.endsWith('[]')) {
    if (!Array.isArray(v)) return void errs.push(`${at}: ${show(v)} is not an array (${t})`);
    return void v.forEach((x, i) => check(x, t.slice(0, -2), `${at}[${i}]`, errs, strict));
  }
  if (ENUM_MODELS[t]) t = ENUM_MODELS[t];
  switch (t) {
    case 'string': case 'number': case 'boolean':
      if (typeof v !== t) errs.push(`${at}: ${show(v)} is not a ${t}`);
      return;
    case 'object':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) errs.push(`${at}: ${show(v)} is not an object`);
      return;
  }
  const members = MODELS[t];
  if (!members) return void errs.push(`${at}: unknown type ${t}`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return void errs.push(`${at}: ${show(v)} is not a ${t}`);
  for (const [k, m] of Object.entries(members)) {
    if (v[k] === undefined) { if (!m.optional) errs.push(`${at}.${k}: required by ${t}, missing`); continue; }
    if (v[k] === null) { if (!NULLABLE[k] || strict) errs.push(`${at}.${k}: null, ${t} declares ${m.type}`); continue; }
    check(v[k], m.type, `${at}.${k}`, errs, strict, t, k);
  }
  if (strict) for (const k of Object.keys(v)) if (!members[k]) errs.push(`${at}.${k}: not a member of ${t}`);
}

const report = { called: 0, passed: 0, calls: [], problems: [] };
const called = new Set();
let lastStatus = 0;

const hl = new sdk.HighLevel({ logLevel: 'error', privateIntegrationToken: cfg.locationPIT });
const http = hl.getHttpClient();
http.defaults.baseURL = cfg.baseUrl;
http.interceptors.response.use((r) => { lastStatus = r.status; return r; }, (e) => { lastStatus = (e.response && e.response.status) || 0; return Promise.reject(e); });

async function call(method, args, opts = {}) {
  const rec = { method: 'voiceAi.' + method, note: opts.note || '', declared: DECLARED[method] || '(undeclared)', request: args, status: 0, answer: null, errors: [] };
  report.calls.push(rec);
  report.called++;
  called.add(method);
  if (opts.body) check(args[args.length - 1], opts.body, 'request', rec.errors, true);
  let answer;
  lastStatus = 0;
  try {
    answer = await hl.voiceAi[method](...args);
  } catch (e) {
    rec.status = lastStatus;
    rec.answer = e.response !== undefined ? e.response : String(e && e.message);
    rec.errors.push(`the call failed: ${e && e.message}`);
    return undefined;
  }
  rec.status = lastStatus;
  rec.answer = answer === undefined ? null : answer;
  if (opts.status && rec.status !== opts.status) rec.errors.push(`status ${rec.status}, want ${opts.status}`);
  if (!DECLARED[method]) rec.errors.push(`no declared response type for ${method}`);
  else if (DECLARED[method] !== 'any') check(answer, DECLARED[method], 'answer', rec.errors, false);
  if (opts.extra) { try { opts.extra(answer, rec.errors); } catch (e) { rec.errors.push(`check threw: ${e.message}`); } }
  if (!rec.errors.length) report.passed++;
  return answer;
}

async function control(method, p, body) {
  const r = await fetch(cfg.baseUrl + p, {
    method, headers: { Authorization: 'Bearer ' + cfg.adminToken, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`control ${method} ${p}: ${r.status} ${await r.text()}`);
  return r.json();
}

const PARAMS = {
  CALL_TRANSFER: ['CallTransferActionParameters', { triggerPrompt: 'The caller asks for a manager', triggerMessage: 'Transferring you now.', transferToType: 'number', transferToValue: '+15550001234', hearWhisperMessage: true }],
  DATA_EXTRACTION: ['DataExtractionActionParameters', { contactFieldId: 'email', description: "The caller's email", examples: ['ann@example.com'], overwriteExistingValue: false }],
  IN_CALL_DATA_EXTRACTION: ['InCallDataExtractionActionParameters', { contactFieldId: 'first_name', description: "The caller's first name", examples: ['Ann', 'Bob'] }],
  WORKFLOW_TRIGGER: ['WorkflowTriggerParameters', { triggerPrompt: 'The caller wants a brochure', triggerMessage: "I'll send it.", workflowId: 'wf-1' }],
  SMS: ['SMSParameters', { triggerPrompt: 'The caller asks for the address', triggerMessage: "I'm texting it.", messageBody: '1 Main Street' }],
  APPOINTMENT_BOOKING: ['AppointmentBookingActionParameters', { calendarId: 'cal-1', daysOfOfferingDates: 5, slotsPerDay: 3, hoursBetweenSlots: 2 }],
  CUSTOM_ACTION: ['CustomActionParameters', { triggerPrompt: 'The caller asks about an order', triggerMessage: 'One moment.', selectedPaths: ['$.status'],
    apiDetails: { url: 'https://api.example.com/orders', method: 'GET', authenticationRequired: true, authenticationValue: 'sdk-secret-1',
      headers: [{ key: 'X-Shop', value: 'h' }], parameters: [{ name: 'order', description: 'The order number', type: 'string', example: 'A-1' }] } }],
  KNOWLEDGE_BASE: ['KnowledgeBaseParameters', { triggerPrompt: 'The caller asks about prices', knowledgeBaseId: 'kb-1' }],
};

async function main() {
  const loc = cfg.locationId;
  const createBody = {
    locationId: loc, agentName: 'SDK front desk', businessName: 'SDK Dental', welcomeMessage: 'Hello from the SDK.',
    agentPrompt: 'Be helpful.', voiceId: '507f1f77bcf86cd799439011', language: 'es', patienceLevel: 'low', maxCallDuration: 600,
    sendUserIdleReminders: true, reminderAfterIdleTimeSeconds: 10, inboundNumber: '+15550009999', numberPoolId: 'pool-1',
    callEndWorkflowIds: ['wf-1'], sendPostCallNotificationTo: { admins: true, allUsers: false, contactAssignedUser: true, specificUsers: [], customEmails: ['a@example.com'] },
    agentWorkingHours: [{ dayOfTheWeek: 1, intervals: [{ startHour: 9, endHour: 17, startMinute: 0, endMinute: 30 }] }],
    timezone: 'America/Chicago', isAgentAsBackupDisabled: false, translation: { enabled: true, language: 'en-US' },
  };
  const agent = await call('createAgent', [createBody], { body: 'AgentCreationRequestDTO', status: 201 });
  const minimal = await call('createAgent', [{ locationId: loc }], { body: 'AgentCreationRequestDTO', status: 201, note: 'only locationId: server defaults' });
  if (!agent || !minimal) { report.problems.push('createAgent failed; nothing else can run'); return; }
  await call('getAgents', [{ locationId: loc, page: 1, pageSize: 1, query: 'SDK' }], {
    extra: (a, errs) => { if (a.total !== 1 || a.agents.length !== 1) errs.push(`query SDK: total ${a.total}, ${a.agents.length} items`); },
  });
  await call('getAgents', [{ locationId: loc }]);
  await call('patchAgent', [{ agentId: agent.id, locationId: loc }, { agentName: 'SDK desk', language: 'fr', translation: { enabled: true, language: 'fr' } }],
    { body: 'PatchAgentDTO', extra: (a, errs) => { if (a.agentName !== 'SDK desk' || a.maxCallDuration !== 600) errs.push('PATCH did not merge'); } });
  await call('patchAgent', [{ agentId: minimal.id, locationId: loc }, {}], { body: 'PatchAgentDTO', note: 'empty PATCH' });

  const actions = {};
  for (const [type, [model, params]] of Object.entries(PARAMS)) {
    check(params, model, `request ${type}.actionParameters`, report.problems, true);
    const a = await call('createAction', [{ agentId: agent.id, locationId: loc, actionType: type, name: 'SDK ' + type, actionParameters: params }],
      { body: 'CreateSingleActionDTO', status: 201, note: type,
        extra: (a, errs) => { if (JSON.stringify(a).includes('sdk-secret-1')) errs.push('authenticationValue echoed'); } });
    if (a) actions[type] = a.id;
  }
  await call('getAgent', [{ agentId: agent.id, locationId: loc }], {
    extra: (a, errs) => { if (a.actions.length !== 8) errs.push(`${a.actions.length} actions, want 8`); },
  });
  await call('getAction', [{ actionId: actions.CUSTOM_ACTION, locationId: loc }], { note: 'CUSTOM_ACTION' });
  await call('updateAction', [{ actionId: actions.SMS }, { agentId: agent.id, locationId: loc, actionType: 'SMS', name: 'SDK SMS renamed', actionParameters: PARAMS.SMS[1] }],
    { body: 'UpdateSingleActionDTO', extra: (a, errs) => { if (a.name !== 'SDK SMS renamed') errs.push('not renamed'); } });

  await control('POST', '/_emulator/seed/voice-call-logs', { locationId: loc, count: 12, agentIds: [agent.id] });
  const now = Date.now();
  const logs = await call('getCallLogs', [{ locationId: loc, agentId: agent.id, callType: 'LIVE', startDate: now - 86400000, endDate: now + 60000,
    actionType: 'CALL_TRANSFER,SMS', sortBy: 'duration', sort: 'ascend', page: 1, pageSize: 5 }],
    { extra: (a, errs) => { if (a.total !== 10 || a.callLogs.length !== 5) errs.push(`total ${a.total} (want 10 live calls), ${a.callLogs.length} items`); } });
  await call('getCallLogs', [{ locationId: loc }], { note: 'no filters' });
  if (logs && logs.callLogs.length) await call('getCallLog', [{ callId: logs.callLogs[0].id, locationId: loc }]);

  await call('deleteAction', [{ actionId: actions.SMS, locationId: loc, agentId: agent.id }], { status: 204 });
  await call('deleteAgent', [{ agentId: agent.id, locationId: loc }], { status: 204 });
  await call('deleteAgent', [{ agentId: minimal.id, locationId: loc }], { status: 204 });

  for (const m of Object.keys(DECLARED)) if (!called.has(m)) report.problems.push(`method voiceAi.${m} was not called`);
}

main().catch((e) => report.problems.push(`script: ${e && e.stack}`)).finally(() => {
  fs.writeFileSync(cfg.reportFile, JSON.stringify(report, null, 2));
});
