import { expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { apiAs, logInAs } from './hub';

// A real SMTP server in the test process (smtp-server) and the parser of what arrives (mailparser); neither ships types.
const load = createRequire(__filename);
const { SMTPServer } = load('smtp-server');
const { simpleParser } = load('mailparser');

interface Mail {
  subject: string;
  text: string;
  to: { text: string };
  alternatives?: { contentType: string; content: Buffer }[];
  attachments: { contentType: string; content: Buffer }[];
}

test('R27 R28 R1 R15a R19: the admin names the mail server and the file size limit, creates a department and its liaison; the liaison chooses a password and an address, receives the invitation by e-mail with its .ics and joins the room', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000); // several page loads and Argon2 hashes on a shared, slow machine
  const received: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream: NodeJS.ReadableStream, _session: unknown, done: (e?: Error) => void) {
      simpleParser(stream).then((mail: Mail) => (received.push(mail), done()), done);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const admin = await (await browser.newContext()).newPage();
  const liaison = await (await browser.newContext()).newPage();
  let oneTimePassword = '';

  try {
    await test.step('R27: the admin names the SMTP server on the settings page', async () => {
      await logInAs(admin, 'admin');
      await admin.getByTestId('nav-settings').click();
      await admin.getByTestId('smtp-host').fill('127.0.0.1');
      await admin.getByTestId('smtp-port').fill(String(smtpPort));
      await admin.getByTestId('smtp-from').fill('绿色通道 <hub@center.example.gov.cn>');
      await admin.getByTestId('smtp-save').click();
      await expect(admin.getByTestId('smtp-form').getByRole('status')).toContainText('已保存');
    });

    await test.step('R28: the admin sets the material file size limit on the same page; a bad value is named at its field', async () => {
      await admin.getByTestId('file-limit-mb').fill('0');
      await admin.getByTestId('file-limit-save').click();
      await expect(admin.locator('#file-limit-error')).toContainText('1 到 2048');
      await admin.getByTestId('file-limit-mb').fill('80');
      await admin.getByTestId('file-limit-save').click();
      await expect(admin.getByTestId('file-limit-message')).toContainText('已保存');
      const filesSettings = await (await apiAs(baseURL!, 'window')).get('/api/settings/files');
      expect(await filesSettings.json()).toEqual({ maxBytes: 80 * 1024 * 1024 });
    });

    await test.step('R1: a new department and its liaison, with a one-time password', async () => {
      await admin.getByTestId('nav-departments').click();
      await admin.getByLabel('部门代码').fill('WRB');
      await admin.getByLabel('中文名称').fill('水利局');
      await admin.getByLabel('英文名称').fill('Water Resources Bureau');
      await admin.getByTestId('dept-save').click();
      await expect(admin.locator('[data-testid="dept-table"] tr[data-code="WRB"]')).toContainText('水利局');
      await admin.getByTestId('nav-people').click();
      await admin.getByLabel('用户名').fill('shuili.zhou');
      await admin.getByLabel('姓名').fill('周水利');
      await admin.getByLabel('角色').selectOption('liaison');
      await admin.getByLabel('所属部门').selectOption({ label: 'WRB 水利局' });
      await admin.getByTestId('user-create').click();
      oneTimePassword = (await admin.getByTestId('one-time-value').textContent())!.trim();
      expect(oneTimePassword).toHaveLength(16);
    });

    await test.step('R1 R27: the liaison logs in, chooses its password, gives its e-mail; invitations go by e-mail by default', async () => {
      await liaison.goto('/login');
      await liaison.getByTestId('login-username').fill('shuili.zhou');
      await liaison.getByTestId('login-password').fill(oneTimePassword);
      await liaison.getByTestId('login-submit').click();
      await expect(liaison).toHaveURL(/\/password$/);
      await liaison.getByTestId('password-current').fill(oneTimePassword);
      await liaison.getByTestId('password-new').fill('水利局联络员的新密码');
      await liaison.getByTestId('password-repeat').fill('水利局联络员的新密码');
      await liaison.getByTestId('password-submit').click();
      await expect(liaison).toHaveURL(/\/desk$/); // a liaison's home is its to-do desk (issue 14)
      await liaison.getByTestId('nav-notifications').click();
      await expect(liaison.getByTestId('notify-meeting_invited-email')).toBeChecked();
      await liaison.getByTestId('notify-deadline_warning-sms').check();
      await liaison.getByTestId('notify-save').click();
      await expect(liaison.locator('fieldset[data-kind="deadline_warning"] .field-error')).toContainText('手机号码'); // R27: no mobile, refused at its field, in Chinese
      await liaison.getByTestId('notify-deadline_warning-hub').check();
      await liaison.getByTestId('notify-email').fill('shuili.zhou@example.gov.cn');
      await liaison.getByTestId('notify-save').click();
      await expect(liaison.getByTestId('notify-message')).toContainText('已保存');
    });

    let meetingId = '';
    await test.step('R15a R27: the window convenes a meeting inviting the new department; the invitation arrives by e-mail with its calendar file', async () => {
      const window = await apiAs(baseURL!, 'window');
      const leader = await apiAs(baseURL!, 'leader');
      const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
      const registered = await window.post('/api/projects', {
        data: {
          name: '城东防洪排涝工程',
          owner: { name: '城东水务投资有限公司', legalRepresentative: '钱江', contactName: '孙波', contactPhone: '0571-87654321' },
          category: 'city_key',
          preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
          totalInvestment: { amount: '260000000.00', currency: 'CNY' },
          reportToHigherAuthority: false,
        },
      });
      const project = await registered.json();
      const wrb = departments.find((d) => d.code === 'WRB')!.id;
      expect(
        (
          await leader.post(`/api/projects/${project.id}/admission`, { data: { leadDepartmentId: wrb, participatingDepartmentIds: [] } })
        ).status(),
      ).toBe(200);
      const serverNow = new Date((await (await window.get('/api/board')).json()).serverNow);
      const convened = await window.post(`/api/projects/${project.id}/meetings`, {
        data: {
          kind: 'coordination',
          title: '防洪工程协调会',
          startsAt: new Date(serverNow.getTime() + 40 * 60_000).toISOString(),
          online: true,
          invitedDepartmentIds: [wrb],
        },
      });
      expect(convened.status()).toBe(201);
      meetingId = (await convened.json()).id;
      await expect.poll(() => received.filter((m) => m.to.text === 'shuili.zhou@example.gov.cn').length, { timeout: 30_000 }).toBe(1);
      const mail = received.find((m) => m.to.text === 'shuili.zhou@example.gov.cn')!;
      expect(mail.subject).toBe(`【绿色通道】协调会邀请：防洪工程协调会（${project.code}）`);
      expect(mail.text).toContain('贵部门受邀参加');
      const ics = [...(mail.alternatives ?? []), ...mail.attachments]
        .find((p) => p.contentType.startsWith('text/calendar'))!
        .content.toString('utf8')
        .replace(/\r\n[ \t]/g, '');
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:meeting-${meetingId}@green-channel-hub`);
      expect(mail.text).toContain(`/meetings/${meetingId}`);
      expect((await window.post(`/api/meetings/${meetingId}/opening`)).status()).toBeLessThan(300);
    });

    await test.step('R19: the liaison follows the link in the e-mail into the room and is recorded present', async () => {
      await liaison.goto(`/meetings/${meetingId}`);
      await expect(liaison.getByTestId('room-title')).toContainText('防洪工程协调会');
      await expect(liaison.getByTestId('roll-present').getByTestId('roll-WRB')).toBeVisible();
      await liaison.screenshot({ path: 'e2e/artifacts/notifications-room.png', fullPage: true });
    });
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});
