/** R27: the calendar file of a meeting invitation (RFC 5545, METHOD:REQUEST). */
export interface IcsMeeting {
  meetingId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  description: string;
  url: string;
  organizer: string;
  attendee: string;
  /** When the invitation was issued (DTSTAMP). */
  issuedAt: Date;
}

/** The UID stays the same for one meeting, so a calendar updates its event instead of adding another. */
export const meetingUid = (meetingId: string) => `meeting-${meetingId}@green-channel-hub`;

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11). */
const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded (3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function meetingIcs(m: IcsMeeting): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Green Channel Hub//R27//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${meetingUid(m.meetingId)}`,
    'SEQUENCE:0',
    `DTSTAMP:${utc(m.issuedAt)}`,
    `DTSTART:${utc(m.startsAt)}`,
    `DTEND:${utc(m.endsAt)}`,
    `SUMMARY:${text(m.title)}`,
    `LOCATION:${text(m.location)}`,
    `DESCRIPTION:${text(m.description)}`,
    `URL:${m.url}`,
    `ORGANIZER:mailto:${m.organizer}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${m.attendee}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
