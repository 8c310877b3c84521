import { expect, test } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { apiAs, logInAs } from './hub';

/** A one-page PDF made here, so the test knows exactly what the hub must give back. */
function onePagePdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(24).text('Green Channel Hub: project application report');
    doc.end();
  });
}

test('R28: the window attaches a PDF to a material from the keyboard; Chromium previews it inline; the card holds its hash', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const window = await apiAs(baseURL!, 'window');
  const leader = await apiAs(baseURL!, 'leader');
  const departments = (await (await window.get('/api/departments')).json()) as { id: string; code: string }[];
  const registered = await (
    await window.post('/api/projects', {
      data: {
        name: '材料文件预览项目',
        owner: { name: '滨江数字科技有限公司', legalRepresentative: '沈立', contactName: '何静', contactPhone: '0571-87654321' },
        category: 'city_key',
        preconditions: { environmentalCompliance: true, feesAndTaxesPaid: true, safetyAndStability: true },
        totalInvestment: { amount: '120000000.00', currency: 'CNY' },
        reportToHigherAuthority: false,
      },
    })
  ).json();
  const admitted = await leader.post(`/api/projects/${registered.id}/admission`, {
    data: { leadDepartmentId: departments.find((d) => d.code === 'DRC')!.id, participatingDepartmentIds: [] },
  });
  expect(admitted.status()).toBe(200);
  const itemId = (await admitted.json()).items[0].id;
  expect((await window.post(`/api/items/${itemId}/materials`, { data: { name: '项目申请报告', kind: 'main', copies: 1 } })).status()).toBe(
    201,
  );

  const page = await (await browser.newContext()).newPage();
  await logInAs(page, 'window');
  await page.goto(`/projects/${registered.id}`);
  const pdf = await onePagePdf();

  await test.step('R28: attach through the labelled file input (reached with Tab), the card entry names the file', async () => {
    const input = page.getByLabel('为“项目申请报告”选择文件');
    await input.focus();
    await expect(input).toBeFocused();
    await input.setInputFiles({ name: '项目申请报告.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByTestId('file-项目申请报告.pdf')).toBeVisible();
    const card = (await (await window.get(`/api/projects/${registered.id}/card`)).json()) as {
      action: string;
      detail: Record<string, string>;
    }[];
    expect(card.at(-1)).toMatchObject({ action: 'material.file_attached', detail: { file: '项目申请报告.pdf' } });
  });

  await test.step('R28: the preview opens in a dialog; Chromium shows the PDF inline, the same bytes', async () => {
    const served = page.waitForResponse((r) => /\/api\/material-files\/[^/?]+\?inline=1$/.test(r.url()));
    await page.getByTestId('file-preview-项目申请报告.pdf').click();
    const response = await served;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^inline; /);
    // The viewer may read the stream its own way (ranges): the bytes are compared through the API.
    expect((await (await window.get(new URL(response.url()).pathname)).body()).equals(pdf)).toBe(true);
    // Chromium opened it as a PDF document in the frame, inside its own PDF viewer (not a download, not an error page).
    const inlineFrame = () => page.frames().find((f) => /\?inline=1$/.test(f.url()));
    await expect.poll(() => inlineFrame()?.url()).toContain('/api/material-files/');
    expect(await inlineFrame()!.evaluate(() => document.contentType)).toBe('application/pdf');
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/')))
      .toBe(true);
    await page.screenshot({ path: 'e2e/artifacts/material-file-preview.png' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('file-preview-frame')).toHaveCount(0);
    await expect(page.getByTestId('file-preview-项目申请报告.pdf')).toBeFocused();
  });
});
