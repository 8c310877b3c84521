import { expect, test } from '@playwright/test';
import { advanceHubClockPast, apiAs, logInAs, mainMaterialReceived } from './hub';

test('R14 R25: a leader watches a department be deemed to consent, live, without reload', async ({ browser, baseURL }) => {
  const leaderContext = await browser.newContext();
  const deskContext = await browser.newContext();
  const board = await leaderContext.newPage();
  const desk = await deskContext.newPage();

  await test.step('the leader opens the live board', async () => {
    await logInAs(board, 'leader');
    await expect(board.getByTestId('live-status')).toHaveText(/实时|Live/);
  });

  let projectUrl = '';
  await test.step('R3: the window registers a key project', async () => {
    await logInAs(desk, 'window');
    await desk.goto('/projects/new');
    await desk.getByTestId('project-name').fill('智慧物流枢纽一期');
    await desk.getByTestId('owner-name').fill('云港物流集团有限公司');
    await desk.getByTestId('owner-legal-rep').fill('周海');
    await desk.getByTestId('owner-contact-name').fill('吴青');
    await desk.getByTestId('owner-contact-phone').fill('0571-12345678');
    await desk.getByTestId('project-category').selectOption('city_key');
    await desk.getByTestId('pre-env').check();
    await desk.getByTestId('pre-fees').check();
    await desk.getByTestId('pre-safety').check();
    await desk.getByTestId('investment-amount').fill('35000');
    await desk.getByTestId('investment-currency').selectOption('CNY');
    await desk.getByTestId('project-submit').click();
    await expect(desk).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
    projectUrl = desk.url();
  });

  await test.step('R4: a leader admits it with a lead and a participating department', async () => {
    await desk.getByTestId('logout').click();
    await expect(desk).toHaveURL(/\/login$/);
    await logInAs(desk, 'leader');
    await desk.goto(projectUrl);
    await desk.getByTestId('admit-lead').selectOption({ label: '发展和改革局' });
    await desk.getByTestId('admit-participant-NRP').check();
    await desk.getByTestId('admit-submit').click();
    await expect(desk.getByTestId('item-DRC')).toHaveAttribute('data-status', 'awaiting_acceptance');
    await expect(desk.getByTestId('item-NRP')).toBeVisible();
  });

  const code = await desk.locator('[data-testid="project-code"]').innerText();
  await test.step('R10: the window accepts both items; the board shows them running', async () => {
    await desk.getByTestId('logout').click();
    await expect(desk).toHaveURL(/\/login$/);
    await logInAs(desk, 'window');
    await desk.goto(projectUrl);
    // R8: the main materials are in (recorded through the API; the checklist screens have their own test).
    const windowApi = await apiAs(baseURL!, 'window');
    const items = (await (await windowApi.get(`/api/projects/${projectUrl.split('/').pop()}`)).json()).items as { id: string }[];
    for (const item of items) await mainMaterialReceived(windowApi, item.id);
    await desk.getByTestId('item-accept-DRC').click();
    await expect(desk.getByTestId('item-DRC')).toHaveAttribute('data-status', 'in_review');
    await desk.getByTestId('item-accept-NRP').click();
    await expect(desk.getByTestId('item-NRP')).toHaveAttribute('data-status', 'in_review');
    await expect(board.getByTestId(`cell-${code}-DRC`)).toHaveAttribute('data-status', /on_track|due_soon|due_today/);
  });

  await test.step('R2 R18: the NRP liaison approves its own item', async () => {
    const liaison = await (await browser.newContext()).newPage();
    await logInAs(liaison, 'liaison-nrp');
    await liaison.goto(projectUrl);
    await expect(liaison.getByTestId('decision-DRC')).toHaveCount(0); // not its department
    // R10: an explicit choice, then a confirmation that states the consequence.
    await liaison.getByTestId('decision-approve-NRP').check();
    await liaison.getByTestId('decision-submit-NRP').click();
    await expect(liaison.getByTestId('decision-consequence-NRP')).toBeVisible();
    await liaison.getByTestId('decision-confirm-NRP').click();
    await expect(board.getByTestId(`cell-${code}-NRP`)).toHaveAttribute('data-status', 'approved');
  });

  await test.step('R14: the hub clock passes the due instant; the board turns DRC to deemed consent live', async () => {
    const admin = await apiAs(baseURL!, 'admin');
    const project = await (await admin.get(`/api/projects/${projectUrl.split('/').pop()}`)).json();
    const drcDue = project.items.find((i: { isLead: boolean }) => i.isLead).dueAt as string;
    await advanceHubClockPast(admin, drcDue, 1000);
    await expect(board.getByTestId(`cell-${code}-DRC`)).toHaveAttribute('data-status', 'deemed_consent');
    await board.waitForTimeout(500); // let the colour transition finish for a faithful screenshot
    await board.screenshot({ path: 'e2e/artifacts/board-deemed-consent.png', fullPage: true });
  });

  await test.step('R17 R5: the tracking card shows the numbered notice, and the card verifies', async () => {
    const notice = desk.locator('[data-testid="card-entry"][data-action="item.deemed_consent"]');
    await expect(notice).toContainText(/绿通默许〔\d{4}〕\d+号/);
    await desk.getByTestId('verify-card').click();
    await expect(desk.getByTestId('verify-result')).toContainText(/完整|intact|valid/i);
    await desk.screenshot({ path: 'e2e/artifacts/project-card.png', fullPage: true });
  });
});
