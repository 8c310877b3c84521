import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { civilDateOf } from '@hub/shared';
import { canonicalJson } from '../card/canonical-json';
import type { Tx } from '../database/database';
import { NumberingService } from './numbering.service';

/** The numbered, immutable documents of R17, with their official number prefixes. */
export const NOTICE_PREFIX = {
  timeout_implied_consent: '绿通默许', // 超时默许通知书 (R14 timeout and R15 absence alike, 第四篇 三(二))
  delayed_approval: '绿通延时', // 延时审批通知书 (R13)
} as const;
export type NoticeKind = keyof typeof NOTICE_PREFIX;

export interface IssuedNotice {
  id: string;
  number: string;
}

@Injectable()
export class NoticesService {
  constructor(private readonly numbering: NumberingService) {}

  /** Issues a notice inside the caller's transaction; the row can never change afterwards (trigger). */
  async issue(
    tx: Tx,
    notice: { kind: NoticeKind; projectId: string; itemId: string | null; issuedAt: Date; timeZone: string; content: Record<string, unknown> },
  ): Promise<IssuedNotice> {
    const year = Number(civilDateOf(notice.issuedAt, notice.timeZone).slice(0, 4));
    const serial = await this.numbering.next(tx, notice.kind, year);
    const number = `${NOTICE_PREFIX[notice.kind]}〔${year}〕${serial}号`;
    const content = { ...notice.content, number };
    const row = await tx.one<{ id: string }>(
      `INSERT INTO notices (kind, year, serial, number, project_id, item_id, issued_at, content, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [notice.kind, year, serial, number, notice.projectId, notice.itemId, notice.issuedAt, content, sha256(canonicalJson(content))],
    );
    return { id: row!.id, number };
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
