import { addCalendarDays, civilDateOf, DEFAULT_HUB_SETTINGS, quarterOf } from '@hub/shared';
import type { DispositionRequest, MaterialFileView, NameDeputyRequest } from '@hub/shared';
import { hashSessionToken, newSessionToken } from '../src/auth/session-cookie';
import { Database } from '../src/database/database';
import { declaredRoutes } from './declared-routes';
import type { HubRoutes } from './hub-routes';
import { INQUIRY } from './inquiry-fixtures';
import { paperFixture, RECEIPT, type PaperFixture } from './paper-fixtures';
import {
  acceptItem,
  admittedProject,
  createTestDatabase,
  eventually,
  HubClient,
  hubWorkDone,
  loadPeople,
  mainMaterialReceived,
  REGISTRATION,
  startTestHub,
  type TestHub,
} from './test-hub';

type Who = 'anonymous' | 'admin' | 'leader' | 'window' | 'liaison-own' | 'liaison-other';
const EVERYONE: Who[] = ['anonymous', 'admin', 'leader', 'window', 'liaison-own', 'liaison-other'];
const STAFF: Who[] = ['admin', 'leader', 'window', 'liaison-own', 'liaison-other'];
const FIRST_RESPONDERS: Who[] = ['leader', 'window', 'liaison-own', 'liaison-other'];

interface Fixture {
  projectId: string;
  /** A fresh item of department DRC ("own" for liaison-own), awaiting acceptance or in review. */
  item(status: 'awaiting_acceptance' | 'in_review'): Promise<string>;
  /** A fresh DRC item in review and a due instant a day after its own (within the R12/R13 bounds). */
  laterDue(): Promise<{ id: string; newDueAt: string }>;
  /** R10a: a running item with an open special procedure, and the hub's now (a valid end). */
  openProcedure(): Promise<{ itemId: string; id: string; now: string }>;
  registeredProject(): Promise<string>;
  /** A meeting of a fresh project whose only (lead) department is DRC, so liaison-own convenes and attends. */
  meeting(status: 'scheduled' | 'open' | 'closable'): Promise<{ id: string; projectId: string }>;
  explanation(): Promise<string>;
  rectification(): Promise<{ meetingId: string; id: string }>;
  startsSoon(): Promise<string>;
  /** A fresh inquiry first-responded by window: open, transferred to DRC ("own" for liaison-own), or answered. */
  inquiry(state: 'open' | 'transferred' | 'answered'): Promise<string>;
  paper: PaperFixture;
  /** R28: a PDF attached by the window to a fresh DRC material. */
  materialFile(): Promise<string>;
  /** A checkpoint exported by a leader at set-up. */
  checkpoint: unknown;
  /** A fresh date in 2031 (R11), and one with a holiday rule an admin set. */
  calendarDate(): string;
  calendarRule(): Promise<string>;
  /** An early warning in liaison-own's inbox (R14a), made once. */
  alert(): Promise<string>;
  /** A quarter in which DRC is flagged (R22), made once: the clock moves past a DRC deadline. */
  circulation(): Promise<{ year: number; quarter: number }>;
  /** R1: a fresh department code, department, window user, import file, setup token, and deputy period for liaison-own. */
  people: {
    code(): string;
    department(): Promise<string>;
    user(): Promise<string>;
    importCsv(): string;
    setupToken(): Promise<string>;
    deputy(): Promise<NameDeputyRequest>;
    /** A window user the admin switched off. */
    switchedOff(): Promise<string>;
    /** A deputy period for liaison-own, named by the admin, not yet over. */
    deputyPeriod(): Promise<string>;
  };
}

interface RouteCase {
  /** METHOD /path as the router declares it; a key of HubRoutes, so the typed client knows every declared route. */
  route: keyof HubRoutes;
  allowed: Who[];
  /** Sent from a fresh session of the same person, for routes that change the session itself. */
  ownSession?: true;
  /** A string body is sent as it is, with the given headers (R28: a file upload is the file itself). */
  request(f: Fixture): Promise<{ path: string; body?: unknown; headers?: Record<string, string> }>;
}

const PDF_TEXT = '%PDF-1.4\n%%EOF\n';
const UPLOAD_HEADERS = { 'content-type': 'application/octet-stream', 'x-file-name': 'application.pdf' };

/** R1/R2: who may call what. Each route the router declares must appear here (checked below). */
const MATRIX: RouteCase[] = [
  {
    route: 'POST /api/auth/login',
    allowed: EVERYONE,
    ownSession: true,
    request: async () => ({ path: '/api/auth/login', body: { username: 'window', password: 'test-password' } }),
  },
  { route: 'POST /api/auth/logout', allowed: EVERYONE, ownSession: true, request: async () => ({ path: '/api/auth/logout' }) },
  { route: 'GET /api/auth/me', allowed: STAFF, request: async () => ({ path: '/api/auth/me' }) },
  { route: 'GET /health', allowed: EVERYONE, request: async () => ({ path: '/health' }) },
  // From this machine without a token configured: scrapeable by anyone local (see MetricsController).
  { route: 'GET /metrics', allowed: EVERYONE, request: async () => ({ path: '/metrics' }) },
  { route: 'GET /api/departments', allowed: STAFF, request: async () => ({ path: '/api/departments' }) },
  { route: 'GET /api/calendar', allowed: STAFF, request: async () => ({ path: '/api/calendar' }) },
  {
    route: 'GET /api/calendar/deadline',
    allowed: STAFF,
    request: async () => ({ path: '/api/calendar/deadline?from=2026-02-13T01:00:00Z&workingDays=3' }),
  },
  { route: 'GET /api/board', allowed: STAFF, request: async () => ({ path: '/api/board' }) },
  { route: 'GET /api/board/head', allowed: STAFF, request: async () => ({ path: '/api/board/head' }) },
  { route: 'GET /api/board/rows', allowed: STAFF, request: async () => ({ path: '/api/board/rows?status=due_today' }) },
  { route: 'POST /api/projects', allowed: ['window'], request: async () => ({ path: '/api/projects', body: REGISTRATION }) },
  { route: 'GET /api/projects/:id', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}` }) },
  { route: 'GET /api/projects/:id/card', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}/card` }) },
  { route: 'GET /api/card/checkpoint', allowed: ['admin', 'leader'], request: async () => ({ path: '/api/card/checkpoint' }) },
  {
    route: 'POST /api/card/checkpoint/verification',
    allowed: ['admin', 'leader'],
    request: async (f) => ({ path: '/api/card/checkpoint/verification', body: f.checkpoint }),
  },
  {
    route: 'GET /api/projects/:id/card/verification',
    allowed: STAFF,
    request: async (f) => ({ path: `/api/projects/${f.projectId}/card/verification` }),
  },
  {
    route: 'POST /api/projects/:id/admission',
    allowed: ['leader'],
    request: async (f) => ({
      path: `/api/projects/${await f.registeredProject()}/admission`,
      body: { leadDepartmentId: DRC_ID.value, participatingDepartmentIds: [] },
    }),
  },
  {
    route: 'POST /api/projects/:id/admission-refusal',
    allowed: ['leader'],
    request: async (f) => ({
      path: `/api/projects/${await f.registeredProject()}/admission-refusal`,
      body: { reason: '安全稳定评估未通过' },
    }),
  },
  // R4a: the window records the national code and the applicant's withdrawal.
  {
    route: 'PUT /api/projects/:id/national-code',
    allowed: ['window'],
    request: async (f) => ({ path: `/api/projects/${await f.registeredProject()}/national-code`, body: { nationalCode: null } }),
  },
  {
    route: 'POST /api/projects/:id/withdrawal',
    allowed: ['window'],
    request: async (f) => ({
      path: `/api/projects/${await f.registeredProject()}/withdrawal`,
      body: { reason: '业主申请撤回', requestedOn: '2026-01-05' },
    }),
  },
  {
    route: 'POST /api/items/:id/acceptance',
    allowed: ['window', 'liaison-own'],
    request: async (f) => ({ path: `/api/items/${await f.item('awaiting_acceptance')}/acceptance` }),
  },
  {
    route: 'POST /api/items/:id/decision',
    allowed: ['liaison-own'],
    request: async (f) => ({ path: `/api/items/${await f.item('in_review')}/decision`, body: { outcome: 'approved' } }),
  },
  {
    route: 'POST /api/items/:id/extension',
    allowed: ['leader'],
    request: async (f) => {
      const { id, newDueAt } = await f.laterDue();
      return { path: `/api/items/${id}/extension`, body: { newDueAt, reason: '重大技术论证' } };
    },
  },
  {
    route: 'POST /api/items/:id/delay',
    allowed: ['window'],
    request: async (f) => {
      const { id, newDueAt } = await f.laterDue();
      return { path: `/api/items/${id}/delay`, body: { cause: 'natural_disaster', description: '台风', newDueAt } };
    },
  },
  {
    route: 'POST /api/items/:id/special-procedures',
    allowed: ['window'],
    request: async (f) => ({
      path: `/api/items/${await f.item('in_review')}/special-procedures`,
      body: { kind: 'hearing', startsAt: (await f.openProcedure()).now },
    }),
  },
  {
    route: 'POST /api/items/:id/special-procedures/:procedureId/end',
    allowed: ['window'],
    request: async (f) => {
      const { itemId, id, now } = await f.openProcedure();
      return { path: `/api/items/${itemId}/special-procedures/${id}/end`, body: { endsAt: now } };
    },
  },
  {
    route: 'GET /api/items/:id/special-procedures',
    allowed: STAFF,
    request: async (f) => ({ path: `/api/items/${await f.item('in_review')}/special-procedures` }),
  },
  {
    route: 'POST /api/items/:id/explanations',
    allowed: ['liaison-own'],
    request: async (f) => ({ path: `/api/items/${await f.item('in_review')}/explanations`, body: { text: '需专家论证' } }),
  },
  {
    route: 'POST /api/explanations/:id/ruling',
    allowed: ['leader'],
    request: async (f) => ({ path: `/api/explanations/${await f.explanation()}/ruling`, body: { ruling: 'rejected' } }),
  },
  {
    route: 'GET /api/projects/:id/explanations',
    allowed: STAFF,
    request: async (f) => ({ path: `/api/projects/${f.projectId}/explanations` }),
  },
  {
    route: 'POST /api/projects/:id/meetings',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({
      path: `/api/projects/${(await f.meeting('scheduled')).projectId}/meetings`,
      body: { kind: 'joint_review', title: '联审会', startsAt: await f.startsSoon(), online: true },
    }),
  },
  { route: 'GET /api/meetings', allowed: STAFF, request: async () => ({ path: '/api/meetings' }) },
  // A liaison reads only meetings its department is invited to (or convened), as the list shows it.
  {
    route: 'GET /api/meetings/:id',
    allowed: ['admin', 'leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('scheduled')).id}` }),
  },
  {
    route: 'POST /api/meetings/:id/opening',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('scheduled')).id}/opening` }),
  },
  {
    route: 'POST /api/meetings/:id/join',
    allowed: ['liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('open')).id}/join` }),
  },
  {
    route: 'POST /api/meetings/:id/attendance',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('open')).id}/attendance`, body: { departmentId: DRC_ID.value } }),
  },
  {
    route: 'POST /api/meetings/:id/opinions',
    allowed: ['liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('open')).id}/opinions`, body: { kind: 'agree' } }),
  },
  // R15a: the lead liaison runs the meeting and proposes its close; only the window or a leader closes.
  {
    route: 'POST /api/meetings/:id/closing',
    allowed: ['leader', 'window'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('closable')).id}/closing`, body: { conclusion: '原则同意' } }),
  },
  {
    route: 'POST /api/meetings/:id/closing-preview',
    allowed: ['leader', 'window'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('open')).id}/closing-preview`, body: {} }),
  },
  {
    route: 'POST /api/meetings/:id/close-proposal',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/meetings/${(await f.meeting('open')).id}/close-proposal` }),
  },
  // R17: a leader corrects any document by a correction notice.
  {
    route: 'POST /api/notices/:id/corrections',
    allowed: ['leader'],
    request: async (f) => ({ path: `/api/notices/${(await f.paper.receipt()).id}/corrections`, body: { reason: '申请人名称有误' } }),
  },
  {
    route: 'POST /api/inspections/:id/rectifications',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/inspections/${(await f.meeting('open')).id}/rectifications`, body: { request: '围挡加固' } }),
  },
  {
    route: 'POST /api/inspections/:id/rectifications/:rectificationId/done',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => {
      const r = await f.rectification();
      return { path: `/api/inspections/${r.meetingId}/rectifications/${r.id}/done` };
    },
  },
  { route: 'POST /api/test/clock', allowed: ['admin'], request: async () => ({ path: '/api/test/clock', body: { advanceMs: 1 } }) },
  // R23/R24: any staff member the public asks may register; only the owner, the transferee or a leader act on one.
  { route: 'POST /api/inquiries', allowed: FIRST_RESPONDERS, request: async () => ({ path: '/api/inquiries', body: INQUIRY }) },
  { route: 'GET /api/inquiries', allowed: FIRST_RESPONDERS, request: async () => ({ path: '/api/inquiries' }) },
  { route: 'GET /api/inquiries/responder', allowed: FIRST_RESPONDERS, request: async () => ({ path: '/api/inquiries/responder' }) },
  {
    route: 'GET /api/inquiries/transfer-targets',
    allowed: FIRST_RESPONDERS,
    request: async () => ({ path: '/api/inquiries/transfer-targets' }),
  },
  {
    route: 'GET /api/inquiries/statistics',
    allowed: ['leader'],
    request: async () => ({ path: '/api/inquiries/statistics?from=2026-01-01&to=2026-12-31' }),
  },
  {
    route: 'GET /api/inquiries/statistics/csv',
    allowed: ['leader'],
    request: async () => ({ path: '/api/inquiries/statistics/csv?from=2026-01-01&to=2026-12-31' }),
  },
  {
    route: 'GET /api/inquiries/:id',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('transferred')}` }),
  },
  {
    route: 'GET /api/inquiries/:id/history/verification',
    allowed: ['leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('transferred')}/history/verification` }),
  },
  {
    route: 'POST /api/inquiries/:id/disposition',
    allowed: ['leader', 'window'],
    request: async (f) => ({
      path: `/api/inquiries/${await f.inquiry('open')}/disposition`,
      body: { kind: 'answer', answer: '已告知所需材料' },
    }),
  },
  {
    route: 'POST /api/inquiries/:id/acknowledgement',
    allowed: ['liaison-own'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('transferred')}/acknowledgement` }),
  },
  {
    route: 'POST /api/inquiries/:id/reminder',
    allowed: ['leader', 'window'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('transferred')}/reminder`, body: { note: '请尽快答复' } }),
  },
  {
    route: 'POST /api/inquiries/:id/follow-up',
    allowed: ['leader', 'window'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('answered')}/follow-up`, body: { satisfaction: 'satisfied' } }),
  },
  {
    route: 'POST /api/inquiries/:id/project',
    allowed: ['leader', 'window'],
    request: async (f) => ({ path: `/api/inquiries/${await f.inquiry('open')}/project`, body: { projectId: await f.registeredProject() } }),
  },
  // R6–R9, R17: materials and documents are the window's; a liaison asks only for its own item; a leader rules.
  { route: 'GET /api/projects/:id/materials', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}/materials` }) },
  {
    route: 'POST /api/items/:id/materials',
    allowed: ['window', 'liaison-own'],
    request: async (f) => ({
      path: `/api/items/${await f.item('awaiting_acceptance')}/materials`,
      body: { name: '项目申请报告', kind: 'main', copies: 1 },
    }),
  },
  {
    route: 'POST /api/materials/:id/received',
    allowed: ['window'],
    request: async (f) => ({ path: `/api/materials/${(await f.paper.checklist()).materialId}/received`, body: { received: 1 } }),
  },
  // R28: files are attached by the window or the material's department, read by those who may read the project's files.
  {
    route: 'POST /api/materials/:id/files',
    allowed: ['window', 'liaison-own'],
    request: async (f) => ({
      path: `/api/materials/${(await f.paper.checklist()).materialId}/files`,
      body: PDF_TEXT,
      headers: UPLOAD_HEADERS,
    }),
  },
  {
    route: 'GET /api/material-files/:id',
    allowed: ['admin', 'leader', 'window', 'liaison-own'],
    request: async (f) => ({ path: `/api/material-files/${await f.materialFile()}` }),
  },
  { route: 'GET /api/settings/files', allowed: STAFF, request: async () => ({ path: '/api/settings/files' }) },
  {
    route: 'PUT /api/settings/files',
    allowed: ['admin'],
    request: async () => ({ path: '/api/settings/files', body: { maxBytes: 50 * 1024 * 1024 } }),
  },
  {
    route: 'POST /api/materials/:id/ruling',
    allowed: ['leader'],
    request: async (f) => ({ path: `/api/materials/${await f.paper.requestedMaterial()}/ruling`, body: { approved: true } }),
  },
  {
    route: 'POST /api/projects/:id/one-time-notification',
    allowed: ['window'],
    request: async (f) => ({
      path: `/api/projects/${(await f.paper.checklist()).projectId}/one-time-notification`,
      body: { fees: '不收费。' },
    }),
  },
  {
    route: 'POST /api/projects/:id/receipts',
    allowed: ['window'],
    request: async (f) => ({ path: `/api/projects/${f.projectId}/receipts`, body: RECEIPT }),
  },
  {
    route: 'POST /api/receipts/:id/pickup',
    allowed: ['window'],
    request: async (f) => ({
      path: `/api/receipts/${(await f.paper.receipt()).id}/pickup`,
      body: { pickedUpOn: '2026-03-05', pickerName: '赵敏' },
    }),
  },
  {
    route: 'POST /api/items/:id/permit',
    allowed: ['window'],
    request: async (f) => ({ path: `/api/items/${await f.paper.approvedItem()}/permit` }),
  },
  { route: 'GET /api/projects/:id/notices', allowed: STAFF, request: async (f) => ({ path: `/api/projects/${f.projectId}/notices` }) },
  { route: 'GET /api/notices/:id', allowed: STAFF, request: async (f) => ({ path: `/api/notices/${(await f.paper.receipt()).id}` }) },
  {
    route: 'GET /api/notices/:id/pdf',
    allowed: STAFF,
    request: async (f) => ({ path: `/api/notices/${(await f.paper.receipt()).id}/pdf` }),
  },
  {
    route: 'POST /api/projects/:id/access-code',
    allowed: ['window'],
    request: async (f) => ({ path: `/api/projects/${f.projectId}/access-code` }),
  },
  { route: 'GET /api/mega-trackers', allowed: ['leader', 'window'], request: async () => ({ path: '/api/mega-trackers' }) },
  {
    route: 'POST /api/projects/:id/mega-tracker',
    allowed: ['leader', 'window'],
    request: async (f) => ({
      path: `/api/projects/${await f.paper.megaProject(false)}/mega-tracker`,
      body: { trackerId: WINDOW_ID.value },
    }),
  },
  {
    route: 'POST /api/projects/:id/forwarding',
    allowed: ['leader', 'window'],
    request: async (f) => ({
      path: `/api/projects/${await f.paper.megaProject(true)}/forwarding`,
      body: { forwardedTo: '省发展和改革委员会' },
    }),
  },
  // R1: the applicant's codes are the credential, for anyone who has them.
  {
    route: 'POST /api/public/project-status',
    allowed: EVERYONE,
    request: async (f) => {
      const { projectCode, accessCode } = await f.paper.receipt();
      return { path: '/api/public/project-status', body: { projectCode, accessCode } };
    },
  },
  // R11, R14a, R21, R22: the admin keeps calendar and settings; leaders read the record and circulate;
  // each inbox is its owner's.
  {
    route: 'PUT /api/calendar/days/:date',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/calendar/days/${f.calendarDate()}`, body: { kind: 'holiday', name: '测试' } }),
  },
  {
    route: 'DELETE /api/calendar/days/:date',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/calendar/days/${await f.calendarRule()}` }),
  },
  {
    route: 'POST /api/calendar/years/:year/publication',
    allowed: ['admin'],
    request: async () => ({ path: '/api/calendar/years/2031/publication' }),
  },
  {
    route: 'POST /api/calendar/imports',
    allowed: ['admin'],
    request: async () => ({
      path: '/api/calendar/imports',
      body: { format: 'json', year: 2032, content: JSON.stringify({ days: [{ date: '2032-01-01', kind: 'holiday', name: '元旦' }] }) },
    }),
  },
  { route: 'GET /api/settings', allowed: ['admin'], request: async () => ({ path: '/api/settings' }) },
  {
    route: 'PUT /api/settings',
    allowed: ['admin'],
    request: async () => ({ path: '/api/settings', body: { ...DEFAULT_HUB_SETTINGS, circulationThreshold: 5 } }),
  },
  { route: 'GET /api/settings/changes', allowed: ['admin'], request: async () => ({ path: '/api/settings/changes' }) },
  {
    route: 'GET /api/alerts',
    allowed: ['leader', 'window', 'liaison-own', 'liaison-other'],
    request: async () => ({ path: '/api/alerts' }),
  },
  { route: 'GET /api/alerts/leader-projects', allowed: ['leader'], request: async () => ({ path: '/api/alerts/leader-projects' }) },
  { route: 'POST /api/alerts/:id/read', allowed: ['liaison-own'], request: async (f) => ({ path: `/api/alerts/${await f.alert()}/read` }) },
  {
    route: 'GET /api/items/:id/deadline',
    allowed: STAFF,
    request: async (f) => ({ path: `/api/items/${await f.item('in_review')}/deadline` }),
  },
  { route: 'GET /api/wall/ticker', allowed: STAFF, request: async () => ({ path: '/api/wall/ticker' }) },
  {
    route: 'GET /api/accountability',
    allowed: ['leader'],
    request: async () => ({ path: '/api/accountability?from=2026-01-01&to=2026-12-31' }),
  },
  {
    route: 'GET /api/accountability/items',
    allowed: ['leader'],
    request: async () => ({ path: '/api/accountability/items?from=2026-01-01&to=2026-12-31&figure=handled' }),
  },
  {
    route: 'GET /api/accountability/csv',
    allowed: ['leader'],
    request: async () => ({ path: '/api/accountability/csv?from=2026-01-01&to=2026-12-31' }),
  },
  {
    route: 'GET /api/accountability/xlsx',
    allowed: ['leader'],
    request: async () => ({ path: '/api/accountability/xlsx?from=2026-01-01&to=2026-12-31' }),
  },
  { route: 'GET /api/circulation', allowed: ['leader'], request: async () => ({ path: '/api/circulation?year=2026&quarter=4' }) },
  // R1: the admin keeps departments and people; a liaison names its own deputy; the setup link is its own credential.
  { route: 'GET /api/admin/departments', allowed: ['admin'], request: async () => ({ path: '/api/admin/departments' }) },
  {
    route: 'POST /api/admin/departments',
    allowed: ['admin'],
    request: async (f) => ({ path: '/api/admin/departments', body: { code: f.people.code(), name: '新局', nameEn: 'New Bureau' } }),
  },
  {
    route: 'PATCH /api/admin/departments/:id',
    allowed: ['admin'],
    request: async (f) => ({
      path: `/api/admin/departments/${await f.people.department()}`,
      body: { code: f.people.code(), name: '改名局', nameEn: 'Renamed Bureau' },
    }),
  },
  {
    route: 'POST /api/admin/departments/:id/deactivation',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/admin/departments/${await f.people.department()}/deactivation` }),
  },
  { route: 'GET /api/admin/users', allowed: ['admin'], request: async () => ({ path: '/api/admin/users' }) },
  {
    route: 'POST /api/admin/users',
    allowed: ['admin'],
    request: async (f) => ({
      path: '/api/admin/users',
      body: { username: f.people.code().toLowerCase(), displayName: '新人', role: 'window', departmentId: null },
    }),
  },
  {
    route: 'PATCH /api/admin/users/:id/contact',
    allowed: ['admin'],
    request: async (f) => ({
      path: `/api/admin/users/${await f.people.user()}/contact`,
      body: { email: 'new.person@example.cn', mobile: '13800001234' },
    }),
  },
  {
    route: 'POST /api/admin/users/:id/password-reset',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/admin/users/${await f.people.user()}/password-reset` }),
  },
  {
    route: 'POST /api/admin/users/:id/deactivation',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/admin/users/${await f.people.user()}/deactivation` }),
  },
  {
    route: 'POST /api/admin/users/:id/reactivation',
    allowed: ['admin'],
    request: async (f) => ({ path: `/api/admin/users/${await f.people.switchedOff()}/reactivation` }),
  },
  {
    route: 'POST /api/admin/people-import/preview',
    allowed: ['admin'],
    request: async (f) => ({ path: '/api/admin/people-import/preview', body: { content: f.people.importCsv() } }),
  },
  {
    route: 'POST /api/admin/people-import',
    allowed: ['admin'],
    request: async (f) => ({ path: '/api/admin/people-import', body: { content: f.people.importCsv() } }),
  },
  { route: 'GET /api/deputies', allowed: ['admin', 'liaison-own', 'liaison-other'], request: async () => ({ path: '/api/deputies' }) },
  {
    route: 'POST /api/deputies',
    allowed: ['admin', 'liaison-own'],
    request: async (f) => ({ path: '/api/deputies', body: await f.people.deputy() }),
  },
  {
    route: 'POST /api/deputies/:id/end',
    allowed: ['admin', 'liaison-own'],
    request: async (f) => ({ path: `/api/deputies/${await f.people.deputyPeriod()}/end` }),
  },
  {
    route: 'POST /api/setup',
    allowed: EVERYONE,
    request: async (f) => ({ path: '/api/setup', body: { token: await f.people.setupToken(), newPassword: 'a-strong-passphrase' } }),
  },
  // R27: each person keeps its own notification choices; the admin sees the messages and names the SMTP server.
  { route: 'GET /api/notifications/mine', allowed: STAFF, request: async () => ({ path: '/api/notifications/mine' }) },
  {
    route: 'PUT /api/notifications/mine',
    allowed: STAFF,
    request: async () => ({
      path: '/api/notifications/mine',
      body: { email: 'me@example.gov.cn', mobile: null, channels: { meeting_invited: 'email' } },
    }),
  },
  { route: 'GET /api/admin/messages', allowed: ['admin'], request: async () => ({ path: '/api/admin/messages' }) },
  { route: 'GET /api/settings/smtp', allowed: ['admin'], request: async () => ({ path: '/api/settings/smtp' }) },
  {
    route: 'PUT /api/settings/smtp',
    allowed: ['admin'],
    request: async () => ({ path: '/api/settings/smtp', body: { host: '', port: 587, secure: false, user: '', from: '' } }),
  },
  // Last: its fixture moves the hub clock past a deadline.
  {
    route: 'POST /api/circulation-reports',
    allowed: ['leader'],
    request: async (f) => ({ path: '/api/circulation-reports', body: { departmentId: DRC_ID.value, ...(await f.circulation()) } }),
  },
  // R1: after every other route (each person's password changes for good).
  {
    route: 'POST /api/auth/password',
    allowed: STAFF,
    request: async () => ({ path: '/api/auth/password', body: { currentPassword: 'test-password', newPassword: 'a-strong-passphrase' } }),
  },
];
const WINDOW_ID = { value: '' };
const LIAISON_OWN_ID = { value: '' };
let peopleSeq = 0;
/** A fixture made on first use and shared by every role's call. */
const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | null = null;
  return () => (made ??= make());
};
const DRC_ID = { value: '' };

describe('authority matrix: every route × every role × own/other department (R1, R2)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let hub: TestHub;
  const clients = {} as Record<Who, HubClient>;
  const USERNAMES: Record<Exclude<Who, 'anonymous'>, string> = {
    admin: 'admin',
    leader: 'leader',
    window: 'window',
    'liaison-own': 'liaison-drc',
    'liaison-other': 'liaison-nrp',
  };
  const sessionOf = (who: Who) => (who === 'anonymous' ? new HubClient(hub.url) : HubClient.login(hub.url, USERNAMES[who]));
  let fixture: Fixture;
  let calendarDays = 0;
  /** The hub's own work (deemed consents, meeting lapses, early warnings) has landed, so nothing appears while a refused request is checked. */
  const settled = () => hubWorkDone(hub);

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = await startTestHub(db.url);
    await loadPeople(hub);
    for (const who of EVERYONE) clients[who] = await sessionOf(who);
    const { project, departmentId } = await admittedProject(clients.window, clients.leader, ['DRC']);
    DRC_ID.value = departmentId('DRC');
    WINDOW_ID.value = (await clients.window.get('/api/auth/me')).body.id;
    LIAISON_OWN_ID.value = (await clients['liaison-own'].get('/api/auth/me')).body.id;
    const deputyCandidate = once(
      async () =>
        (
          await clients.admin.post('/api/admin/users', {
            username: 'drc.deputy',
            displayName: '发改局副联络员',
            role: 'liaison',
            departmentId: DRC_ID.value,
          })
        ).body.user.id,
    );
    const checkpoint = (await clients.leader.get('/api/card/checkpoint')).body;
    fixture = {
      checkpoint,
      projectId: project.id,
      paper: paperFixture(clients.window, clients.leader, clients['liaison-own']),
      materialFile: async () => {
        const { materialId } = await fixture.paper.checklist();
        const attached = await clients.window.sendText('POST', `/api/materials/${materialId}/files`, PDF_TEXT, UPLOAD_HEADERS);
        if (attached.status !== 201) throw new Error(JSON.stringify(attached.body));
        return (attached.body as MaterialFileView).id;
      },
      registeredProject: async () => (await clients.window.post('/api/projects', REGISTRATION)).body.id,
      item: async (status) => {
        const { project: p } = await admittedProject(clients.window, clients.leader, ['DRC']);
        const id = p.items[0].id;
        // R8: every fixture item has its main material in, so acceptance is a question of authority only.
        if (status === 'in_review') await acceptItem(clients.window, id);
        else await mainMaterialReceived(clients.window, id);
        return id;
      },
      laterDue: async () => {
        const { project: p } = await admittedProject(clients.window, clients.leader, ['DRC']);
        const accepted = (await acceptItem(clients.window, p.items[0].id)).body;
        return { id: accepted.id, newDueAt: new Date(new Date(accepted.dueAt!).getTime() + 86_400_000).toISOString() };
      },
      openProcedure: async () => {
        const itemId = await fixture.item('in_review');
        const at = async () => new Date((await clients.leader.get('/api/board')).body.serverNow).toISOString();
        const started = await clients.window.post(`/api/items/${itemId}/special-procedures`, {
          kind: 'expert_review',
          startsAt: await at(),
        });
        await clients.admin.post('/api/test/clock', { advanceMs: 1000 });
        return { itemId, id: started.body.id, now: await at() };
      },
      startsSoon: async () =>
        new Date(new Date((await clients.leader.get('/api/board')).body.serverNow).getTime() + 10 * 60_000).toISOString(),
      meeting: async (status) => {
        const { project: p } = await admittedProject(clients.window, clients.leader, ['DRC']);
        const convened = await clients.window.post(`/api/projects/${p.id}/meetings`, {
          kind: 'site_inspection',
          title: '联合踏勘',
          startsAt: await fixture.startsSoon(),
          online: false,
          place: '项目现场',
        });
        if (convened.status !== 201) throw new Error(JSON.stringify(convened.body));
        if (status !== 'scheduled') await clients.window.post(`/api/meetings/${convened.body.id}/opening`);
        // R15a: a close is allowed only after the start plus the grace (the test clock moves there).
        if (status === 'closable')
          await clients.admin.post('/api/test/clock', {
            advanceMs:
              new Date(convened.body.closableFrom).getTime() -
              new Date((await clients.leader.get('/api/board')).body.serverNow).getTime() +
              1000,
          });
        return { id: convened.body.id, projectId: p.id };
      },
      explanation: async () => {
        const id = await fixture.item('in_review');
        return (await clients['liaison-own'].post(`/api/items/${id}/explanations`, { text: '需补充专家论证' })).body.id;
      },
      rectification: async () => {
        const m = await fixture.meeting('open');
        const view = (await clients.window.post(`/api/inspections/${m.id}/rectifications`, { request: '临时用电整改' })).body;
        return { meetingId: m.id, id: view.rectifications[0].id };
      },
      calendarDate: () => addCalendarDays('2031-03-01', calendarDays++),
      calendarRule: async () => {
        const date = fixture.calendarDate();
        const set = await clients.admin.put(`/api/calendar/days/${date}`, { kind: 'holiday', name: '测试' });
        if (set.status !== 200) throw new Error(JSON.stringify(set.body));
        return date;
      },
      alert: once(async () => {
        // A threshold as long as the deadline warns at acceptance (R14a); the default comes back after.
        await clients.admin.put('/api/settings', {
          ...DEFAULT_HUB_SETTINGS,
          warningWorkingDays: DEFAULT_HUB_SETTINGS.workingDaysAllowed,
        });
        const itemId = await fixture.item('in_review');
        await settled(); // a warning pass has run since: the alert is there to read
        const alert = await eventually(async () =>
          (await clients['liaison-own'].get('/api/alerts')).body.alerts.find((a) => a.itemId === itemId),
        );
        await clients.admin.put('/api/settings', DEFAULT_HUB_SETTINGS);
        await settled();
        return alert.id;
      }),
      circulation: once(async () => {
        await clients.admin.put('/api/settings', { ...DEFAULT_HUB_SETTINGS, circulationThreshold: 1 });
        const item = (await clients.window.post(`/api/items/${await fixture.item('awaiting_acceptance')}/acceptance`)).body; // its main material is in (R8)
        const now = new Date((await clients.leader.get('/api/board')).body.serverNow);
        await clients.admin.post('/api/test/clock', { advanceMs: new Date(item.dueAt!).getTime() - now.getTime() + 1000 });
        await settled();
        return quarterOf(civilDateOf(new Date(new Date(item.dueAt!).getTime() - 1), 'Asia/Shanghai'));
      }),
      people: {
        code: () => `Z${++peopleSeq}`,
        department: async () =>
          (await clients.admin.post('/api/admin/departments', { code: fixture.people.code(), name: '临时局', nameEn: 'Temporary Bureau' }))
            .body.id,
        user: async () =>
          (
            await clients.admin.post('/api/admin/users', {
              username: fixture.people.code().toLowerCase(),
              displayName: '临时',
              role: 'window',
              departmentId: null,
            })
          ).body.user.id,
        importCsv: () =>
          `kind,code,name,name_en,username,display_name,role,department_code\nuser,,,,${fixture.people.code().toLowerCase()},导入,leader,\n`,
        setupToken: async () => {
          const token = newSessionToken();
          await hub.app
            .get(Database)
            .query(`INSERT INTO setup_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, hub_now() + interval '1 hour')`, [
              hashSessionToken(token),
              await fixture.people.user(),
            ]);
          return token;
        },
        switchedOff: async () => {
          const id = await fixture.people.user();
          await clients.admin.post(`/api/admin/users/${id}/deactivation`);
          return id;
        },
        deputyPeriod: async () => (await clients.admin.post('/api/deputies', await fixture.people.deputy())).body.id,
        deputy: async () => {
          const now = new Date((await clients.leader.get('/api/board')).body.serverNow).getTime() + 86_400_000 * 400 * ++peopleSeq;
          return {
            principalUserId: LIAISON_OWN_ID.value,
            deputyUserId: await deputyCandidate(),
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 86_400_000).toISOString(),
          };
        },
      },
      inquiry: async (state) => {
        const dispositions: Record<string, DispositionRequest | undefined> = {
          open: undefined,
          transferred: { kind: 'transfer', toDepartmentId: DRC_ID.value },
          answered: { kind: 'answer', answer: '已当场答复' },
        };
        const disposition = dispositions[state];
        const reply = await clients.window.post('/api/inquiries', { ...INQUIRY, disposition });
        if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
        return reply.body.id;
      },
    };
  });
  afterAll(async () => {
    await hub.close();
    await db.drop();
  });

  it('R2: the matrix covers every route the router declares', () => {
    expect(declaredRoutes(hub.app)).toEqual(MATRIX.map((c) => c.route).sort());
  });

  for (const routeCase of MATRIX) {
    for (const who of EVERYONE) {
      const allowed = routeCase.allowed.includes(who);
      it(`R2: ${routeCase.route} as ${who} → ${allowed ? 'allowed' : 'refused, nothing changes'}`, async () => {
        const { path, body, headers } = await routeCase.request(fixture);
        const method = routeCase.route.split(' ')[0]!;
        const positionBefore = (await clients.leader.get('/api/board')).body.position;
        const client = routeCase.ownSession ? await sessionOf(who) : clients[who];
        const reply = typeof body === 'string' ? await client.sendText(method, path, body, headers) : await client.send(method, path, body);
        if (allowed) {
          expect(reply.status).toBeLessThan(300);
        } else {
          expect(reply.status).toBe(who === 'anonymous' ? 401 : 403);
          expect(reply.body).toMatchObject({ status: reply.status });
          expect((await clients.leader.get('/api/board')).body.position).toBe(positionBefore);
        }
      });
    }
  }
});
