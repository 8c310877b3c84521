import type { MeetingKind } from '../../contracts/meetings';
import type {
  CorrectionContent,
  DelayedApprovalContent,
  ExtensionNoticeContent,
  ImpliedConsentContent,
  NoticeContent,
  NoticeKind,
  PermitContent,
} from '../../contracts/paper-trail';
import { civilDateParts } from '../calendar/civil-date';
import { civilDateOf } from '../calendar/time-zone';
import type { DocumentBlock, DocumentLayout } from './document-layout';

/**
 * R17 in English: the same stored content printed for an English reader — the title, the cause and
 * its legal instant in words, and every fixed label. The legal text of the kinds without an English
 * body (one-time notification, receipt, …) stays in Chinese, as issued; their labels are translated.
 * Names (project, owner, department, meeting) are printed as recorded.
 */
export const NOTICE_TITLES_EN: Readonly<Record<NoticeKind, string>> = {
  timeout_implied_consent: 'Timeout Implied Consent Notice',
  delayed_approval: 'Delayed Approval Notice',
  one_time_notification: 'One-Time Notification',
  circulation_report: 'Circulation Report',
  permit_decision: 'Administrative Permit Decision',
  receipt: 'Receipt of Application',
  pickup_register: 'Pickup Register',
  extension_notice: 'Extension Notice',
  correction_notice: 'Correction Notice',
  completion_notice: 'Notice of Completion',
};

export const CENTER_NAME_EN = 'Administrative Service Center';

/** The document was issued in Chinese: the English print says which text binds. */
export const PREVAILS = 'This is an English rendering of the document issued in Chinese; the Chinese text prevails.';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026年3月10日 → 10 March 2026, wherever an official date appears in a printed text. */
export function englishDates(text: string): string {
  return text.replace(
    /(\d{4})年(\d{1,2})月(\d{1,2})日/g,
    (_, y: string, m: string, d: string) => `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`,
  );
}

const dateOf = (instant: string, timeZone: string) => {
  const { year, month, day } = civilDateParts(civilDateOf(new Date(instant), timeZone));
  return `${day} ${MONTHS[month - 1]} ${year}`;
};

/** Fixed labels and fixed words of the Chinese layouts, with their English. */
const FIXED: Readonly<Record<string, string>> = {
  项目名称: 'Project',
  项目编号: 'Project code',
  业主单位: 'Owner',
  审批部门: 'Department',
  受理时间: 'Accepted',
  承诺办结时限: 'Due',
  认定原因: 'Cause',
  生效时间: 'Effective',
  会议名称: 'Meeting',
  踏勘名称: 'Site inspection',
  开始时间: 'Start',
  结束时间: 'Close',
  书面说明提交时间: 'Written explanation filed',
  不予采纳时间: 'Explanation rejected',
  被更正文书: 'Document corrected',
  更正理由: 'Reason for the correction',
  '恢复审查，新办结时限': 'Back in review, new due time',
  延时原因: 'Cause of the delay',
  情况说明: 'Description',
  原办结时限: 'Previous due time',
  新办结时限: 'New due time',
  延期理由: 'Reason for the extension',
  被通报部门: 'Department named',
  统计期间: 'Period',
  超时默许次数: 'Deemed consents',
  用章: 'Seal',
  用章经办人: 'Sealed by',
  用章时间: 'Sealed at',
  申请单位: 'Applicant organisation',
  法定代表人: 'Legal representative',
  单位地址: 'Address',
  联系电话: 'Telephone',
  申请人: 'Applicant',
  职业: 'Occupation',
  住址: 'Address',
  收到申请日期: 'Application received',
  受理日期: 'Accepted on',
  延期受理原因: 'Reason acceptance was deferred',
  承诺办结取件日期: 'Promised pickup date',
  '听证、招标、检验、专家评审等所需时间': 'Time for hearings, tenders, testing, expert review etc.',
  窗口联系人: 'Window contact',
  已收材料: 'Materials received',
  '需补正材料（一次性告知）': 'Materials to supplement (one-time notification)',
  收件编号: 'Receipt number',
  实际取件日期: 'Picked up on',
  超过承诺日期取件原因: 'Reason for a late pickup',
  '首问责任人（签字）': 'First-responder (signature)',
  '申请人（签字）': 'Applicant (signature)',
  '取件人（签字）': 'Collected by (signature)',
  '第一联 申请人留存': 'Copy 1: applicant',
  '第二联 监督机关留存': 'Copy 2: supervising authority',
  '第三联 存档': 'Copy 3: archive',
  序号: 'No.',
  // R4a: the completion notice's table
  办理结果: 'Outcome',
  文书编号: 'Document number',
  准予许可: 'Permitted',
  不予许可: 'Not permitted',
  '超时默许，准予许可': 'Deemed consent, permitted',
  材料名称: 'Material',
  申请材料: 'Material',
  类别: 'Type',
  份数: 'Copies',
  职责: 'Role',
  办理时限: 'Time limit',
  主件: 'main',
  辅件: 'secondary',
  主审部门: 'lead',
  参审部门: 'participating',
  '一、申报材料': '1. Materials',
  '二、审批部门': '2. Departments',
  '三、审批程序': '3. Procedure',
  '四、办理时限': '4. Time limits',
  '五、收费标准': '5. Fees',
  '六、其他事项': '6. Other matters',
  无: 'none',
  未当日受理: 'not accepted on the day',
  未超期: 'not late',
  '（盖章）': '(seal)',
  行政审批专用章: 'Administrative approval seal',
};

const fixed = (text: string) => FIXED[text] ?? englishDates(text);

const MEETING_KINDS_EN: Record<MeetingKind, string> = {
  coordination: 'coordination meeting',
  joint_review: 'joint review meeting',
  supervision: 'supervision meeting',
  site_inspection: 'joint site inspection',
};

const DELAY_CAUSES_EN: Record<string, string> = {
  law_policy_change: 'a change in national law, regulation or policy',
  law_change: 'a change in national law, regulation or policy',
  policy_change: 'a change in national law, regulation or policy',
  network_outage: 'a computer network outage or similar technical failure',
  natural_disaster: 'a natural disaster or similar force majeure',
};

type EnglishBody = Pick<DocumentLayout, 'addressee' | 'blocks'>;

const p = (text: string): DocumentBlock => ({ type: 'paragraph', text, indent: false });
const fields = (rows: [string, string][]): DocumentBlock => ({ type: 'fields', rows: rows.map(([label, value]) => ({ label, value })) });
const as = <T>(c: NoticeContent) => c as unknown as NoticeContent & T;

/** 10 March 2026 24:00 — the R10 end of day reads 24:00 of that day, as in Chinese. */
function at(c: NoticeContent, instant: string | null | undefined): string {
  if (!instant) return '—';
  const when = new Date(instant);
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone: c.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    when,
  );
  return wall === '00:00'
    ? `${dateOf(new Date(when.getTime() - 1).toISOString(), c.timeZone)} 24:00`
    : `${dateOf(instant, c.timeZone)} ${wall}`;
}

const dept = (c: NoticeContent) => c.department?.name ?? 'the department concerned';
const subject = (c: NoticeContent) => (c.project ? `“${c.project.name}” (project code ${c.project.code})` : '');
const owner = (c: NoticeContent) => c.project?.owner.name ?? '';
const to = (...names: string[]) => `To ${names.filter(Boolean).join(' and ')}:`;

/** R17 Decision: the cause in words and the legal instant — the due instant, or the close of the named meeting. */
export function impliedConsentCauseEn(c: NoticeContent): { name: string; finding: string; effective: string; rows: [string, string][] } {
  const d = as<Partial<ImpliedConsentContent>>(c);
  switch (d.cause) {
    case 'meeting_absence':
    case 'inspection_absence': {
      const kind = d.meetingKind ? MEETING_KINDS_EN[d.meetingKind] : d.cause === 'inspection_absence' ? 'joint site inspection' : 'meeting';
      return {
        name: d.cause === 'inspection_absence' ? 'absence from a joint site inspection' : 'absence from a meeting',
        finding:
          `The center convened the ${kind} “${d.meeting ?? '—'}” for ${at(c, d.meetingStartsAt)} and invited ${dept(c)} with the required notice. ` +
          `The department did not attend on time, had no written explanation accepted by a center leader, and had not attended when the ${kind} closed at ${at(c, d.effectiveAt)}.`,
        effective: `${at(c, d.effectiveAt)} (the close of the ${kind})`,
        rows: [
          [d.cause === 'inspection_absence' ? 'Site inspection' : 'Meeting', d.meeting ?? '—'],
          ['Start', at(c, d.meetingStartsAt)],
          ['Close', at(c, d.effectiveAt)],
        ],
      };
    }
    case 'explanation_rejected':
      return {
        name: 'written explanation rejected',
        finding:
          `The department did not decide within the promised time limit; the written explanation it filed at ${at(c, d.explanationFiledAt)} ` +
          `was reviewed and rejected by a center leader at ${at(c, d.explanationRuledAt)}.`,
        effective: `${at(c, d.effectiveAt ?? d.dueAt)} (the end of the promised time limit)`,
        rows: [
          ['Written explanation filed', at(c, d.explanationFiledAt)],
          ['Explanation rejected', at(c, d.explanationRuledAt)],
        ],
      };
    default:
      return {
        name: 'timeout',
        finding:
          'The department did not decide within the promised time limit, had no lawful ground to extend it, and gave no reasonable explanation in writing.',
        effective: `${at(c, d.effectiveAt ?? d.dueAt)} (the end of the promised time limit)`,
        rows: [],
      };
  }
}

const ENGLISH_BODIES: Partial<Record<NoticeKind, (c: NoticeContent) => EnglishBody>> = {
  timeout_implied_consent: (c) => {
    const d = as<Partial<ImpliedConsentContent>>(c);
    const cause = impliedConsentCauseEn(c);
    return {
      addressee: to(owner(c), dept(c)),
      blocks: [
        p(
          `The approval item of ${dept(c)} for ${subject(c)} was accepted at ${at(c, d.acceptedAt)} and was due by ${at(c, d.dueAt)}. ${cause.finding}`,
        ),
        p(
          `Under the center's rules on implied consent upon timeout, ${dept(c)} is deemed to consent to the item (cause: ${cause.name}), ` +
            `with effect from ${cause.effective}.`,
        ),
        p(
          `${dept(c)} is asked to complete the formalities when the permit is issued. The center's window will issue the administrative permit decision under the administrative approval seal.`,
        ),
        fields([
          ['Project', c.project?.name ?? '—'],
          ['Project code', c.project?.code ?? '—'],
          ['Owner', owner(c) || '—'],
          ['Department', dept(c)],
          ['Accepted', at(c, d.acceptedAt)],
          ['Due', at(c, d.dueAt)],
          ['Cause', cause.name],
          ...cause.rows,
          ['Effective', cause.effective],
        ]),
      ],
    };
  },

  correction_notice: (c) => {
    const d = as<Partial<CorrectionContent>>(c);
    const corrected = d.corrected;
    const title = corrected ? NOTICE_TITLES_EN[corrected.kind] : '—';
    return {
      addressee: to(owner(c), dept(c)),
      blocks: [
        ...(c.project ? [p(`Project: ${subject(c)}`)] : []),
        p(
          `The ${title} (${corrected?.number ?? '—'}) issued by the center on ${corrected ? dateOf(corrected.issuedAt, c.timeZone) : '—'} is in error and is corrected by this notice.`,
        ),
        p(`Reason: ${d.reason ?? '—'}`),
        ...(d.revocation
          ? [
              p(
                `A center leader has revoked the deemed consent found by that notice. The item of ${dept(c)} returns to review, due by ${at(c, d.revocation.newDueAt)}.`,
              ),
            ]
          : []),
        p(`The original document (${corrected?.number ?? '—'}) is void from the date of this notice.`),
        fields([
          ['Document corrected', `${title} (${corrected?.number ?? '—'})`],
          ['Reason for the correction', d.reason ?? '—'],
          ...(d.revocation ? ([['Back in review, new due time', at(c, d.revocation.newDueAt)]] as [string, string][]) : []),
        ]),
      ],
    };
  },

  delayed_approval: (c) => {
    const d = as<Partial<DelayedApprovalContent>>(c);
    const cause = DELAY_CAUSES_EN[String(d.cause)] ?? String(d.cause ?? '—');
    return {
      addressee: to(owner(c)),
      blocks: [
        p(`The approval item of ${dept(c)} for ${subject(c)} cannot be completed within the promised time limit because of ${cause}.`),
        p(`This notice extends the time limit to ${at(c, d.newDueAt)}. No implied consent arises from this delay.`),
        fields([
          ['Department', dept(c)],
          ['Cause of the delay', cause],
          ['Description', d.description?.trim() || '—'],
          ['Previous due time', at(c, d.previousDueAt)],
          ['New due time', at(c, d.newDueAt)],
        ]),
      ],
    };
  },

  extension_notice: (c) => {
    const d = as<Partial<ExtensionNoticeContent>>(c);
    return {
      addressee: to(owner(c)),
      blocks: [
        p(
          `With a center leader's approval, the time limit of the approval item of ${dept(c)} for ${subject(c)} is extended to ${at(c, d.newDueAt)}, because: ${d.reason ?? '—'}.`,
        ),
        p(
          `All extensions of this item add ${d.addedWorkingDays ?? '—'} working days (at most ${d.limitWorkingDays ?? '—'}). ` +
            'An item not decided within the extended time limit is deemed to consent.',
        ),
        fields([
          ['Department', dept(c)],
          ['Reason for the extension', d.reason ?? '—'],
          ['Previous due time', at(c, d.previousDueAt)],
          ['New due time', at(c, d.newDueAt)],
        ]),
      ],
    };
  },

  permit_decision: (c) => {
    const d = as<PermitContent>(c);
    const finding =
      d.decision === 'deemed_consent'
        ? `${dept(c)} did not decide within the promised time limit and is deemed to consent under ${d.consentNotice ?? 'the Timeout Implied Consent Notice'}; the center's window issues this decision.`
        : `${dept(c)} has found that the application meets the legal conditions and standards.`;
    return {
      addressee: to(owner(c)),
      blocks: [
        p(`The application materials for the approval item of ${dept(c)} for ${subject(c)} are complete. ${finding}`),
        p('Decision: the administrative permit is granted.'),
        {
          type: 'table',
          head: ['No.', 'Material', 'Copies'],
          widths: [1, 8, 1.5],
          rows: d.materials.map((m, i) => [String(i + 1), m.name, String(m.copies)]),
        },
        fields([
          ['Seal', fixed(d.seal.name)],
          ['Sealed by', d.seal.sealedBy],
          ['Sealed at', at(c, d.seal.sealedAt)],
        ]),
      ],
    };
  },
};

function blockInEnglish(block: DocumentBlock): DocumentBlock {
  switch (block.type) {
    case 'heading':
      return { ...block, text: fixed(block.text) };
    case 'paragraph':
      return { ...block, text: englishDates(block.text) };
    case 'fields':
      return { ...block, rows: block.rows.map((r) => ({ label: fixed(r.label), value: fixed(r.value) })) };
    case 'table':
      return { ...block, head: block.head.map(fixed), rows: block.rows.map((row) => row.map(fixed)) };
  }
}

/** The Chinese layout of a document, in English (see NOTICE_TITLES_EN for what is translated). */
export function layoutInEnglish(zh: DocumentLayout, content: NoticeContent): DocumentLayout {
  const own = ENGLISH_BODIES[content.kind]?.(content);
  return {
    title: NOTICE_TITLES_EN[content.kind],
    number: zh.number,
    copies: zh.copies.map((copy) => ({ label: copy.label && fixed(copy.label), note: copy.note })),
    correction: content.corrects ? `This document corrects ${content.corrects.number}; the original is void from today.` : null,
    addressee: own ? own.addressee : zh.addressee,
    blocks: [...(own ? own.blocks : zh.blocks.map(blockInEnglish)), p(PREVAILS)],
    signatures: zh.signatures.map((s) => ({ label: fixed(s.label), name: s.name })),
    closing: {
      issuer: CENTER_NAME_EN,
      seal: content.kind === 'permit_decision' ? '(Administrative approval seal)' : '(seal)',
      date: dateOf(content.issuedAt, content.timeZone),
    },
  };
}
