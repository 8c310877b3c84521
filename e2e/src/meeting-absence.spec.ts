import { expect, test } from '@playwright/test';
import { buildCalendar, earliestBindingStart } from '@hub/shared';
import { advanceHubClockPast, apiAs, logInAs, mainMaterialReceived } from './hub';

/** The center's wall clock (Asia/Shanghai, no DST) as a datetime-local value. */
const shanghaiWallClock = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

test('R15 R15a R17 R18 R19: convened with notice, joined, closed by the window after confirming who will be deemed; the closed room and the board show outcomes, causes and notice numbers', async ({
  browser,
  baseURL,
}) => {
  test.slow(); // three browsers, a clock moved twice and four full-page screenshots on a shared machine
  // Three people, three browsers: the leader at the board, the NRP liaison in the room, the window convening.
  const leaderPage = await (await browser.newContext()).newPage();
  const liaisonPage = await (await browser.newContext()).newPage();
  const convenerPage = await (await browser.newContext()).newPage();

  // Not under test: a project with DRC (lead), NRP and EEB, every item accepted.
  const window = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const admin = await apiAs(baseURL!, 'admin');
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string; name: string }[];
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  const registered = await window.post('/api/projects', {
    data: {
      name: '生物医药产业园二期',
      owner: { name: '康华生物科技有限公司', legalRepresentative: '林康', contactName: '许静', contactPhone: '0571-66668888' },
      category: 'city_key',
      preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
      totalInvestment: { amount: '420000000.00', currency: 'CNY' },
      reportToHigherAuthority: false,
    },
  });
  expect(registered.status()).toBe(201);
  const project = await registered.json();
  const admitted = await leaderApi.post(`/api/projects/${project.id}/admission`, {
    data: { leadDepartmentId: dept('DRC'), participatingDepartmentIds: [dept('NRP'), dept('EEB')] },
  });
  expect(admitted.status()).toBe(200);
  for (const item of (await admitted.json()).items as { id: string }[]) {
    await mainMaterialReceived(window, item.id);
    expect((await window.post(`/api/items/${item.id}/acceptance`)).status()).toBe(200);
  }
  const code = project.code as string;

  await test.step('the leader opens the live board: EEB is running', async () => {
    await logInAs(leaderPage, 'leader');
    await expect(leaderPage.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
    await expect(leaderPage.getByTestId(`cell-${code}-EEB`)).toHaveAttribute('data-status', /on_track|due_soon|due_today/);
  });

  await test.step('the NRP liaison waits at its desk', async () => {
    await logInAs(liaisonPage, 'liaison-nrp');
    await liaisonPage.getByTestId('nav-meetings').click();
    await expect(liaisonPage.getByTestId('meetings-desk')).toBeVisible();
    await expect(liaisonPage.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
  });

  let meetingId = '';
  let startsAt = '';
  await test.step('R18 R15a: the window schedules a joint review meeting a working day ahead; invitees default to the open items', async () => {
    await logInAs(convenerPage, 'window');
    await expect(convenerPage.getByTestId('live-status')).toHaveAttribute('data-state', 'live');
    await convenerPage.goto(`/projects/${project.id}`);
    await convenerPage.getByTestId('meeting-schedule-toggle').click();
    const form = convenerPage.getByTestId('meeting-schedule-form');
    await form.getByTestId('meeting-kind').selectOption('joint_review');
    await form.getByTestId('meeting-title').fill('生物医药产业园二期联审会');
    const serverNow = new Date((await (await window.get('/api/board')).json()).serverNow);
    // R15a: at least one working day of notice (counted on the working-day calendar), or absence has no effect.
    // The hub's own calendar: an earlier spec may have published or edited a year.
    const calendar = buildCalendar((await (await window.get('/api/calendar')).json()).calendar);
    const start = new Date(earliestBindingStart(serverNow, calendar, 'Asia/Shanghai', 1).getTime() + 5 * 60_000);
    await form.getByTestId('meeting-starts').fill(shanghaiWallClock(start));
    for (const c of ['DRC', 'NRP', 'EEB']) await expect(form.getByTestId(`invite-${c}`)).toBeChecked();
    await form.getByTestId('meeting-agenda').fill('审议用地预审与环评');
    await form.getByTestId('meeting-submit').click();
    await expect(convenerPage).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingId = convenerPage.url().split('/').pop()!;
    await expect(convenerPage.getByTestId('room-status')).toHaveAttribute('data-status', 'scheduled');
    const meeting = await (await window.get(`/api/meetings/${meetingId}`)).json();
    expect(meeting.roll.every((r: { noticeGiven: boolean }) => r.noticeGiven)).toBe(true);
    startsAt = meeting.startsAt;
    // The test clock moves to half an hour before the start: the room may open (at most an hour early).
    await advanceHubClockPast(admin, startsAt, -30 * 60_000);
  });

  await test.step('R18: the invitation appears on the liaison desk at once; the liaison enters the room', async () => {
    const link = liaisonPage.getByTestId(`meeting-link-${meetingId}`);
    await expect(link).toBeVisible();
    await link.click();
    await expect(liaisonPage.getByTestId('room-title')).toContainText('生物医药产业园二期联审会');
    await expect(liaisonPage.getByTestId('roll-expected').getByTestId('roll-NRP')).toBeVisible();
  });

  await test.step('R19: the convener opens the room; the waiting liaison is recorded present, live in both rooms', async () => {
    await convenerPage.getByTestId('room-open').click();
    await expect(convenerPage.getByTestId('room-status')).toHaveAttribute('data-status', 'open');
    await expect(convenerPage.getByTestId('roll-present').getByTestId('roll-NRP')).toBeVisible();
    await expect(convenerPage.getByTestId('roll-NRP')).toHaveAttribute('data-online', 'true');
    await expect(liaisonPage.getByTestId('roll-present').getByTestId('roll-NRP')).toBeVisible();
    await expect(liaisonPage.getByTestId('roll-expected').getByTestId('roll-EEB')).toBeVisible();
    // DRC's people attend in person: the convener marks them present.
    await convenerPage.getByTestId('mark-present-DRC').click();
    await expect(liaisonPage.getByTestId('roll-present').getByTestId('roll-DRC')).toBeVisible();
  });

  await test.step('R18: the liaison first disagrees, with the legal basis: "opposed at the meeting" in the room and on the live board', async () => {
    await liaisonPage.getByTestId('opinion-kind').selectOption('disagree');
    await liaisonPage.getByTestId('opinion-basis').fill('《土地管理法》第四十四条');
    await liaisonPage.getByTestId('opinion-submit').click();
    await expect(convenerPage.getByTestId('opposed-NRP')).toBeVisible();
    await expect(leaderPage.getByTestId(`cell-${code}-NRP`).getByTestId('cell-opposed')).toBeVisible();
  });

  await test.step('R18: the liaison agrees with conditions; everyone in the room sees it; the opposition clears, the earlier version stays in the history', async () => {
    await liaisonPage.getByTestId('opinion-kind').selectOption('agree_with_conditions');
    await liaisonPage.getByTestId('opinion-conditions').fill('用地红线按规划条件核定');
    await liaisonPage.getByTestId('opinion-submit').click();
    await expect(convenerPage.getByTestId('opinion-NRP')).toContainText('用地红线按规划条件核定');
    await expect(convenerPage.getByTestId('opinion-NRP')).toHaveAttribute('data-kind', 'agree_with_conditions');
    await expect(convenerPage.getByTestId('opposed-NRP')).toHaveCount(0);
    await expect(leaderPage.getByTestId(`cell-${code}-NRP`).getByTestId('cell-opposed')).toHaveCount(0);
    await expect(convenerPage.getByTestId('opinion-history-NRP')).toContainText('《土地管理法》第四十四条');
  });

  await test.step('R15a R15: after the grace the window reviews the close, confirms the stated consequence, and EEB turns to deemed consent', async () => {
    await expect(leaderPage.getByTestId(`cell-${code}-EEB`)).not.toHaveAttribute('data-status', 'deemed_consent');
    await advanceHubClockPast(admin, startsAt, 15 * 60_000 + 1000);
    await convenerPage.getByTestId('room-conclusion-input').fill('原则同意，按条件落实');
    await convenerPage.getByTestId('room-close').click();
    // The confirmation names the department the close will deem; nothing happens until confirmed.
    const eebName = departments.find((d) => d.code === 'EEB')!.name;
    await expect(convenerPage.getByTestId('close-consequence')).toContainText(eebName);
    await expect(convenerPage.getByTestId('close-consequence')).toContainText('将被视为同意');
    await expect(convenerPage.getByTestId('room-status')).toHaveAttribute('data-status', 'open');
    await convenerPage.screenshot({ path: 'e2e/artifacts/meeting-close-confirm.png', fullPage: true });
    await convenerPage.getByTestId('room-close-confirm').click();
    await expect(convenerPage.getByTestId('room-status')).toHaveAttribute('data-status', 'closed');
    // The closed room: each department's outcome, and the deemed one's notice number.
    await expect(convenerPage.getByTestId('outcome-EEB')).toHaveAttribute('data-outcome', 'deemed');
    await expect(convenerPage.getByTestId('notice-EEB')).toHaveText(/绿通默许〔\d{4}〕\d+号/);
    await expect(convenerPage.getByTestId('outcome-NRP')).toHaveAttribute('data-outcome', 'present');
    await expect(convenerPage.getByTestId('outcome-DRC')).toHaveAttribute('data-outcome', 'present');
    await expect(leaderPage.getByTestId(`cell-${code}-EEB`)).toHaveAttribute('data-status', 'deemed_consent');
    await expect(leaderPage.getByTestId(`cell-${code}-EEB`)).toHaveAttribute('data-cause', 'meeting_absence');
    await expect(leaderPage.getByTestId(`cell-${code}-EEB`).getByTestId('cell-cause')).toHaveText('缺席会议默许');
    await expect(leaderPage.getByTestId(`cell-${code}-NRP`)).not.toHaveAttribute('data-status', 'deemed_consent');
    await expect(leaderPage.getByTestId(`cell-${code}-DRC`)).not.toHaveAttribute('data-status', 'deemed_consent');
    await expect(liaisonPage.getByTestId('roll-absent').getByTestId('roll-EEB')).toBeVisible();
    await leaderPage.waitForTimeout(500); // let the colour transition finish for a faithful screenshot
    await leaderPage.screenshot({ path: 'e2e/artifacts/board-meeting-absence.png', fullPage: true });
    await convenerPage.screenshot({ path: 'e2e/artifacts/meeting-room-closed.png', fullPage: true });
  });

  await test.step('R5 R17: the tracking card names the cause and the meeting, with the numbered notice', async () => {
    await leaderPage.goto(`/projects/${project.id}`);
    const entry = leaderPage.locator('[data-testid="card-entry"][data-action="item.deemed_consent"]');
    await expect(entry).toContainText(/缺席会议/);
    await expect(entry).toContainText('生物医药产业园二期联审会');
    await expect(entry).toContainText(/绿通默许〔\d{4}〕\d+号/);
    await leaderPage.getByTestId('verify-card').click();
    await expect(leaderPage.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
  });
});
