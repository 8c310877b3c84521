import type { AlertView } from '@hub/shared';

/** An instant as people in the center read it: "2026-12-01 09:30（北京时间）" in the center's zone. */
export function localTime(instant: Date | string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

export interface MeetingFacts {
  id: string;
  title: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  online: boolean;
}

const MEETING_KIND: Record<string, string> = {
  coordination: '协调会',
  joint_review: '联审会议',
  supervision: '督办会',
  site_inspection: '联合踏勘',
};

/** Subject and body (Chinese) of an alert sent outside the hub (R27); the link leads back into it. */
export function alertMessage(
  alert: AlertView,
  facts: { department: string; meeting: MeetingFacts | null; timeZone: string; publicUrl: string },
): { subject: string; body: string } {
  const project = `${alert.projectCode} ${alert.projectName}`;
  const due = localTime(alert.dueAt, facts.timeZone);
  const projectLink = `${facts.publicUrl}/projects/${alert.projectId}`;
  switch (alert.kind) {
    case 'deadline_warning':
      return {
        subject: `【绿色通道】预警：${project}`,
        body: `${facts.department}的审批事项仅余 ${alert.workingDaysLeft ?? 0} 个工作日，将于 ${due} 到期，逾期视为同意。\n${projectLink}`,
      };
    case 'explanation_filed':
      return {
        subject: `【绿色通道】书面说明待裁定：${project}`,
        body: `${facts.department}提交了书面说明，请于 ${due} 前裁定。\n${projectLink}`,
      };
    case 'ruling_overdue':
      return {
        subject: `【绿色通道】裁定逾期：${project}`,
        body: `${facts.department}的书面说明应于 ${due} 前裁定，现已逾期。\n${projectLink}`,
      };
    case 'forwarding_overdue':
      return { subject: `【绿色通道】转报逾期：${project}`, body: `转报时限 ${due} 已过，尚未转报上级部门。\n${projectLink}` };
    case 'deemed_consent':
      return {
        subject: `【绿色通道】视为同意：${project}`,
        body: `${facts.department}的审批事项自 ${due} 起视为同意（超时默许），已出具通知书。\n${projectLink}`,
      };
    case 'meeting_invited': {
      const m = facts.meeting!;
      const where = m.online ? '线上（虚拟会议室）' : (m.place ?? '');
      return {
        subject: `【绿色通道】${MEETING_KIND[m.kind] ?? '会议'}邀请：${m.title}（${alert.projectCode}）`,
        body: [
          `贵部门受邀参加 ${project} 的${MEETING_KIND[m.kind] ?? '会议'}「${m.title}」。`,
          `时间：${localTime(m.startsAt, facts.timeZone)} 至 ${localTime(m.endsAt, facts.timeZone)}`,
          `地点：${where}`,
          `请按时参加；未参加且无经领导同意的书面说明的，视为同意。`,
          `进入会议室：${meetingLink(facts.publicUrl, m.id)}`,
        ].join('\n'),
      };
    }
  }
}

export const meetingLink = (publicUrl: string, meetingId: string) => `${publicUrl}/meetings/${meetingId}`;

/** The applicant's status page, with the project code filled in (the access code stays the applicant's). */
export const statusLink = (publicUrl: string, projectCode: string) => `${publicUrl}/status?code=${encodeURIComponent(projectCode)}`;
