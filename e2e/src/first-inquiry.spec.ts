import { expect, test, type Page } from '@playwright/test';
import { advanceHubClockPast, apiAs, logInAs } from './hub';

const CJK = /[\u3400-\u9fff\uff00-\uffef]/g;

/** Keys pressed and characters typed, to say how much work a registration is for a person. */
function keyboardOnly(page: Page) {
  const count = { keys: 0, chars: 0, cjk: 0 };
  return {
    count,
    press: async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
      count.keys += times;
    },
    type: async (text: string) => {
      await page.keyboard.type(text);
      count.chars += text.length;
      count.cjk += text.match(CJK)?.length ?? 0;
    },
    /** A clerk's pace: 0.3 s a key press, digit or letter; 1.2 s a Chinese character with a pinyin IME (about 50 a minute). */
    humanSeconds: () => Math.round(0.3 * (count.keys + count.chars - count.cjk) + 1.2 * count.cjk),
  };
}

test('R23 R24: register an inquiry by keyboard only, transfer it, a colleague acknowledges, it is closed and followed up', async ({
  browser,
}) => {
  const owner = await (await browser.newContext()).newPage();
  const colleague = await (await browser.newContext()).newPage();
  await logInAs(owner, 'window');
  await logInAs(colleague, 'window2');
  await colleague.getByTestId('nav-inquiries').click();
  await expect(colleague.getByRole('heading', { name: '首问登记台账' })).toBeVisible();

  let inquiryUrl = '';
  let number = '';
  await test.step('R23: the first responder registers a phone inquiry with the keyboard alone, promising a reply', async () => {
    const kb = keyboardOnly(owner);
    await kb.press('Alt+N'); // the shortcut of "登记咨询" in the navigation, from any page
    await expect(owner.getByTestId('channel-in_person')).toBeFocused();
    await expect(owner.getByTestId('keyboard-help')).toContainText('Enter');
    await expect(owner.getByTestId('responder-name')).toContainText('李窗口');
    const started = Date.now();
    await kb.press('ArrowRight'); // channel: phone
    await kb.press('Tab'); // inquirer kind: organisation (already chosen)
    await kb.press('Tab');
    await kb.type('云港物流集团有限公司');
    await kb.press('Tab');
    await kb.type('吴青');
    await kb.press('Tab');
    await kb.type('0571-12345678');
    await kb.press('Tab');
    await kb.type('新建冷链仓储项目需要办理哪些审批手续');
    await kb.press('Tab');
    await kb.press('ArrowDown', 2); // matter type: application
    await kb.press('Tab');
    await kb.press('Control+A');
    await kb.type('0571-88001234'); // the phone the responder gives the inquirer
    await kb.press('Tab'); // disposition: answered at once (chosen)…
    await kb.press('ArrowRight'); // …no: a reply promised
    await kb.press('Tab');
    await kb.press('Control+A');
    await kb.type('2'); // working days
    await expect(owner.getByTestId('disposition-due')).toContainText('24:00');
    await kb.press('Tab');
    await kb.type('核实用地性质后电话答复');
    const shot = Date.now(); // the screenshot is not the user's time
    await owner.screenshot({ path: 'e2e/artifacts/inquiry-register.png', fullPage: true });
    const shotMs = Date.now() - shot;
    await kb.press('Enter');
    await expect(owner).toHaveURL(/\/inquiries\/[0-9a-f-]{36}$/);
    await expect(owner.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'promised');
    const elapsed = Date.now() - started - shotMs;
    console.log(
      `R23: registering one inquiry by keyboard alone took ${elapsed} ms in Chromium, from the focused form to the saved inquiry: ` +
        `${kb.count.keys} key presses + ${kb.count.chars} characters typed (${kb.count.cjk} of them Chinese); ` +
        `at a clerk's pace that is about ${kb.humanSeconds()} s`,
    );
    expect(elapsed).toBeLessThan(60_000);
    inquiryUrl = owner.url();
    number = await owner.getByTestId('inquiry-number').innerText();
    await expect(owner.getByTestId('inquiry-channel')).toHaveText('电话');
    await expect(owner.getByTestId('inquiry-responder')).toContainText('0571-88001234');
    await expect(owner.getByTestId('inquiry-promise')).toContainText('24:00');
  });

  await test.step('R23: the first responder transfers it to a named colleague, whose desk shows it at once', async () => {
    await owner.getByTestId('disposition-transfer').check();
    await owner.getByTestId('disposition-target').selectOption({ label: '张窗口（受理窗口）' });
    await owner.getByTestId('disposition-note').fill('用地性质需查规划，请协助答复');
    await owner.getByTestId('disposition-submit').click();
    await expect(owner.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'transferred');
    await expect(owner.getByTestId('inquiry-handler')).toContainText('待确认接收');
    // R25: the colleague's desk, in another browser, without reload.
    await expect(colleague.getByTestId('desk-to-acknowledge').locator(`[data-number="${number}"]`)).toBeVisible();
  });

  await test.step('R23: the colleague acknowledges in a second context; the first responder sees it live', async () => {
    await colleague.getByTestId('desk-to-acknowledge').getByRole('link', { name: number }).click();
    await expect(colleague.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'transferred');
    await colleague.getByTestId('acknowledge').click();
    await expect(colleague.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'acknowledged');
    await expect(owner.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'acknowledged');
    await expect(owner.getByTestId('inquiry-handler')).toContainText('确认接收');
  });

  await test.step('R23: the first responder supervises (督办); the colleague sees the reminder live', async () => {
    await owner.getByTestId('reminder-note').fill('来访人明天上午需要答复');
    await owner.getByTestId('reminder-submit').click();
    await expect(colleague.getByTestId('inquiry-reminder')).toContainText('来访人明天上午需要答复');
  });

  await test.step('R23: the colleague answers; the inquiry is closed for both', async () => {
    await colleague.getByTestId('disposition-answer').check();
    await colleague.getByTestId('disposition-answer-text').fill('已电话答复：需先办理用地预审，再办理规划许可');
    await colleague.getByTestId('disposition-submit').click();
    await expect(colleague.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'answered');
    await expect(owner.getByTestId('inquiry-status')).toHaveAttribute('data-status', 'answered');
    await expect(owner.getByTestId('inquiry-closure')).toContainText('用地预审');
    await expect(colleague.getByTestId('follow-up-form')).toHaveCount(0); // 回访 stays with the first responder
  });

  await test.step('R24: the first responder follows up with the inquirer and records the view', async () => {
    await owner.getByTestId('satisfaction-basically_satisfied').check();
    await owner.getByTestId('follow-up-comment').fill('答复清楚，希望更快');
    await owner.getByTestId('follow-up-submit').click();
    await expect(owner.getByTestId('inquiry-follow-up')).toHaveAttribute('data-satisfaction', 'basically_satisfied');
  });

  await test.step("R23: every step is on the inquiry's own history, which verifies", async () => {
    await owner.goto(inquiryUrl);
    await expect(owner.getByTestId('history-entry')).toHaveCount(7);
    const actions = await owner.getByTestId('history-entry').evaluateAll((entries) => entries.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual([
      'inquiry.registered',
      'inquiry.promised',
      'inquiry.transferred',
      'inquiry.acknowledged',
      'inquiry.reminded',
      'inquiry.answered',
      'inquiry.followed_up',
    ]);
    await owner.getByTestId('verify-history').click();
    await expect(owner.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
    await owner.screenshot({ path: 'e2e/artifacts/inquiry-history.png', fullPage: true });
  });
});

test("R23 R24: escalations reach the leader's desk live; a promised reply past its date is flagged on the board to its owner and leaders", async ({
  browser,
  baseURL,
}) => {
  const leader = await (await browser.newContext()).newPage();
  const owner = await (await browser.newContext()).newPage();
  await logInAs(leader, 'leader');
  await logInAs(owner, 'window');
  const window = await apiAs(baseURL!, 'window');
  const inquiry = (disposition: object) => ({
    channel: 'in_person',
    inquirer: { kind: 'person', name: '赵女士', contactName: null, contact: '13800001111' },
    subject: '反映多个部门对同一材料要求不一致',
    matterType: 'complaint',
    responderContact: '0571-88001234',
    disposition,
  });

  await test.step("R23: an escalation appears on the leader's desk without reload", async () => {
    await leader.getByTestId('nav-inquiries').click();
    await expect(leader.getByRole('heading', { name: '首问登记台账' })).toBeVisible();
    const escalated = await (
      await window.post('/api/inquiries', { data: inquiry({ kind: 'escalate', note: '涉及多个部门，须领导协调' }) })
    ).json();
    await expect(leader.getByTestId('desk-attention').locator(`[data-number="${escalated.number}"]`)).toHaveAttribute(
      'data-status',
      'escalated',
    );
  });

  await test.step('R24: the promised day ends; the board flags it for the leader and for its owner, live', async () => {
    await leader.getByTestId('nav-board').click();
    await owner.getByTestId('nav-board').click();
    await expect(leader.getByTestId('live-status')).toHaveText(/实时|Live/);
    const promised = await (await window.post('/api/inquiries', { data: inquiry({ kind: 'promise', workingDays: 1 }) })).json();
    await expect(leader.getByTestId('inquiry-alerts-overdue').locator(`[data-number="${promised.number}"]`)).toHaveCount(0);
    const admin = await apiAs(baseURL!, 'admin');
    await advanceHubClockPast(admin, promised.promise.dueAt, 1000);
    await expect(leader.getByTestId('inquiry-alerts-overdue').locator(`[data-number="${promised.number}"]`)).toBeVisible();
    await expect(owner.getByTestId('inquiry-alerts-overdue').locator(`[data-number="${promised.number}"]`)).toBeVisible();
    await leader.screenshot({ path: 'e2e/artifacts/board-inquiry-alerts.png', fullPage: true });
    const flagged = await (await window.get(`/api/inquiries/${promised.id}`)).json();
    expect(flagged.history.filter((e: { action: string }) => e.action === 'inquiry.overdue')).toHaveLength(1);
  });
});

test('R23: an inquiry becomes a green-channel project registration, its details carried over and the link kept', async ({
  browser,
  baseURL,
}) => {
  const page = await (await browser.newContext()).newPage();
  await logInAs(page, 'window');
  const window = await apiAs(baseURL!, 'window');
  const registered = await (
    await window.post('/api/inquiries', {
      data: {
        channel: 'internet',
        inquirer: { kind: 'organisation', name: '青禾生物医药有限公司', contactName: '孙悦', contact: '0571-66668888' },
        subject: '生物医药中试基地',
        matterType: 'application',
        responderContact: '0571-88001234',
        disposition: { kind: 'answer', answer: '符合重点项目条件，引导进入绿色通道' },
      },
    })
  ).json();

  await page.goto(`/inquiries/${registered.id}`);
  await page.getByTestId('to-project').click();
  await expect(page.getByTestId('prefilled-from')).toContainText(registered.number);
  await expect(page.getByTestId('project-name')).toHaveValue('生物医药中试基地');
  await expect(page.getByTestId('owner-name')).toHaveValue('青禾生物医药有限公司');
  await expect(page.getByTestId('owner-contact-name')).toHaveValue('孙悦');
  await expect(page.getByTestId('owner-contact-phone')).toHaveValue('0571-66668888');
  await page.getByTestId('owner-legal-rep').fill('何青禾');
  await page.getByTestId('project-category').selectOption('city_key');
  await page.getByTestId('pre-env').check();
  await page.getByTestId('pre-fees').check();
  await page.getByTestId('pre-safety').check();
  await page.getByTestId('investment-amount').fill('42000');
  await page.getByTestId('project-submit').click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const code = await page.getByTestId('project-code').innerText();

  await page.goto(`/inquiries/${registered.id}`);
  await expect(page.getByTestId('inquiry-project')).toHaveText(code);
  await expect(page.locator('[data-testid="history-entry"][data-action="inquiry.project_linked"]')).toContainText(code);
  await expect(page.getByTestId('to-project')).toHaveCount(0);
});

test("R23: keyboard-first on a busy page: the chosen disposition's fields take the next Tab", async ({ page }) => {
  await logInAs(page, 'window');
  await page.keyboard.press('Alt+N');
  await expect(page.getByTestId('channel-in_person')).toBeFocused();
  await page.getByTestId('disposition-answer').focus();
  await expect(page.getByTestId('disposition-answer-text')).toBeVisible();
  // A busy main thread (live updates, a slow machine): the browser handles the queued Tab before
  // any timer, so the promise's fields must exist once the radio's change event has been handled.
  await page.evaluate(() =>
    window.addEventListener('change', () => {
      const start = performance.now();
      while (performance.now() - start < 300);
    }),
  );
  const cdp = await page.context().newCDPSession(page);
  const key = (type: 'keyDown' | 'keyUp', name: string, code: number) =>
    cdp.send('Input.dispatchKeyEvent', { type, key: name, code: name, windowsVirtualKeyCode: code });
  // ArrowRight (answer → promise) and Tab sent back to back, with no round trip between them.
  await Promise.all([key('keyDown', 'ArrowRight', 39), key('keyUp', 'ArrowRight', 39), key('keyDown', 'Tab', 9), key('keyUp', 'Tab', 9)]);
  await expect(page.getByTestId('disposition-promise')).toBeChecked();
  await expect(page.getByTestId('disposition-days')).toBeFocused();
});
