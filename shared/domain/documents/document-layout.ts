import type { MeetingKind } from '../../contracts/meetings';
import type {
  CirculationReportContent,
  CompletionContent,
  CorrectionContent,
  DelayedApprovalContent,
  ExtensionNoticeContent,
  ImpliedConsentContent,
  NoticeContent,
  NoticeKind,
  OneTimeNotificationContent,
  PermitContent,
  PickupContent,
  ReceiptApplicant,
  ReceiptContent,
  SpecialProcedure,
} from '../../contracts/paper-trail';
import { layoutInEnglish } from './document-english';
import { officialDate, officialDateOf, officialDateTime } from './official-dates';

/**
 * One layout per kind of document, computed from its stored, immutable content only. The client
 * draws it as an A4 HTML sheet and the server as a PDF page, so both always say the same thing.
 */
export type DocumentBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; indent: boolean }
  | { type: 'fields'; rows: { label: string; value: string }[] }
  | { type: 'table'; head: string[]; rows: string[][]; widths: number[] };

export interface DocumentCopy {
  /** 第一联 申请人留存 …; null for a document printed once. */
  label: string | null;
  /** A line printed on this copy only (the applicant's access code, R1). */
  note: string | null;
}

export interface DocumentLayout {
  title: string;
  number: string;
  copies: DocumentCopy[];
  /** R17: "本文书更正…" when the document corrects an earlier one. */
  correction: string | null;
  addressee: string | null;
  blocks: DocumentBlock[];
  signatures: { label: string; name: string }[];
  closing: { issuer: string; seal: string; date: string };
}

/** Printed only when the document is printed right after issue (never stored, R1). */
export interface PrintExtras {
  accessCode?: string;
}

export const CENTER_NAME = '行政服务中心';

/** R9: receipts and pickup registers are three-part forms, all printed in one run. */
export const THREE_COPIES = ['第一联 申请人留存', '第二联 监督机关留存', '第三联 存档'] as const;

/** R9/R10a: a special procedure as printed (receipt, deadline explanation). */
export const SPECIAL_PROCEDURE_NAMES: Record<SpecialProcedure, string> = {
  hearing: '听证',
  tender: '招标',
  auction: '拍卖',
  inspection: '检验',
  testing: '检测',
  survey: '勘测',
  quarantine: '检疫',
  appraisal: '鉴定',
  expert_review: '专家评审',
};

/** R13 causes as issue 3 records them; an unknown cause prints as recorded. */
const DELAY_CAUSES: Record<string, string> = {
  law_policy_change: '国家法律、法规、政策等相关依据发生变化',
  law_change: '国家法律、法规、政策等相关依据发生变化',
  policy_change: '国家法律、法规、政策等相关依据发生变化',
  network_outage: '计算机网络中断等技术性故障',
  natural_disaster: '自然灾害等不可抗力因素',
};

const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  coordination: '协调会议',
  joint_review: '联审会议',
  supervision: '督办会议',
  site_inspection: '联合踏勘',
};

/**
 * R17 Decision: the notice states its cause in words and takes effect at the legal instant — the due
 * instant (timeout; explanation rejected) or the close of the named meeting or inspection (absence).
 */
function impliedConsentCause(c: NoticeContent): { name: string; finding: string; effective: string; rows: [string, string][] } {
  const d = as<Partial<ImpliedConsentContent>>(c);
  const dept = departmentName(c);
  switch (d.cause) {
    case 'meeting_absence':
    case 'inspection_absence': {
      const kind = d.meetingKind ? MEETING_KIND_NAMES[d.meetingKind] : d.cause === 'inspection_absence' ? '联合踏勘' : '会议';
      const gathering = `“${text(d.meeting)}”（${kind}）`;
      return {
        name: d.cause === 'inspection_absence' ? '缺席联合踏勘默许' : '缺席会议默许',
        finding: `本中心于${at(c, d.meetingStartsAt)}组织${gathering}，已按规定提前通知${dept}参加。该部门未按时参加，亦无经中心领导同意的书面说明，至${at(c, d.effectiveAt)}${kind}结束时仍未参加。`,
        effective: `${at(c, d.effectiveAt)}（${kind}结束时）`,
        rows: [
          [d.cause === 'inspection_absence' ? '踏勘名称' : '会议名称', text(d.meeting)],
          ['开始时间', at(c, d.meetingStartsAt)],
          ['结束时间', at(c, d.effectiveAt)],
        ],
      };
    }
    case 'explanation_rejected':
      return {
        name: '书面说明未予采纳',
        finding: `该部门在承诺时限内未作出是否准予许可的决定，其于${at(c, d.explanationFiledAt)}提交的书面说明，经中心领导于${at(c, d.explanationRuledAt)}审查不予采纳。`,
        effective: `${at(c, d.effectiveAt ?? d.dueAt)}（承诺办结时限届满时）`,
        rows: [
          ['书面说明提交时间', at(c, d.explanationFiledAt)],
          ['不予采纳时间', at(c, d.explanationRuledAt)],
        ],
      };
    default:
      return {
        name: '超时默许',
        finding: '该部门在承诺时限内未作出是否准予许可的决定，又无法定事由延长时限，亦未作出合理解释和书面说明。',
        effective: `${at(c, d.effectiveAt ?? d.dueAt)}（承诺办结时限届满时）`,
        rows: [],
      };
  }
}

type Body = Pick<DocumentLayout, 'addressee' | 'blocks'> & Partial<Pick<DocumentLayout, 'copies' | 'signatures'>> & { seal?: string };
type Renderer = (content: NoticeContent, extras: PrintExtras) => Body;

const p = (text: string): DocumentBlock => ({ type: 'paragraph', text, indent: true });
const heading = (text: string): DocumentBlock => ({ type: 'heading', text });
const fields = (rows: [string, string][]): DocumentBlock => ({ type: 'fields', rows: rows.map(([label, value]) => ({ label, value })) });
/** Every kind but a circulation report (R22, about a department) is issued for a project. */
function projectOf(c: NoticeContent): NonNullable<NoticeContent['project']> {
  if (!c.project) throw new RangeError(`A ${c.kind} is issued for a project`);
  return c.project;
}
const ownerOf = (c: NoticeContent) => projectOf(c).owner.name;
const subject = (c: NoticeContent) => `“${projectOf(c).name}”（项目编号：${projectOf(c).code}）`;
const departmentName = (c: NoticeContent) => c.department?.name ?? '有关部门';
const at = (c: NoticeContent, instant: string | null | undefined) => (instant ? officialDateTime(instant, c.timeZone) : '—');
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : '—');
const as = <T>(c: NoticeContent) => c as unknown as NoticeContent & T;

function applicantRows(a: ReceiptApplicant): [string, string][] {
  return a.type === 'organisation'
    ? [
        ['申请单位', a.name],
        ['法定代表人', text(a.legalRepresentative)],
        ['单位地址', a.address],
        ['联系电话', a.phone],
      ]
    : [
        ['申请人', a.name],
        ['职业', text(a.occupation)],
        ['住址', a.address],
        ['联系电话', a.phone],
      ];
}

const RENDERERS: Record<NoticeKind, Renderer> = {
  timeout_implied_consent: (c) => {
    const d = as<Partial<ImpliedConsentContent>>(c);
    const cause = impliedConsentCause(c);
    return {
      addressee: `${ownerOf(c)}、${departmentName(c)}：`,
      blocks: [
        p(`${subject(c)}${departmentName(c)}审批事项于${at(c, d.acceptedAt)}受理，承诺办结时限为${at(c, d.dueAt)}。${cause.finding}`),
        p(
          `依据《行政审批服务超时默许工作制度》，视为${departmentName(c)}默认许可该审批事项（${cause.name}），自${cause.effective}起生效。`,
        ),
        p(`请${departmentName(c)}在发放证照的同时补齐相关手续。本中心受理窗口将出具加盖行政审批专用章的行政许可决定。`),
        fields([
          ['项目名称', projectOf(c).name],
          ['项目编号', projectOf(c).code],
          ['业主单位', ownerOf(c)],
          ['审批部门', departmentName(c)],
          ['受理时间', at(c, d.acceptedAt)],
          ['承诺办结时限', at(c, d.dueAt)],
          ['认定原因', cause.name],
          ...cause.rows,
          ['生效时间', cause.effective],
        ]),
      ],
    };
  },

  completion_notice: (c) => {
    const d = as<Partial<CompletionContent>>(c);
    const outcome = { approved: '准予许可', rejected: '不予许可', deemed_consent: '超时默许，准予许可' } as const;
    return {
      addressee: `${ownerOf(c)}：`,
      blocks: [
        p(
          `你单位申报的${subject(c)}，经绿色通道并联审批，各审批事项均已办结${d.completedAt ? `（${at(c, d.completedAt)}）` : ''}，现予告知。`,
        ),
        {
          type: 'table',
          head: ['序号', '审批部门', '办理结果', '文书编号'],
          widths: [1, 4, 3, 4],
          rows: (d.items ?? []).map((i, n) => [
            String(n + 1),
            i.department,
            outcome[i.outcome],
            [i.permitNumber, i.noticeNumber].filter(Boolean).join('；') || '—',
          ]),
        },
      ],
    };
  },

  correction_notice: (c) => {
    const d = as<Partial<CorrectionContent>>(c);
    const corrected = d.corrected;
    const revocation = d.revocation ?? null;
    return {
      addressee: `${c.project ? `${ownerOf(c)}、` : ''}${departmentName(c)}：`,
      blocks: [
        ...(c.project ? [p(`项目：${subject(c)}`)] : []),
        p(
          `本中心于${corrected ? officialDateOf(corrected.issuedAt, c.timeZone) : '—'}出具的《${corrected?.title ?? '—'}》（${corrected?.number ?? '—'}）有误，现予更正。`,
        ),
        p(`更正理由：${text(d.reason)}`),
        ...(revocation
          ? [
              p(
                `经中心领导审查，撤销该通知书所认定的视为默认许可。${departmentName(c)}审批事项恢复审查，办结时限为${at(c, revocation.newDueAt)}。`,
              ),
            ]
          : []),
        p(`原文书（${corrected?.number ?? '—'}）自本通知书出具之日起作废。`),
        fields([
          ['被更正文书', `${corrected?.title ?? '—'}（${corrected?.number ?? '—'}）`],
          ['更正理由', text(d.reason)],
          ...(revocation ? ([['恢复审查，新办结时限', at(c, revocation.newDueAt)]] as [string, string][]) : []),
        ]),
      ],
    };
  },

  delayed_approval: (c) => {
    const d = as<Partial<DelayedApprovalContent>>(c);
    const cause = DELAY_CAUSES[String(d.cause)] ?? text(d.cause);
    return {
      addressee: `${ownerOf(c)}：`,
      blocks: [
        p(`${subject(c)}${departmentName(c)}审批事项，因${cause}，不能在承诺时限内办结。`),
        p(
          `依据《行政审批服务超时默许工作制度》第三条第（三）项，现出具本通知书，办结时限延至${at(c, d.newDueAt)}。此次延时不适用超时默许。`,
        ),
        fields([
          ['审批部门', departmentName(c)],
          ['延时原因', cause],
          ['情况说明', text(d.description)],
          ['原办结时限', at(c, d.previousDueAt)],
          ['新办结时限', at(c, d.newDueAt)],
        ]),
      ],
    };
  },

  extension_notice: (c) => {
    const d = as<Partial<ExtensionNoticeContent>>(c);
    return {
      addressee: `${ownerOf(c)}：`,
      blocks: [
        p(`${subject(c)}${departmentName(c)}审批事项，因${text(d.reason)}，经中心领导批准，办结时限延至${at(c, d.newDueAt)}。`),
        p(
          `该事项的延期累计${d.addedWorkingDays ?? '—'}个工作日（上限${d.limitWorkingDays ?? '—'}个工作日）。在延期承诺时限内未作出决定的，视为默认许可。`,
        ),
        fields([
          ['审批部门', departmentName(c)],
          ['延期理由', text(d.reason)],
          ['原办结时限', at(c, d.previousDueAt)],
          ['新办结时限', at(c, d.newDueAt)],
        ]),
      ],
    };
  },

  one_time_notification: (c) => {
    const d = as<OneTimeNotificationContent>(c);
    const workingDays = d.departments[0]?.workingDays ?? 3;
    return {
      addressee: `${ownerOf(c)}：`,
      blocks: [
        p(
          `你单位申报的${subject(c)}已进入绿色通道。根据《行政审批服务绿色通道工作制度》一次性告知原则，现将审批所涉及的申报材料、审批部门、审批程序、办理时限和收费标准一次性告知如下：`,
        ),
        heading('一、申报材料'),
        {
          type: 'table',
          head: ['序号', '审批部门', '材料名称', '类别', '份数'],
          widths: [1, 3, 5, 1.4, 1],
          rows: d.materials.map((m, i) => [String(i + 1), m.department, m.name, m.kind === 'main' ? '主件' : '辅件', String(m.copies)]),
        },
        p('主件齐全即可先予受理，辅件可边办边补，但在下达批文、发给证照前必须补齐。'),
        heading('二、审批部门'),
        {
          type: 'table',
          head: ['审批部门', '职责', '办理时限'],
          widths: [5, 2, 3],
          rows: d.departments.map((x) => [x.name, x.lead ? '主审部门' : '参审部门', `${x.workingDays}个工作日`]),
        },
        heading('三、审批程序'),
        ...d.procedure.map((step, i) => p(`${i + 1}. ${step}`)),
        heading('四、办理时限'),
        p(
          `各部门审批事项自受理之日起${workingDays}个工作日内办结（受理当日不计，法定节假日不计）。有关部门在承诺时限内未办结，又未作出合理解释和书面说明的，视为默认许可。`,
        ),
        heading('五、收费标准'),
        p(d.fees),
        ...(d.notes ? [heading('六、其他事项'), p(d.notes)] : []),
        p('本告知书所列材料以外，审批部门如需申请人补充其他材料，须经中心领导批准。'),
      ],
    };
  },

  circulation_report: (c) => {
    const d = as<Partial<CirculationReportContent>>(c);
    return {
      addressee: '各有关部门：',
      blocks: [
        ...text(d.text)
          .split('\n')
          .filter((line) => line.trim())
          .map(p),
        fields([
          ['被通报部门', departmentName(c)],
          ['统计期间', text(d.period)],
          ['超时默许次数', String(d.deemedConsents ?? '—')],
        ]),
      ],
    };
  },

  permit_decision: (c) => {
    const d = as<PermitContent>(c);
    const finding =
      d.decision === 'deemed_consent'
        ? `${departmentName(c)}在承诺时限内未作出决定，已依据${d.consentNotice ?? '超时默许通知书'}视为默认许可。依据《行政审批服务绿色通道工作制度》超时默许原则，由本中心受理窗口出具本行政许可决定。`
        : `经${departmentName(c)}审查，你单位的申请符合法定条件、标准。`;
    return {
      addressee: `${ownerOf(c)}：`,
      blocks: [
        p(`你单位申报的${subject(c)}${departmentName(c)}审批事项，申请材料已全部补齐。${finding}`),
        p('决定：准予行政许可。'),
        {
          type: 'table',
          head: ['序号', '申请材料', '份数'],
          widths: [1, 8, 1.5],
          rows: d.materials.map((m, i) => [String(i + 1), m.name, String(m.copies)]),
        },
        fields([
          ['用章', d.seal.name],
          ['用章经办人', d.seal.sealedBy],
          ['用章时间', at(c, d.seal.sealedAt)],
        ]),
      ],
      seal: `（加盖${d.seal.name}）`,
    };
  },

  receipt: (c, extras) => {
    const d = as<ReceiptContent>(c);
    const materialRows = (list: ReceiptContent['received']) => list.map((m, i) => [String(i + 1), m.name, m.department, String(m.copies)]);
    const applicantNote = extras.accessCode
      ? `查询进度：项目编号 ${projectOf(c).code}，访问码 ${extras.accessCode}（请妥善保管，仅此一次打印）`
      : d.accessCodeIssued
        ? `查询进度：项目编号 ${projectOf(c).code}；访问码已于首次出具收件回执时告知`
        : `查询进度：项目编号 ${projectOf(c).code}`;
    return {
      addressee: null,
      copies: THREE_COPIES.map((label, i) => ({ label, note: i === 0 ? applicantNote : null })),
      blocks: [
        fields([
          ['项目名称', projectOf(c).name],
          ...applicantRows(d.applicant),
          ['收到申请日期', officialDate(d.receivedOn)],
          ['受理日期', d.acceptedOn ? officialDate(d.acceptedOn) : '未当日受理'],
          ...(d.notAcceptedReason ? ([['延期受理原因', d.notAcceptedReason]] as [string, string][]) : []),
          ['承诺办结取件日期', officialDate(d.promisedCompletionOn)],
          [
            '听证、招标、检验、专家评审等所需时间',
            d.specialProcedures.length
              ? d.specialProcedures.map((s) => `${SPECIAL_PROCEDURE_NAMES[s.procedure]}${s.workingDays}个工作日`).join('；')
              : '无',
          ],
          ['窗口联系人', d.staffName],
        ]),
        heading('已收材料'),
        { type: 'table', head: ['序号', '材料名称', '审批部门', '份数'], widths: [1, 6, 3.5, 1], rows: materialRows(d.received) },
        heading('需补正材料（一次性告知）'),
        d.toSupplement.length
          ? { type: 'table', head: ['序号', '材料名称', '审批部门', '份数'], widths: [1, 6, 3.5, 1], rows: materialRows(d.toSupplement) }
          : p('无'),
      ],
      signatures: [
        { label: '首问责任人（签字）', name: d.staffName },
        { label: '申请人（签字）', name: d.applicantSignatory },
      ],
    };
  },

  pickup_register: (c) => {
    const d = as<PickupContent>(c);
    return {
      addressee: null,
      copies: THREE_COPIES.map((label) => ({ label, note: null })),
      blocks: [
        fields([
          ['收件编号', d.receipt.number],
          ['项目名称', projectOf(c).name],
          ...applicantRows(d.applicant),
          ['承诺办结取件日期', officialDate(d.promisedOn)],
          ['实际取件日期', officialDate(d.pickedUpOn)],
          ['超过承诺日期取件原因', d.lateReason ?? '未超期'],
        ]),
      ],
      signatures: [
        { label: '首问责任人（签字）', name: d.staffName },
        { label: '取件人（签字）', name: d.pickerName },
      ],
    };
  },
};

/** The languages a document prints in: as issued (Chinese), or in English for an English reader. */
export const DOCUMENT_LANGUAGES = ['zh', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** R17: the one layout of a stored document, for the HTML sheet and the PDF alike, in either language. */
export function documentLayout(content: NoticeContent, extras: PrintExtras = {}, lang: DocumentLanguage = 'zh'): DocumentLayout {
  const zh = chineseLayout(content, extras);
  return lang === 'en' ? layoutInEnglish(zh, content) : zh;
}

function chineseLayout(content: NoticeContent, extras: PrintExtras): DocumentLayout {
  const body = RENDERERS[content.kind](content, extras);
  return {
    title: content.title,
    number: content.number,
    copies: body.copies ?? [{ label: null, note: null }],
    correction: content.corrects ? `本文书更正${content.corrects.number}，原文书同时作废。` : null,
    addressee: body.addressee,
    blocks: body.blocks,
    signatures: body.signatures ?? [],
    closing: { issuer: CENTER_NAME, seal: body.seal ?? '（盖章）', date: officialDateOf(content.issuedAt, content.timeZone) },
  };
}
