import { expect, test } from '@playwright/test';
import { apiAs, logInAs } from './hub';

const UNMET = {
  owner: { name: '海纳新材料有限公司', legalRepresentative: '孙海', contactName: '钱纳', contactPhone: '0571-66668888' },
  category: 'city_key',
  preconditions: { environmentalCompliance: true, feesAndTaxesPaid: false, safetyAndStability: true },
  totalInvestment: { amount: '120000000.00', currency: 'CNY' },
  reportToHigherAuthority: false,
};

test('R3: the leader sees an unmet precondition, admits only with a special-handling reason, and refuses another project after a confirmation stating the consequence', async ({
  browser,
  baseURL,
}) => {
  const windowApi = await apiAs(baseURL!, 'window');
  const register = async (name: string) =>
    (await (await windowApi.post('/api/projects', { data: { ...UNMET, name } })).json()).id as string;
  const overridden = await register('新材料中试基地');
  const refused = await register('欠费扩建项目');
  const desk = await (await browser.newContext()).newPage();
  await logInAs(desk, 'leader');

  await test.step('R3: the precondition not met is shown; admitting without a reason is stopped at the reason field', async () => {
    await desk.goto(`/projects/${overridden}`);
    await expect(desk.getByTestId('admit-precondition-feesAndTaxesPaid')).toHaveAttribute('data-met', 'false');
    await desk.getByTestId('admit-lead').selectOption({ label: '发展和改革局' });
    await desk.getByTestId('admit-submit').click();
    await expect(desk.locator('[data-field="overrideReason"]')).toBeVisible();
    await expect(desk.getByTestId('seal-number')).toHaveCount(0);
  });

  await test.step('R3: with the reason, the project is admitted and the reason is shown beside the seal', async () => {
    await desk.getByTestId('admit-override-reason').fill('市政府批示特事特办，费税分期缴纳');
    await desk.getByTestId('admit-submit').click();
    await expect(desk.getByTestId('seal-number')).toBeVisible();
    await expect(desk.getByTestId('admission-override')).toContainText('市政府批示特事特办');
  });

  await test.step('R3: refusing needs a reason and a confirmation that says it is final; then the refusal is shown and no admission is offered', async () => {
    await desk.goto(`/projects/${refused}`);
    await desk.getByTestId('admit-refusal-reason').fill('欠缴税费，未达准入条件');
    await desk.getByTestId('refusal-submit').click();
    await expect(desk.getByTestId('refusal-consequence')).toContainText('不能撤回');
    await desk.getByTestId('refusal-confirm').click();
    await expect(desk.getByTestId('admission-refused')).toContainText('欠缴税费，未达准入条件');
    await expect(desk.getByTestId('admission-form')).toHaveCount(0);
    await desk.screenshot({ path: 'e2e/artifacts/admission-refused.png', fullPage: true });
  });
});
