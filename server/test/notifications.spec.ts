import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertView, MeetingView } from '@hub/shared';
import { Client } from 'pg';
import { loadNotificationsConfig } from '../src/config/notifications-config';
import { withDisposition } from './inquiry-fixtures';
import { calendarPart, startMailCatcher, type MailCatcher } from './mail-catcher';
import {
  acceptItem,
  admittedProject,
  connected,
  connectSocket,
  createTestDatabase,
  eventually,
  HubClient,
  hubWorkDone,
  loadPeople,
  REGISTRATION,
  startTestHub,
  type HubSocket,
  type TestHub,
} from './test-hub';

const PUBLIC_URL = 'https://hub.example.gov.cn';
const SMS_SECRET = 'sms-shared-secret';

interface SmsRequest {
  signature: string;
  idempotencyKey: string;
  raw: string;
  body: { to: string; text: string; id: string };
}

/** A local SMS gateway: answers by number — 13900000500 fails once with 503, 13900000400 always 400, others 200. */
async function startSmsGateway(): Promise<{ url: string; requests: SmsRequest[]; close(): Promise<void> }> {
  const requests: SmsRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as SmsRequest['body'];
      requests.push({
        signature: String(req.headers['x-hub-signature']),
        idempotencyKey: String(req.headers['idempotency-key']),
        raw,
        body,
      });
      const tries = requests.filter((r) => r.body.to === body.to).length;
      const status = body.to === '13900000400' ? 400 : body.to === '13900000500' && tries === 1 ? 503 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: status === 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sms`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** R27 on real PostgreSQL with two hub instances, a real SMTP server and a local SMS gateway in this process. */
describe('notifications: alerts and applicant steps reach people by e-mail and SMS through the outbox, once (R27, R15a, two instances)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let first: TestHub;
  let second: TestHub;
  let sql: Client;
  let mail: MailCatcher;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let window: HubClient;
  let leader: HubClient;
  let admin: HubClient;
  let drc: HubClient;
  let nrp: HubClient;
  let eeb: HubClient;
  let socket: HubSocket;
  const pushed: AlertView[] = [];

  beforeAll(async () => {
    mail = await startMailCatcher();
    sms = await startSmsGateway();
    const notifications = loadNotificationsConfig(
      {
        HUB_SMTP_HOST: '127.0.0.1',
        HUB_SMTP_PORT: String(mail.port),
        HUB_SMTP_FROM: 'hub@center.example.gov.cn',
        HUB_SMS_WEBHOOK_URL: sms.url,
        HUB_SMS_WEBHOOK_SECRET: SMS_SECRET,
        HUB_PUBLIC_URL: PUBLIC_URL,
        HUB_NOTIFY_MAX_ATTEMPTS: '3',
        HUB_NOTIFY_RETRY_MS: '100',
        HUB_NOTIFY_SWEEP_MS: '200',
      },
      (m) => new Error(m),
    );
    db = await createTestDatabase();
    first = await startTestHub(db.url, { notifications });
    second = await startTestHub(db.url, { notifications });
    await loadPeople(first);
    window = await HubClient.login(first.url, 'window');
    leader = await HubClient.login(second.url, 'leader');
    admin = await HubClient.login(first.url, 'admin');
    drc = await HubClient.login(first.url, 'liaison-drc');
    nrp = await HubClient.login(second.url, 'liaison-nrp');
    eeb = await HubClient.login(first.url, 'liaison-eeb');
    socket = connectSocket(second.url, nrp.cookie);
    socket.on('alert:new', (alert) => pushed.push(alert));
    await connected(socket);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    socket?.close();
    await sql?.end();
    await first?.close();
    await second?.close();
    await db?.drop();
    await mail?.close();
    await sms?.close();
  });

  const count = async (query: string, params: unknown[] = []) => Number((await sql.query(query, params)).rows[0].n);
  /** Both instances' senders have nothing left to do: every message sent or given up. */
  const outboxSettled = () =>
    eventually(async () =>
      (await count(`SELECT count(*) AS n FROM outbox WHERE state IN ('pending','sending')`)) === 0 ? true : undefined,
    );
  const hubNow = async () => new Date((await leader.get('/api/board')).body.serverNow);

  it('R27: each person chooses per kind; a channel without its address is refused naming R27 and the field, and nothing changes', async () => {
    const before = (await nrp.get('/api/notifications/mine')).body;
    expect(before).toEqual({
      email: null,
      mobile: null,
      channels: expect.objectContaining({ meeting_invited: 'email', deadline_warning: 'hub' }),
    });
    const refused = await nrp.put('/api/notifications/mine', {
      email: null,
      mobile: null,
      channels: { ...before.channels, deadline_warning: 'sms' },
    });
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ rule: 'R27', errors: [{ field: 'channels.deadline_warning' }] });
    const badMail = await nrp.put('/api/notifications/mine', { email: 'not-an-address', mobile: null, channels: before.channels });
    expect(badMail.body).toMatchObject({ rule: 'R27', errors: [{ field: 'email' }] });
    expect((await nrp.get('/api/notifications/mine')).body).toEqual(before);

    const saved = await nrp.put('/api/notifications/mine', {
      email: 'nrp@example.gov.cn',
      mobile: null,
      channels: before.channels,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.email).toBe('nrp@example.gov.cn');
    const drcChoice = await drc.put('/api/notifications/mine', {
      email: null,
      mobile: '138 0013 8000',
      channels: { ...before.channels, meeting_invited: 'sms' },
    });
    expect(drcChoice.body).toMatchObject({ mobile: '13800138000', channels: { meeting_invited: 'sms' } });
  });

  let meeting: MeetingView;

  it('R15a R27: convening alerts every liaison of each invited department once, pushed live; e-mail with the .ics and SMS go out once across two instances', async () => {
    const { project, departmentId } = await admittedProject(window, leader, ['DRC', 'NRP', 'EEB'], '会议邀请项目');
    const convened = await window.post(`/api/projects/${project.id}/meetings`, {
      kind: 'coordination',
      title: '用地协调会',
      startsAt: new Date((await hubNow()).getTime() + 3 * 86_400_000).toISOString(),
      online: true,
      invitedDepartmentIds: [departmentId('DRC'), departmentId('NRP')],
    });
    expect(convened.status).toBe(201);
    meeting = convened.body;
    await eventually(() => (pushed.length === 1 ? true : undefined));
    expect(pushed[0]).toMatchObject({
      kind: 'meeting_invited',
      meetingId: meeting.id,
      projectId: project.id,
      dueAt: meeting.startsAt,
      readAt: null,
    });
    expect((await nrp.get('/api/alerts')).body.alerts.map((a) => [a.kind, a.meetingId])).toEqual([['meeting_invited', meeting.id]]);
    expect((await eeb.get('/api/alerts')).body.alerts).toEqual([]);
    const rows = await sql.query(
      `SELECT u.username FROM alerts a JOIN users u ON u.id = a.user_id WHERE a.meeting_id = $1 ORDER BY u.username`,
      [meeting.id],
    );
    expect(rows.rows.map((r) => r.username)).toEqual(['liaison-drc', 'liaison-nrp']);

    await outboxSettled();
    await hubWorkDone(first, second);
    const invitations = mail.received.filter((m) => m.subject?.includes('用地协调会'));
    expect(invitations).toHaveLength(1);
    const invitation = invitations[0]!;
    expect(invitation.to?.text).toBe('nrp@example.gov.cn');
    expect(invitation.from?.text).toBe('hub@center.example.gov.cn');
    expect(invitation.subject).toBe(`【绿色通道】协调会邀请：用地协调会（${project.code}）`);
    expect(invitation.text).toContain('贵部门受邀参加');
    expect(invitation.text).toContain(`${PUBLIC_URL}/meetings/${meeting.id}`);
    const ics = calendarPart(invitation)!.replace(/\r\n[ \t]/g, ''); // unfolded (RFC 5545 3.1)
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:meeting-${meeting.id}@green-channel-hub`);
    const utc = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(ics).toContain(`DTSTART:${utc(meeting.startsAt)}`);
    expect(ics).toContain(`DTEND:${utc(meeting.endsAt)}`);
    expect(ics).toContain('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:nrp@example.gov.cn');

    const texts = sms.requests.filter((r) => r.body.to === '13800138000');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body.text).toContain('用地协调会');
    expect(texts[0]!.signature).toBe(`sha256=${createHmac('sha256', SMS_SECRET).update(texts[0]!.raw).digest('hex')}`);
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE kind = 'meeting_invited' AND state = 'sent' AND attempts = 1`)).toBe(2);
  });

  it('R4a R27: the applicant with a recorded e-mail and mobile is told at admission and acceptance, in Chinese, with the project code and the status page link', async () => {
    const departments = (await window.get('/api/departments')).body;
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '告知业主项目',
      owner: { ...REGISTRATION.owner, contactPhone: '139-0000-0001', contactEmail: 'owner@example.com' },
    });
    expect(registered.status).toBe(201);
    const code: string = registered.body.code;
    expect(await count(`SELECT count(*) AS n FROM outbox WHERE project_id = $1`, [registered.body.id])).toBe(0); // registration is not a step told
    const admitted = await leader.post(`/api/projects/${registered.body.id}/admission`, {
      leadDepartmentId: departments.find((d) => d.code === 'DRC')!.id,
      participatingDepartmentIds: [],
    });
    expect(admitted.status).toBe(200);
    expect((await acceptItem(window, admitted.body.items[0].id)).status).toBe(200);
    await outboxSettled();
    const toOwner = mail.received.filter((m) => m.to?.text === 'owner@example.com');
    expect(toOwner.map((m) => m.subject)).toEqual([`【绿色通道】${code} 告知业主项目`, `【绿色通道】${code} 告知业主项目`]);
    expect(toOwner[0]!.text).toContain('您的项目已纳入重点项目绿色通道');
    expect(toOwner[1]!.text).toMatch(/发展和改革局已受理您的审批申请，办理时限至 \d{4}-\d\d-\d\d \d\d:\d\d/);
    for (const m of toOwner) {
      expect(m.text).toContain(`项目代码：${code}`);
      expect(m.text).toContain(`${PUBLIC_URL}/status?code=${encodeURIComponent(code)}`);
    }
    expect(sms.requests.filter((r) => r.body.to === '13900000001').map((r) => r.body.text.includes(code))).toEqual([true, true]);
  });

  it('R3 R27: the applicant is told when admission is refused, with the reason', async () => {
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '不予准入告知项目',
      owner: { ...REGISTRATION.owner, contactPhone: '010-1234567', contactEmail: 'refused-owner@example.com' },
    });
    expect((await leader.post(`/api/projects/${registered.body.id}/admission-refusal`, { reason: '未取得用地预审意见' })).status).toBe(200);
    await outboxSettled();
    const toOwner = mail.received.filter((m) => m.to?.text === 'refused-owner@example.com');
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]!.text).toContain('不予纳入重点项目绿色通道。理由：未取得用地预审意见');
    expect(toOwner[0]!.text).toContain(`项目代码：${registered.body.code}`);
  });

  it('R27: the SMS webhook is retried on 5xx (one delivery) and given up at once on 4xx, on record', async () => {
    const departments = (await window.get('/api/departments')).body;
    for (const phone of ['13900000500', '13900000400']) {
      const registered = await window.post('/api/projects', {
        ...REGISTRATION,
        name: `短信${phone}`,
        owner: { ...REGISTRATION.owner, contactPhone: phone },
      });
      expect(
        (
          await leader.post(`/api/projects/${registered.body.id}/admission`, {
            leadDepartmentId: departments[0]!.id,
            participatingDepartmentIds: [],
          })
        ).status,
      ).toBe(200);
    }
    await outboxSettled();
    await hubWorkDone(first, second);
    expect(sms.requests.filter((r) => r.body.to === '13900000500')).toHaveLength(2); // 503, then 200
    expect(sms.requests.filter((r) => r.body.to === '13900000400')).toHaveLength(1); // 400: no retry
    const states = await sql.query(
      `SELECT address, state, attempts, last_error FROM outbox WHERE address IN ('13900000500','13900000400') ORDER BY address`,
    );
    expect(states.rows).toEqual([
      { address: '13900000400', state: 'failed', attempts: 1, last_error: expect.stringContaining('SMS gateway 400') },
      { address: '13900000500', state: 'sent', attempts: 2, last_error: null },
    ]);
    // One fact, one send: the same outbox id is the idempotency key of both tries.
    const retried = sms.requests.filter((r) => r.body.to === '13900000500');
    expect(retried[0]!.idempotencyKey).toBe(retried[1]!.idempotencyKey);
  });

  it('R27: an SMTP server that refuses the sender is a clear failure on record, not retried; the admin sees every message with its state (others are refused)', async () => {
    mail.refuseSenders.add('blocked@center.example.gov.cn');
    const put = await admin.put('/api/settings/smtp', {
      host: '127.0.0.1',
      port: mail.port,
      secure: false,
      user: '',
      from: 'blocked@center.example.gov.cn',
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ from: 'blocked@center.example.gov.cn', passwordSet: false });
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '退信项目',
      owner: { ...REGISTRATION.owner, contactEmail: 'refused@example.com' },
    });
    const departments = (await window.get('/api/departments')).body;
    expect(
      (
        await leader.post(`/api/projects/${registered.body.id}/admission`, {
          leadDepartmentId: departments[0]!.id,
          participatingDepartmentIds: [],
        })
      ).status,
    ).toBe(200);
    await outboxSettled();
    const row = (await sql.query(`SELECT state, attempts, last_error FROM outbox WHERE address = 'refused@example.com'`)).rows;
    expect(row).toEqual([{ state: 'failed', attempts: 1, last_error: expect.stringMatching(/^SMTP 553: .*Sender address rejected/) }]);
    expect(mail.received.filter((m) => m.to?.text === 'refused@example.com')).toHaveLength(0);

    const list = await admin.get('/api/admin/messages');
    expect(list.status).toBe(200);
    expect(list.body.find((m) => m.address === 'refused@example.com')).toMatchObject({
      state: 'failed',
      channel: 'email',
      kind: 'applicant.project.admitted',
      recipientName: null,
    });
    expect(list.body.find((m) => m.address === 'nrp@example.gov.cn')).toMatchObject({
      state: 'sent',
      kind: 'meeting_invited',
      recipientName: expect.any(String),
    });
    expect((await nrp.get('/api/admin/messages')).status).toBe(403);
    expect((await nrp.put('/api/settings/smtp', { host: 'evil', port: 25, secure: false, user: '', from: 'x@y.z' })).status).toBe(403);
    // Every message went out at most once: no Message-ID arrived twice.
    const ids = mail.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // Moves the hub clock and puts the environment's SMTP server back: keep it last.
  it('R24 R27: an overdue promised reply reaches its responder by e-mail and a leader by SMS, as each chose for inquiry_overdue, once across two instances, written with the flag', async () => {
    expect((await admin.put('/api/settings/smtp', { host: '', port: 587, secure: false, user: '', from: '' })).status).toBe(200);
    const defaults = (await window.get('/api/notifications/mine')).body.channels;
    expect(defaults.inquiry_overdue).toBe('hub');
    expect(
      (
        await window.put('/api/notifications/mine', {
          email: 'window@example.gov.cn',
          mobile: null,
          channels: { ...defaults, inquiry_overdue: 'email' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await leader.put('/api/notifications/mine', {
          email: null,
          mobile: '13900000777',
          channels: { ...defaults, meeting_invited: 'hub', inquiry_overdue: 'sms' },
        })
      ).status,
    ).toBe(200);
    // A liaison that chose e-mail is neither the responder nor a leader: told nothing.
    expect(
      (
        await eeb.put('/api/notifications/mine', {
          email: 'eeb@example.gov.cn',
          mobile: null,
          channels: { ...defaults, inquiry_overdue: 'email' },
        })
      ).status,
    ).toBe(200);

    const registered = await window.post('/api/inquiries', withDisposition({ kind: 'promise', workingDays: 1, note: '核实后答复' }));
    expect(registered.status).toBe(201);
    const inquiry = registered.body;
    const now = await hubNow();
    await admin.post('/api/test/clock', { advanceMs: new Date(inquiry.promise!.dueAt).getTime() - now.getTime() + 1000 });
    await hubWorkDone(first, second);
    await outboxSettled();

    const mails = mail.received.filter((m) => m.subject?.includes(inquiry.number));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to?.text).toBe('window@example.gov.cn');
    expect(mails[0]!.subject).toBe(`【绿色通道】答复逾期：${inquiry.number} ${inquiry.subject}`);
    expect(mails[0]!.text).toContain(`您承诺于 ${inquiry.promise!.dueDate} 前答复的咨询`);
    expect(mails[0]!.text).toContain(`${PUBLIC_URL}/inquiries/${inquiry.id}`);
    const texts = sms.requests.filter((r) => r.body.to === '13900000777');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body.text).toContain(inquiry.number);
    // Written in the flag's own transaction: the same instant, one row per person and channel.
    const rows = await sql.query(
      `SELECT o.address, o.state, o.created_at = i.overdue_flagged_at AS with_flag FROM outbox o JOIN inquiries i ON o.fact = 'inquiry-overdue:' || i.id WHERE i.id = $1 ORDER BY o.address`,
      [inquiry.id],
    );
    expect(rows.rows).toEqual([
      { address: '13900000777', state: 'sent', with_flag: true },
      { address: 'window@example.gov.cn', state: 'sent', with_flag: true },
    ]);
  });

  it('R14 R27: items of one project deemed in one claim tell the applicant of each, naming its department, once per channel', async () => {
    const departments = (await window.get('/api/departments')).body;
    const id = (code: string) => departments.find((d) => d.code === code)!.id;
    const registered = await window.post('/api/projects', {
      ...REGISTRATION,
      name: '批量默许告知项目',
      owner: { ...REGISTRATION.owner, contactPhone: '139-0000-0002', contactEmail: 'batch-owner@example.com' },
    });
    const admitted = await leader.post(`/api/projects/${registered.body.id}/admission`, {
      leadDepartmentId: id('DRC'),
      participatingDepartmentIds: [id('NRP')],
    });
    expect(admitted.status).toBe(200);
    const due: number[] = [];
    for (const item of admitted.body.items) due.push(new Date((await acceptItem(window, item.id)).body.dueAt!).getTime());
    await admin.post('/api/test/clock', { advanceMs: Math.max(...due) - (await hubNow()).getTime() + 1000 });
    await hubWorkDone(first, second);
    await outboxSettled();
    // One claim fired both (one firing instant), and each was told apart: its own card position, its own department.
    const fired = await sql.query(
      `SELECT DISTINCT d.fired_at FROM deemed_consents d JOIN approval_items i ON i.id = d.item_id WHERE i.project_id = $1`,
      [registered.body.id],
    );
    expect(fired.rows).toHaveLength(1);
    const told = mail.received.filter((m) => m.to?.text === 'batch-owner@example.com' && m.text?.includes('视为同意'));
    expect(told.map((m) => /^(\S+?)未在时限内/.exec(m.text ?? '')?.[1]).sort()).toEqual(['发展和改革局', '自然资源和规划局'].sort());
    expect(sms.requests.filter((r) => r.body.to === '13900000002' && r.body.text.includes('视为同意'))).toHaveLength(2);
    expect(
      await count(`SELECT count(DISTINCT fact) AS n FROM outbox WHERE project_id = $1 AND kind = 'applicant.item.deemed_consent'`, [
        registered.body.id,
      ]),
    ).toBe(2);
  });
});
