import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_CALENDAR_SETTINGS,
  DEFAULT_NOTIFICATION_CHANNELS,
  MOBILE_PATTERN,
  type AlertView,
  type CardAction,
  type CardEntry,
  type InquiryView,
  type NotificationChannel,
  type NotificationKind,
  type OwnerOrganisation,
} from '@hub/shared';
import { CardService } from '../card/card.service';
import type { Queryable, Tx } from '../database/database';
import { meetingIcs } from './ics';
import { alertMessage, localTime, meetingLink, statusLink, type MeetingFacts } from './messages';
import { Outbox, type NewMessage } from './outbox';

/** The center's zone, read inside the caller's transaction without the calendar lock (the card lock may be held). */
async function timeZone(q: Queryable): Promise<string> {
  const row = (await q.query<{ zone: string | null }>(`SELECT value->>'timeZone' AS zone FROM settings WHERE key = 'calendar'`))[0];
  return row?.zone ?? DEFAULT_CALENDAR_SETTINGS.timeZone;
}

async function departmentNames(q: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; name: string }>('SELECT id, name FROM departments WHERE id = ANY($1)', [ids.filter(Boolean)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A mainland mobile number out of a phone field as typed ("138 0013 8000", "+86-138…"), or null. */
export function mobileOf(phone: string | undefined | null): string | null {
  const compact = (phone ?? '').replace(/[\s\-()]/g, '');
  return MOBILE_PATTERN.test(compact) ? compact : null;
}

interface ReachablePerson {
  id: string;
  email: string | null;
  mobile: string | null;
  channels: Partial<Record<NotificationKind, NotificationChannel>> | null;
}

/** Active people with their addresses and their own channel choices. */
function reachablePeople(q: Queryable, ids: readonly string[]): Promise<ReachablePerson[]> {
  return q.query<ReachablePerson>(
    `SELECT u.id, u.email, u.mobile, (SELECT jsonb_object_agg(p.kind, p.channel) FROM notification_preferences p WHERE p.user_id = u.id) AS channels
     FROM users u WHERE u.id = ANY($1) AND u.active`,
    [[...new Set(ids)]],
  );
}

/** R27: the channel the person chose for this kind (or the default) and its address; null: the hub only, or no address. */
function chosenReach(person: ReachablePerson, kind: NotificationKind): { channel: 'email' | 'sms'; address: string } | null {
  const channel = person.channels?.[kind] ?? DEFAULT_NOTIFICATION_CHANNELS[kind];
  const address = channel === 'email' ? person.email : channel === 'sms' ? person.mobile : null;
  return address && channel !== 'hub' ? { channel, address } : null;
}

/**
 * R27: every alert a person gets in the hub also goes out by e-mail or SMS if that person chose so
 * for its kind (and has the address); meeting invitations carry the .ics. Written to the outbox in
 * the alert's own transaction, one message per alert and channel.
 */
@Injectable()
export class Notifier {
  constructor(private readonly outbox: Outbox) {}

  async alerted(tx: Tx, alerts: readonly AlertView[], ownerOf: ReadonlyMap<string, string>, now: Date): Promise<void> {
    if (!alerts.length) return;
    const byId = new Map((await reachablePeople(tx, [...ownerOf.values()])).map((p) => [p.id, p]));
    const wanted = alerts.flatMap((alert) => {
      const person = byId.get(ownerOf.get(alert.id)!);
      const reach = person && chosenReach(person, alert.kind);
      return reach ? [{ alert, person, ...reach }] : [];
    });
    if (!wanted.length) return;
    const zone = await timeZone(tx);
    const departments = await departmentNames(
      tx,
      wanted.map((w) => w.alert.departmentId),
    );
    const meetingIds = wanted.map((w) => w.alert.meetingId).filter((id): id is string => id !== null);
    const meetings = new Map(
      (
        await tx.query<MeetingFacts & { starts_at: Date; ends_at: Date }>(
          `SELECT id, title, kind, starts_at, ends_at, place, online FROM meetings WHERE id = ANY($1)`,
          [meetingIds],
        )
      ).map((m) => [m.id, { ...m, startsAt: m.starts_at, endsAt: m.ends_at }]),
    );
    const from = meetingIds.length ? ((await this.outbox.smtp(tx))?.from ?? 'green-channel-hub@localhost') : '';
    const url = this.outbox.publicUrl;
    const messages: NewMessage[] = wanted.map(({ alert, person, channel, address }) => {
      const meeting = alert.meetingId ? meetings.get(alert.meetingId)! : null;
      const { subject, body } = alertMessage(alert, {
        department: (alert.departmentId && departments.get(alert.departmentId)) || '',
        meeting,
        timeZone: zone,
        publicUrl: url,
      });
      const ics =
        meeting && channel === 'email'
          ? meetingIcs({
              meetingId: meeting.id,
              title: `${meeting.title}（${alert.projectCode}）`,
              startsAt: meeting.startsAt,
              endsAt: meeting.endsAt,
              location: meeting.online ? meetingLink(url, meeting.id) : (meeting.place ?? ''),
              description: body,
              url: meetingLink(url, meeting.id),
              organizer: from,
              attendee: address,
              issuedAt: now,
            })
          : undefined;
      return {
        fact: `alert:${alert.id}`,
        recipient: `user:${person.id}`,
        channel,
        address,
        kind: alert.kind,
        userId: person.id,
        projectId: alert.projectId,
        subject,
        body,
        ics,
        at: now,
      };
    });
    await this.outbox.write(tx, messages);
  }

  /**
   * R24/R27: a promised reply ran out: its responder and every leader are told outside the hub if
   * they chose so for inquiry_overdue — in the transaction that flags it, one message per person and channel.
   */
  async inquiryOverdue(tx: Tx, inquiry: InquiryView, now: Date): Promise<void> {
    const leaders = await tx.query<{ id: string }>(`SELECT id FROM users WHERE role = 'leader'`);
    const people = await reachablePeople(tx, [inquiry.responder.id, ...leaders.map((l) => l.id)]);
    const subject = `【绿色通道】答复逾期：${inquiry.number} ${inquiry.subject}`;
    const link = `${this.outbox.publicUrl}/inquiries/${inquiry.id}`;
    await this.outbox.write(
      tx,
      people.flatMap((person) => {
        const reach = chosenReach(person, 'inquiry_overdue');
        if (!reach) return [];
        const whose = person.id === inquiry.responder.id ? '您' : inquiry.responder.displayName;
        const body = `${whose}承诺于 ${inquiry.promise!.dueDate} 前答复的咨询（${inquiry.number}，${inquiry.inquirer.name}：${inquiry.subject}）已逾期，请尽快答复并登记结果。\n${link}`;
        return [
          {
            fact: `inquiry-overdue:${inquiry.id}`,
            recipient: `user:${person.id}`,
            ...reach,
            kind: 'inquiry_overdue',
            userId: person.id,
            projectId: null,
            subject,
            body,
            at: now,
          },
        ];
      }),
    );
  }
}

/** What the applicant is told at each step of its project (R4a, R27), in Chinese. */
const APPLICANT_STEPS: Partial<Record<CardAction, (facts: { department: string; due: string; reason: string }) => string>> = {
  'project.admitted': () => '您的项目已纳入重点项目绿色通道。',
  'project.admission_refused': ({ reason }) => `经中心领导审查，您的项目不予纳入重点项目绿色通道。理由：${reason}`,
  'project.withdrawn': () => '您的项目已按您的申请撤回，各审批事项的办理时限已停止计算。',
  'project.completed': () => '您的项目各审批事项均已办结，中心已出具办结通知书。',
  'item.accepted': ({ department, due }) => `${department}已受理您的审批申请，办理时限至 ${due}。`,
  'item.extended': ({ department, due }) => `${department}的办理时限经中心领导批准延长至 ${due}。`,
  'item.delayed': ({ department, due }) => `${department}的办理时限因故顺延至 ${due}。`,
  'item.deemed_consent': ({ department }) => `${department}未在时限内作出决定，依规视为同意，中心将出具超时默许通知书。`,
};

/**
 * R4a/R27: the applicant, where the registration recorded an e-mail or a mobile number, is told of
 * each change of its project's state, in Chinese, with the project code and the status page link.
 * It watches every card entry in the entry's own transaction (every change of state is on the card),
 * so the message commits with the step or not at all; the entry's stream position is the fact.
 */
@Injectable()
export class ApplicantNotifier implements OnModuleInit {
  constructor(
    private readonly card: CardService,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    this.card.observe((tx, entries) => this.stepsRecorded(tx, entries));
  }

  /** The messages of a batch of entries, read and written together (an engine's claim records up to 100). */
  async stepsRecorded(tx: Tx, entries: readonly CardEntry[]): Promise<void> {
    const told = entries.filter((e) => APPLICANT_STEPS[e.action]);
    if (!told.length) return;
    const rows = await tx.query<{ id: string; code: string; name: string; owner: OwnerOrganisation }>(
      'SELECT id, code, name, owner FROM projects WHERE id = ANY($1::uuid[])',
      [[...new Set(told.map((e) => e.projectId))]],
    );
    const projects = new Map(rows.map((r) => [r.id, r]));
    const reachable = told.filter((e) => {
      const owner = projects.get(e.projectId)?.owner;
      return owner && (owner.contactEmail?.trim() || mobileOf(owner.contactPhone));
    });
    if (!reachable.length) return;
    const itemOf = (entry: CardEntry) => (entry.after.kind === 'item' ? entry.after.item : null);
    const departments = await departmentNames(
      tx,
      reachable.map((e) => itemOf(e)?.departmentId ?? null),
    );
    const zone = reachable.some((e) => itemOf(e)?.dueAt) ? await timeZone(tx) : '';
    const messages = reachable.flatMap((entry) => {
      const project = projects.get(entry.projectId)!;
      const email = project.owner.contactEmail?.trim() || null;
      const mobile = mobileOf(project.owner.contactPhone);
      const item = itemOf(entry);
      const department = item ? (departments.get(item.departmentId) ?? '') : '';
      const due = item?.dueAt ? localTime(item.dueAt, zone) : '';
      const text = APPLICANT_STEPS[entry.action]!;
      const base = {
        fact: `card:${entry.position}`,
        recipient: `applicant:${entry.projectId}`,
        kind: `applicant.${entry.action}`,
        userId: null,
        projectId: entry.projectId,
        subject: `【绿色通道】${project.code} ${project.name}`,
        body: `${text({ department, due, reason: entry.detail['reason'] ?? '' })}\n项目代码：${project.code}\n查询办理进度：${statusLink(this.outbox.publicUrl, project.code)}（凭查询码登录）`,
        at: new Date(entry.at),
      };
      return [
        ...(email ? [{ ...base, channel: 'email' as const, address: email }] : []),
        ...(mobile ? [{ ...base, channel: 'sms' as const, address: mobile }] : []),
      ];
    });
    await this.outbox.write(tx, messages);
  }
}
