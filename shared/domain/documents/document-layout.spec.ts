import { NOTICE_KINDS, type NoticeContent, type NoticeKind } from '../../contracts/paper-trail';
import { documentLayout, THREE_COPIES, type DocumentBlock, type DocumentLayout } from './document-layout';
import { englishDates, NOTICE_TITLES_EN } from './document-english';
import { NOTICE_TITLES } from './notice-number';

const envelope = (kind: NoticeKind, number: string): NoticeContent => ({
  kind,
  title: NOTICE_TITLES[kind],
  number,
  issuedAt: '2026-02-24T16:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  project: {
    code: 'GC-2026-0007',
    name: '新能源汽车零部件产业园',
    owner: { name: '星河新能源科技有限公司', legalRepresentative: '陈星河', contactName: '赵敏', contactPhone: '0571-88886666' },
  },
  department: { code: 'DRC', name: '发展和改革局' },
  issuer: { displayName: '李窗口' },
  corrects: null,
});

const applicant = {
  type: 'organisation',
  name: '星河新能源科技有限公司',
  legalRepresentative: '陈星河',
  address: '杭州市滨江区江南大道1号',
  phone: '0571-88886666',
} as const;

/** Every text of a layout in reading order (one copy): what a reader of the PDF must find. */
function layoutText(layout: DocumentLayout): string[] {
  const blockText = (b: DocumentBlock): string[] => {
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        return [b.text];
      case 'fields':
        return b.rows.flatMap((r) => [r.label, r.value]);
      case 'table':
        return [...b.head, ...b.rows.flat()];
    }
  };
  return [
    layout.title,
    layout.number,
    ...(layout.correction ? [layout.correction] : []),
    ...(layout.addressee ? [layout.addressee] : []),
    ...layout.blocks.flatMap(blockText),
    ...layout.signatures.flatMap((s) => [s.label, s.name]),
    layout.closing.issuer,
    layout.closing.date,
  ];
}

/** One realistic content per kind, as the hub issues it. */
const CONTENT: Record<NoticeKind, NoticeContent> = {
  timeout_implied_consent: {
    ...envelope('timeout_implied_consent', '绿通默许〔2026〕12号'),
    acceptedAt: '2026-02-12T02:00:00.000Z',
    dueAt: '2026-02-24T16:00:00.000Z',
  },
  delayed_approval: {
    ...envelope('delayed_approval', '绿通延时〔2026〕3号'),
    cause: 'network_outage',
    description: '省政务网中断',
    newDueAt: '2026-03-03T16:00:00.000Z',
    previousDueAt: '2026-02-27T16:00:00.000Z',
  },
  one_time_notification: {
    ...envelope('one_time_notification', '绿通告知〔2026〕5号'),
    materials: [
      { department: '发展和改革局', name: '项目申请报告', kind: 'main', copies: 2 },
      { department: '自然资源和规划局', name: '用地预审意见', kind: 'secondary', copies: 1 },
    ],
    departments: [
      { name: '发展和改革局', lead: true, workingDays: 3 },
      { name: '自然资源和规划局', lead: false, workingDays: 3 },
    ],
    procedure: ['窗口受理', '并联审批', '办结取件'],
    fees: '本项目所涉审批事项均不收费。',
    notes: null,
  },
  extension_notice: {
    ...envelope('extension_notice', '绿通延期〔2026〕1号'),
    reason: '需补充现场核查',
    newDueAt: '2026-03-03T16:00:00.000Z',
    previousDueAt: '2026-02-27T16:00:00.000Z',
    addedWorkingDays: 2,
    limitWorkingDays: 10,
  },
  circulation_report: {
    ...envelope('circulation_report', '绿通通报〔2026〕1号'),
    period: '2026年第一季度',
    deemedConsents: 3,
    text: '发展和改革局本季度发生超时默许3次。\n特予通报。',
  },
  permit_decision: {
    ...envelope('permit_decision', '绿通许可〔2026〕2号'),
    decision: 'deemed_consent',
    consentNotice: '绿通默许〔2026〕12号',
    materials: [{ name: '项目申请报告', copies: 2 }],
    seal: { name: '行政审批专用章', sealedBy: '李窗口', sealedAt: '2026-02-25T02:00:00.000Z' },
  },
  receipt: {
    ...envelope('receipt', '绿通收件〔2026〕9号'),
    applicant,
    receivedOn: '2026-02-11',
    acceptedOn: null,
    notAcceptedReason: '主件尚缺，待补正后受理',
    promisedCompletionOn: '2026-02-24',
    specialProcedures: [{ procedure: 'expert_review', workingDays: 5 }],
    applicantSignatory: '赵敏',
    received: [{ name: '项目申请报告', department: '发展和改革局', copies: 2 }],
    toSupplement: [{ name: '用地预审意见', department: '自然资源和规划局', copies: 1 }],
    staffName: '李窗口',
    accessCodeIssued: true,
  },
  pickup_register: {
    ...envelope('pickup_register', '绿通取件〔2026〕4号'),
    receipt: { id: 'r1', number: '绿通收件〔2026〕9号' },
    applicant,
    promisedOn: '2026-02-24',
    pickedUpOn: '2026-02-26',
    lateReason: '申请人出差',
    pickerName: '赵敏',
    staffName: '李窗口',
  },
  correction_notice: {
    ...envelope('correction_notice', '绿通更正〔2026〕1号'),
    corrects: { id: 'n12', number: '绿通默许〔2026〕12号' },
    corrected: {
      id: 'n12',
      number: '绿通默许〔2026〕12号',
      kind: 'timeout_implied_consent',
      title: '超时默许通知书',
      issuedAt: '2026-02-24T16:00:00.000Z',
    },
    reason: '该部门已按时参加会议，签到记录有误',
    revocation: { itemId: 'i1', newDueAt: '2026-03-05T16:00:00.000Z' },
  },
  completion_notice: {
    ...envelope('completion_notice', '绿通办结〔2026〕1号'),
    completedAt: '2026-02-25T02:00:00.000Z',
    items: [
      { department: '发展和改革局', outcome: 'deemed_consent', noticeNumber: '绿通默许〔2026〕12号', permitNumber: '绿通许可〔2026〕2号' },
      { department: '自然资源和规划局', outcome: 'rejected', noticeNumber: null, permitNumber: null },
    ],
  },
};

describe('documentLayout', () => {
  it.each(NOTICE_KINDS.map((k) => [k]))('R17: a %s prints its title, its number, the project, the issuer and the date', (kind) => {
    const layout = documentLayout(CONTENT[kind]);
    const text = layoutText(layout).join('\n');
    expect(layout.title).toBe(NOTICE_TITLES[kind]);
    expect(layout.number).toBe(CONTENT[kind].number);
    expect(text).toContain(kind === 'circulation_report' ? '发展和改革局' : '新能源汽车零部件产业园');
    expect(layout.closing).toEqual({ issuer: '行政服务中心', seal: expect.any(String), date: '2026年2月25日' });
    expect(layout.correction).toBe(kind === 'correction_notice' ? '本文书更正绿通默许〔2026〕12号，原文书同时作废。' : null);
  });

  it('R4a: the completion notice (办结通知书) lists each department, its outcome and its documents', () => {
    const text = layoutText(documentLayout(CONTENT.completion_notice)).join('\n');
    expect(text).toContain('各审批事项均已办结（2026年2月25日 10:00）');
    expect(text).toContain('超时默许，准予许可');
    expect(text).toContain('绿通许可〔2026〕2号；绿通默许〔2026〕12号');
    expect(text).toContain('不予许可');
  });

  it('R17: the timeout implied consent notice names the department, acceptance and due time in the center zone', () => {
    const text = layoutText(documentLayout(CONTENT.timeout_implied_consent)).join('\n');
    expect(text).toContain('发展和改革局');
    expect(text).toContain('2026年2月12日 10:00');
    expect(text).toContain('2026年2月24日 24:00');
    expect(text).toContain('视为发展和改革局默认许可');
  });

  it('R7: the one-time notification lists every material, department, procedure step, time limit and the fees', () => {
    const text = layoutText(documentLayout(CONTENT.one_time_notification)).join('\n');
    for (const fact of [
      '项目申请报告',
      '用地预审意见',
      '主件',
      '辅件',
      '主审部门',
      '参审部门',
      '并联审批',
      '3个工作日',
      '本项目所涉审批事项均不收费。',
      '须经中心领导批准',
    ]) {
      expect(text).toContain(fact);
    }
  });

  it('R9: the receipt is three copies in one run, each labelled, with every R9 field', () => {
    const layout = documentLayout(CONTENT.receipt);
    expect(layout.copies.map((c) => c.label)).toEqual([...THREE_COPIES]);
    expect(layout.copies.map((c) => c.label)).toEqual(['第一联 申请人留存', '第二联 监督机关留存', '第三联 存档']);
    const text = layoutText(layout).join('\n');
    for (const fact of [
      '绿通收件〔2026〕9号',
      '申请单位',
      '法定代表人',
      '陈星河',
      '单位地址',
      '联系电话',
      '收到申请日期',
      '2026年2月11日',
      '未当日受理',
      '延期受理原因',
      '主件尚缺，待补正后受理',
      '承诺办结取件日期',
      '2026年2月24日',
      '项目申请报告',
      '用地预审意见',
      '专家评审5个工作日',
      '首问责任人（签字）',
      '李窗口',
      '申请人（签字）',
      '赵敏',
    ]) {
      expect(text).toContain(fact);
    }
  });

  it('R9: a person applying prints name, occupation, address and phone', () => {
    const person = {
      ...CONTENT.receipt,
      applicant: { type: 'person', name: '张三', occupation: '个体工商户', address: '某街1号', phone: '13800000000' },
    } as NoticeContent;
    const text = layoutText(documentLayout(person)).join('\n');
    for (const fact of ['申请人', '张三', '职业', '个体工商户', '住址', '某街1号']) expect(text).toContain(fact);
  });

  it('R1: the access code prints on the applicant copy only, and only when given at print time', () => {
    const fresh = documentLayout(CONTENT.receipt, { accessCode: 'K7QM-2XPA' });
    expect(fresh.copies[0]!.note).toContain('K7QM-2XPA');
    expect(fresh.copies[0]!.note).toContain('GC-2026-0007');
    expect(fresh.copies.slice(1).every((c) => c.note === null)).toBe(true);
    const reprint = documentLayout(CONTENT.receipt);
    expect(reprint.copies[0]!.note).not.toContain('K7QM');
    expect(reprint.copies[0]!.note).toContain('已于首次出具收件回执时告知');
  });

  it('R9: the pickup register records promised and actual dates and the reason when late', () => {
    const layout = documentLayout(CONTENT.pickup_register);
    expect(layout.copies).toHaveLength(3);
    const text = layoutText(layout).join('\n');
    for (const fact of ['绿通收件〔2026〕9号', '2026年2月24日', '2026年2月26日', '申请人出差', '取件人（签字）'])
      expect(text).toContain(fact);
  });

  it('R17: the permit decision carries the approval seal record and cites the consent notice', () => {
    const layout = documentLayout(CONTENT.permit_decision);
    const text = layoutText(layout).join('\n');
    expect(text).toContain('绿通默许〔2026〕12号');
    expect(text).toContain('行政审批专用章');
    expect(text).toContain('准予行政许可');
    expect(layout.closing.seal).toBe('（加盖行政审批专用章）');
  });

  it('R13: the delayed approval notice gives the cause in words and the new due time', () => {
    const text = layoutText(documentLayout(CONTENT.delayed_approval)).join('\n');
    expect(text).toContain('计算机网络中断等技术性故障');
    expect(text).toContain('2026年3月3日 24:00');
  });

  it('R17: a correction is a new document that cites the old one', () => {
    const correction = {
      ...CONTENT.one_time_notification,
      number: '绿通告知〔2026〕6号',
      corrects: { id: 'x', number: '绿通告知〔2026〕5号' },
    };
    expect(documentLayout(correction).correction).toBe('本文书更正绿通告知〔2026〕5号，原文书同时作废。');
  });

  describe('R17: the Timeout Implied Consent Notice states its cause and its legal instant', () => {
    const base = CONTENT.timeout_implied_consent;
    const textOf = (extra: Record<string, unknown>) => layoutText(documentLayout({ ...base, ...extra })).join('\n');

    it('R17: timeout — "did not decide within the time limit", effective at the due instant', () => {
      const text = textOf({ cause: 'timeout', effectiveAt: '2026-02-24T16:00:00.000Z' });
      expect(text).toContain('在承诺时限内未作出是否准予许可的决定');
      expect(text).toContain('（超时默许），自2026年2月24日 24:00（承诺办结时限届满时）起生效');
    });

    it('R17 R15: meeting absence — names the meeting and is effective at its close, never the later due instant', () => {
      const text = textOf({
        cause: 'meeting_absence',
        meeting: '产业园联审会',
        meetingKind: 'joint_review',
        meetingStartsAt: '2026-02-16T01:00:00.000Z',
        effectiveAt: '2026-02-16T03:30:00.000Z',
      });
      expect(text).toContain('“产业园联审会”（联审会议）');
      expect(text).toContain('未按时参加');
      expect(text).toContain('（缺席会议默许），自2026年2月16日 11:30（联审会议结束时）起生效');
      expect(text).not.toContain('在承诺时限内未作出');
      expect(text).not.toContain('2026年2月24日 24:00（');
    });

    it('R17 R15: inspection absence — names the joint site inspection', () => {
      const text = textOf({
        cause: 'inspection_absence',
        meeting: '地块联合踏勘',
        meetingKind: 'site_inspection',
        meetingStartsAt: '2026-02-16T01:00:00.000Z',
        effectiveAt: '2026-02-16T02:00:00.000Z',
      });
      expect(text).toContain('“地块联合踏勘”（联合踏勘）');
      expect(text).toContain('缺席联合踏勘默许');
      expect(text).toContain('踏勘名称');
    });

    it('R17 R16: explanation rejected — says so, with filing and ruling, effective at the due instant', () => {
      const text = textOf({
        cause: 'explanation_rejected',
        explanationFiledAt: '2026-02-23T02:00:00.000Z',
        explanationRuledAt: '2026-02-26T02:00:00.000Z',
        effectiveAt: '2026-02-24T16:00:00.000Z',
      });
      expect(text).toContain('书面说明，经中心领导于2026年2月26日 10:00审查不予采纳');
      expect(text).toContain('（书面说明未予采纳），自2026年2月24日 24:00（承诺办结时限届满时）起生效');
    });
  });

  it('R17: a correction notice cites the corrected document and the reason; a revocation returns the item to review with its new due time', () => {
    const text = layoutText(documentLayout(CONTENT.correction_notice)).join('\n');
    expect(text).toContain('《超时默许通知书》（绿通默许〔2026〕12号）有误，现予更正');
    expect(text).toContain('更正理由：该部门已按时参加会议，签到记录有误');
    expect(text).toContain('撤销该通知书所认定的视为默认许可');
    expect(text).toContain('办结时限为2026年3月5日 24:00');
    const plain = layoutText(documentLayout({ ...CONTENT.correction_notice, revocation: null })).join('\n');
    expect(plain).not.toContain('撤销');
  });
});

describe('documentLayout in English', () => {
  const english = (content: NoticeContent) => documentLayout(content, {}, 'en');
  /** Fixed labels of the Chinese layouts that must never show in an English print (names may). */
  const CHINESE_LABEL = /[\u4e00-\u9fff]/;

  it.each(NOTICE_KINDS.map((k) => [k]))(
    'R17: a %s prints its English title, its number, English labels, the issuer and the date, and says the Chinese text prevails',
    (kind) => {
      const layout = english(CONTENT[kind]);
      expect(layout.title).toBe(NOTICE_TITLES_EN[kind]);
      expect(layout.number).toBe(CONTENT[kind].number);
      expect(layout.closing).toEqual({
        issuer: 'Administrative Service Center',
        seal: expect.stringMatching(/seal/),
        date: '25 February 2026',
      });
      expect(layout.correction).toBe(
        kind === 'correction_notice' ? 'This document corrects 绿通默许〔2026〕12号; the original is void from today.' : null,
      );
      for (const block of layout.blocks) {
        if (block.type === 'fields') for (const row of block.rows) expect(row.label).not.toMatch(CHINESE_LABEL);
        if (block.type === 'table') for (const head of block.head) expect(head).not.toMatch(CHINESE_LABEL);
        if (block.type === 'heading') expect(block.text).not.toMatch(CHINESE_LABEL);
      }
      for (const copy of layout.copies) if (copy.label) expect(copy.label).not.toMatch(CHINESE_LABEL);
      for (const signature of layout.signatures) expect(signature.label).not.toMatch(CHINESE_LABEL);
      expect(layoutText(layout).join('\n')).toContain('the Chinese text prevails');
    },
  );

  describe('the cause in words and its legal instant (R17 Decision)', () => {
    const base = CONTENT.timeout_implied_consent;
    const textOf = (extra: Record<string, unknown>) => layoutText(english({ ...base, ...extra })).join('\n');

    it('R17: timeout — "did not decide within the promised time limit", effective at the due instant', () => {
      const text = textOf({ cause: 'timeout', effectiveAt: '2026-02-24T16:00:00.000Z' });
      expect(text).toContain('did not decide within the promised time limit');
      expect(text).toContain('(cause: timeout), with effect from 24 February 2026 24:00 (the end of the promised time limit)');
    });

    it('R17 R15: meeting absence — names the meeting and is effective at its close', () => {
      const text = textOf({
        cause: 'meeting_absence',
        meeting: '产业园联审会',
        meetingKind: 'joint_review',
        meetingStartsAt: '2026-02-16T01:00:00.000Z',
        effectiveAt: '2026-02-16T03:30:00.000Z',
      });
      expect(text).toContain('the joint review meeting “产业园联审会”');
      expect(text).toContain(
        '(cause: absence from a meeting), with effect from 16 February 2026 11:30 (the close of the joint review meeting)',
      );
      expect(text).not.toContain('did not decide within');
    });

    it('R17 R16: explanation rejected — says so, with filing and ruling, effective at the due instant', () => {
      const text = textOf({
        cause: 'explanation_rejected',
        explanationFiledAt: '2026-02-23T02:00:00.000Z',
        explanationRuledAt: '2026-02-26T02:00:00.000Z',
        effectiveAt: '2026-02-24T16:00:00.000Z',
      });
      expect(text).toContain('rejected by a center leader at 26 February 2026 10:00');
      expect(text).toContain('(cause: written explanation rejected), with effect from 24 February 2026 24:00');
    });
  });

  it('R13 R17: the delay prints its cause in words; a correction cites the corrected document and a revocation its new due time', () => {
    expect(layoutText(english(CONTENT.delayed_approval)).join('\n')).toContain(
      'because of a computer network outage or similar technical failure',
    );
    const text = layoutText(english(CONTENT.correction_notice)).join('\n');
    expect(text).toContain(
      'The Timeout Implied Consent Notice (绿通默许〔2026〕12号) issued by the center on 25 February 2026 is in error',
    );
    expect(text).toContain('returns to review, due by 5 March 2026 24:00');
  });

  it('R17: Chinese stays the default and is unchanged by the English print', () => {
    expect(documentLayout(CONTENT.receipt)).toEqual(documentLayout(CONTENT.receipt, {}, 'zh'));
    expect(englishDates('收到申请日期 2026年2月11日')).toBe('收到申请日期 11 February 2026');
  });
});
