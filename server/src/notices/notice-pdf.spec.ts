import { documentLayout, NOTICE_TITLES, type NoticeContent } from '@hub/shared';
import { pdfPages } from '../../test/pdf-text';
import { renderPdf } from './notice-pdf';

const content = (kind: 'timeout_implied_consent' | 'receipt', extra: Record<string, unknown>): NoticeContent => ({
  kind,
  title: NOTICE_TITLES[kind],
  number: kind === 'receipt' ? '绿通收件〔2026〕9号' : '绿通默许〔2026〕12号',
  issuedAt: '2026-02-24T16:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  project: {
    code: 'GC-2026-0007',
    name: '新能源汽车零部件产业园',
    owner: { name: '星河新能源科技有限公司', legalRepresentative: '陈星河', contactName: '赵敏', contactPhone: '0571-88886666' },
  },
  department: { code: 'DRC', name: '发展和改革局' },
  issuer: null,
  corrects: null,
  ...extra,
});

describe('notice PDF (pdfkit with Noto Sans Hans)', () => {
  it('R17: the PDF of a timeout implied consent notice reads back, in Chinese, its title, number, project and department', async () => {
    const layout = documentLayout(
      content('timeout_implied_consent', { acceptedAt: '2026-02-12T02:00:00.000Z', dueAt: '2026-02-24T16:00:00.000Z' }),
    );
    const pdf = await renderPdf(layout);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(200_000); // subset fonts, not 8 MB of them
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    for (const text of [
      '超时默许通知书',
      '绿通默许〔2026〕12号',
      '新能源汽车零部件产业园',
      '发展和改革局',
      '2026年2月24日 24:00',
      '行政服务中心',
    ]) {
      expect(pages[0]).toContain(text);
    }
  });

  it('R9: a receipt prints three labelled copies in one run, each with the receipt number', async () => {
    const layout = documentLayout(
      content('receipt', {
        applicant: {
          type: 'organisation',
          name: '星河新能源科技有限公司',
          legalRepresentative: '陈星河',
          address: '杭州市滨江区江南大道1号',
          phone: '0571-88886666',
        },
        // A full receipt (every optional line present) must still print one page per copy.
        receivedOn: '2026-02-11',
        acceptedOn: null,
        notAcceptedReason: '主件尚缺用地预审意见，待补正后受理',
        promisedCompletionOn: '2026-02-24',
        specialProcedures: [
          { procedure: 'expert_review', workingDays: 5 },
          { procedure: 'hearing', workingDays: 10 },
        ],
        applicantSignatory: '赵敏',
        received: [
          { name: '项目申请报告', department: '发展和改革局', copies: 2 },
          { name: '节能评估报告', department: '发展和改革局', copies: 1 },
          { name: '建设项目用地预审申请表', department: '自然资源和规划局', copies: 1 },
        ],
        toSupplement: [
          { name: '用地预审意见', department: '自然资源和规划局', copies: 1 },
          { name: '环境影响报告书', department: '生态环境局', copies: 2 },
        ],
        staffName: '李窗口',
        accessCodeIssued: true,
      }),
      { accessCode: 'K7QM-2XPA' },
    );
    const pages = await pdfPages(await renderPdf(layout));
    expect(pages).toHaveLength(3);
    ['第一联 申请人留存', '第二联 监督机关留存', '第三联 存档'].forEach((label, i) => {
      expect(pages[i]).toContain(label);
      expect(pages[i]).toContain('绿通收件〔2026〕9号');
      expect(pages[i]).toContain('项目申请报告');
    });
    expect(pages[0]).toContain('K7QM-2XPA');
    expect(pages[1]).not.toContain('K7QM-2XPA');
    expect(pages[2]).not.toContain('K7QM-2XPA');
  });
});
