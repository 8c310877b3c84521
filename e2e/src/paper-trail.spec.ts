import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { advanceHubClockPast, apiAs, logInAs } from './hub';

const PROJECT = '滨江数字产业园二期';
const OTHER = '另一个不相干的项目';

/** The text of each page of a PDF, as pdf.js reads it (ESM, loaded in Playwright's Node). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  return pages;
}

/** Prints the page as Chromium prints it (A4, print CSS) and reads the PDF back. */
async function printed(page: Page, path: string): Promise<string[]> {
  const pdf = await page.pdf({ path, format: 'A4', preferCSSPageSize: true, printBackground: true });
  return pdfPages(pdf);
}

async function downloaded(download: Download, path: string): Promise<string[]> {
  expect(download.suggestedFilename()).toMatch(/^绿通.+〔\d{4}〕\d+号\.pdf$/);
  await download.saveAs(path);
  return pdfPages(await readFile(path));
}

async function registerAndAdmit(window: APIRequestContext, leader: APIRequestContext, name: string, extra: Record<string, unknown> = {}) {
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
  const id = (code: string) => departments.find((d) => d.code === code)!.id;
  const registered = await window.post('/api/projects', {
    data: {
      name,
      owner: { name: '滨江数字科技有限公司', legalRepresentative: '沈立', contactName: '何静', contactPhone: '0571-87654321' },
      category: 'city_key',
      preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
      totalInvestment: { amount: '680000000', currency: 'CNY' },
      reportToHigherAuthority: false,
      ...extra,
    },
  });
  expect(registered.status()).toBe(201);
  const project = await registered.json();
  const admitted = await leader.post(`/api/projects/${project.id}/admission`, {
    data: { leadDepartmentId: id('DRC'), participatingDepartmentIds: [id('NRP')] },
  });
  expect(admitted.status()).toBe(200);
  return admitted.json();
}

test('R7 R8 R9 R17 R1 R6: materials, one-time notification, receipt and notices printed to PDF in Chinese; permit after supplementing; the applicant sees only its project', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const windowApi = await apiAs(baseURL!, 'window');
  const leaderApi = await apiAs(baseURL!, 'leader');
  const admin = await apiAs(baseURL!, 'admin');
  const project = await registerAndAdmit(windowApi, leaderApi, PROJECT);
  const projectUrl = `/projects/${project.id}`;

  const desk = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await logInAs(desk, 'window');

  await test.step('R7: the window lists each department’s materials and records what arrived', async () => {
    await desk.goto(projectUrl);
    await desk.getByTestId('material-name-DRC').fill('项目申请报告');
    await desk.getByTestId('material-copies-DRC').fill('2');
    await desk.getByTestId('material-add-DRC').click();
    await expect(desk.getByTestId('material-项目申请报告')).toHaveAttribute('data-missing', 'true');
    await desk.getByTestId('material-name-NRP').fill('宗地图');
    await desk.getByTestId('material-kind-NRP').selectOption('secondary');
    await desk.getByTestId('material-add-NRP').click();
    await expect(desk.getByTestId('material-宗地图')).toBeVisible();
    // R8 Decision: an item is accepted only with at least one main material, every one received.
    await desk.getByTestId('material-name-NRP').fill('用地预审申请表');
    await desk.getByTestId('material-kind-NRP').selectOption('main');
    await desk.getByTestId('material-add-NRP').click();
    await desk.getByTestId('material-received-用地预审申请表').fill('1');
    await desk.getByTestId('material-received-用地预审申请表').press('Tab');
    await expect(desk.getByTestId('material-用地预审申请表')).toHaveAttribute('data-missing', 'false');
    await expect(desk.getByTestId('gate-DRC')).toHaveAttribute('data-accept', 'false');
    await desk.getByTestId('material-received-项目申请报告').fill('2');
    await desk.getByTestId('material-received-项目申请报告').press('Tab');
    await expect(desk.getByTestId('material-项目申请报告')).toHaveAttribute('data-missing', 'false');
    await expect(desk.getByTestId('gate-DRC')).toHaveAttribute('data-accept', 'true');
    await expect(desk.getByTestId('gate-NRP')).toHaveAttribute('data-permit', 'false');
  });

  let otnNumber = '';
  await test.step('R7 R17: the one-time notification is numbered and prints to PDF with the project and its number in Chinese', async () => {
    await desk.getByTestId('otn-open').click();
    await desk.getByTestId('otn-fees').fill('本项目所涉审批事项均不收取费用。');
    await desk.getByTestId('otn-submit').click();
    await expect(desk).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    otnNumber = (await desk.getByTestId('document-number').first().innerText()).trim();
    expect(otnNumber).toMatch(/^绿通告知〔\d{4}〕\d+号$/);
    await expect(desk.getByTestId('document-integrity')).toHaveAttribute('data-valid', 'true');
    const text = (await printed(desk, 'e2e/artifacts/one-time-notification.pdf')).join('');
    for (const fact of ['一次性告知书', otnNumber, PROJECT, '项目申请报告', '宗地图', '收费标准']) expect(text).toContain(fact);
  });

  let accessCode = '';
  let receiptNumber = '';
  await test.step('R9: the receipt prints three labelled copies in one run; the applicant copy carries the access code', async () => {
    await desk.goto(projectUrl);
    await desk.getByTestId('receipt-open').click();
    await desk.getByTestId('receipt-address').fill('杭州市滨江区网商路 99 号');
    await desk.getByTestId('receipt-procedure-expert_review').fill('5');
    await desk.getByTestId('receipt-submit').click();
    await expect(desk).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect(desk.getByTestId('document-sheet')).toHaveCount(3);
    await expect(desk.getByTestId('access-code-once')).toBeVisible();
    receiptNumber = (await desk.getByTestId('document-number').first().innerText()).trim();
    expect(receiptNumber).toMatch(/^绿通收件〔\d{4}〕\d+号$/);
    const note = await desk.getByTestId('document-note').innerText();
    accessCode = /访问码 ([2-9A-Z]{5}-[2-9A-Z]{5})/.exec(note)![1]!;

    const pages = await printed(desk, 'e2e/artifacts/receipt-printed.pdf');
    expect(pages).toHaveLength(3);
    ['第一联 申请人留存', '第二联 监督机关留存', '第三联 存档'].forEach((label, i) => {
      expect(pages[i]).toContain(label);
      expect(pages[i]).toContain(PROJECT);
      expect(pages[i]).toContain(receiptNumber);
    });
    expect(pages[0]).toContain(accessCode);
    expect(pages[1]).not.toContain(accessCode);

    // The server's PDF of the same stored receipt: same number, never the access code (only its hash is kept).
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('document-pdf').click()]);
    const served = await downloaded(download, 'e2e/artifacts/receipt.pdf');
    expect(served).toHaveLength(3);
    expect(served[0]).toContain(receiptNumber);
    expect(served[0]).toContain(PROJECT);
    expect(served.join('')).not.toContain(accessCode);
  });

  const mega =
    await test.step('R6: a mega project with complete materials and no tracker shows its forwarding clock on the board', async () => {
      const created = await registerAndAdmit(windowApi, leaderApi, '特大新能源基地', {
        totalInvestment: { amount: '2500000000', currency: 'CNY' },
        reportToHigherAuthority: true,
      });
      const item = created.items.find((i: { isLead: boolean }) => i.isLead);
      const material = await (
        await windowApi.post(`/api/items/${item.id}/materials`, { data: { name: '项目申请报告', kind: 'main', copies: 1 } })
      ).json();
      expect((await windowApi.post(`/api/materials/${material.id}/received`, { data: { received: 1 } })).status()).toBe(200);
      const board = await (await browser.newContext()).newPage();
      await logInAs(board, 'leader');
      await expect(board.getByTestId(`mega-flag-${created.code}`)).toHaveAttribute('data-status', /on_track|due_soon/);
      await expect(board.getByTestId(`mega-flag-${created.code}`)).toContainText('未指定专人');
      return { code: created.code as string, board };
    });

  await test.step('R8 R10: both items are accepted, NRP while its secondary material is still missing', async () => {
    await desk.goto(projectUrl);
    await desk.getByTestId('item-accept-DRC').click();
    await expect(desk.getByTestId('item-DRC')).toHaveAttribute('data-status', 'in_review');
    await desk.getByTestId('item-accept-NRP').click();
    await expect(desk.getByTestId('item-NRP')).toHaveAttribute('data-status', 'in_review');
    await desk.screenshot({ path: 'e2e/artifacts/project-paper-trail.png', fullPage: true });
  });

  let consentNumber = '';
  await test.step('R14 R17: past the deadline each item gets a numbered timeout implied consent notice that prints with the project and number', async () => {
    const view = await (await admin.get(`/api/projects/${project.id}`)).json();
    const latestDue = view.items
      .map((i: { dueAt: string }) => i.dueAt)
      .sort()
      .at(-1);
    await advanceHubClockPast(admin, latestDue, 1000);
    await expect(desk.getByTestId('item-DRC')).toHaveAttribute('data-status', 'deemed_consent');
    const row = desk.locator('[data-kind="timeout_implied_consent"]').first();
    await expect(row).toBeVisible();
    consentNumber = (await row.locator('.notice-number').innerText()).trim();
    expect(consentNumber).toMatch(/^绿通默许〔\d{4}〕\d+号$/);
    await desk.getByTestId(`document-open-${consentNumber}`).click();
    await expect(desk.getByTestId('document-title')).toContainText('超时默许通知书');
    const pages = await printed(desk, 'e2e/artifacts/timeout-implied-consent-printed.pdf');
    expect(pages).toHaveLength(1);
    for (const text of ['超时默许通知书', consentNumber, PROJECT, '默认许可']) expect(pages[0]).toContain(text);
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('document-pdf').click()]);
    const served = await downloaded(download, 'e2e/artifacts/timeout-implied-consent.pdf');
    expect(served[0]).toContain(consentNumber);
    expect(served[0]).toContain(PROJECT);
  });

  await test.step('R6: the mega project past its forwarding deadline is escalated on the board, never deemed consented', async () => {
    await expect(mega.board.getByTestId(`mega-flag-${mega.code}`)).toHaveAttribute('data-status', 'escalated');
    await expect(mega.board.getByTestId(`cell-${mega.code}-DRC`)).toHaveAttribute('data-status', 'awaiting_acceptance');
    await mega.board.screenshot({ path: 'e2e/artifacts/board-mega-escalated.png', fullPage: true });
  });

  await test.step('R8 R17: the permit for the deemed-consent item is refused naming the missing material, then issued with the approval seal', async () => {
    await desk.goto(projectUrl);
    await desk.getByTestId('permit-issue-NRP').click();
    await expect(desk.getByTestId('materials-error-NRP')).toContainText('宗地图');
    await desk.getByTestId('material-received-宗地图').fill('1');
    await desk.getByTestId('material-received-宗地图').press('Tab');
    await expect(desk.getByTestId('gate-NRP')).toHaveAttribute('data-permit', 'true');
    await desk.getByTestId('permit-issue-NRP').click();
    await expect(desk).toHaveURL(/\/documents\/[0-9a-f-]{36}$/);
    await expect(desk.getByTestId('document-title')).toContainText('行政许可决定书');
    await expect(desk.getByTestId('document-sheet')).toContainText('行政审批专用章');
    await expect(desk.getByTestId('document-sheet')).toContainText(/绿通默许〔\d{4}〕\d+号/);
  });

  await test.step('R1: the applicant, without logging in, sees its own project only', async () => {
    const other = await registerAndAdmit(windowApi, leaderApi, OTHER);
    const otherReceipt = await windowApi.post(`/api/projects/${other.id}/receipts`, {
      data: {
        applicant: { type: 'person', name: '陈某', occupation: '个体工商户', address: '某地', phone: '13800000000' },
        receivedOn: '2026-03-02',
        acceptedOn: '2026-03-02',
        promisedCompletionOn: '2026-03-05',
        specialProcedures: [],
        applicantSignatory: '陈某',
      },
    });
    expect(otherReceipt.status()).toBe(201);

    const applicant = await (await browser.newContext()).newPage();
    await applicant.goto('/status');
    await applicant.getByTestId('status-code').fill(project.code);
    await applicant.getByTestId('status-access').fill('WRONG-CODE2');
    await applicant.getByTestId('status-submit').click();
    await expect(applicant.getByTestId('status-error')).toContainText('不正确');

    await applicant.getByTestId('status-access').fill(accessCode);
    await applicant.getByTestId('status-submit').click();
    await expect(applicant.getByTestId('status-project-name')).toHaveText(PROJECT);
    await expect(applicant.getByTestId('status-dept-发展和改革局')).toHaveAttribute('data-status', 'deemed_consent');
    await expect(applicant.getByTestId('status-dept-自然资源和规划局')).toBeVisible();
    await expect(applicant.getByTestId('status-contact')).toHaveText('李窗口');
    await expect(applicant.getByTestId('status-documents')).toContainText(receiptNumber);
    await expect(applicant.getByTestId('status-documents')).toContainText(otnNumber);
    const body = await applicant.locator('body').innerText();
    for (const hidden of [OTHER, other.code, '王主任', '联络员']) expect(body).not.toContain(hidden);
    await applicant.screenshot({ path: 'e2e/artifacts/applicant-status.png', fullPage: true });
  });
});
