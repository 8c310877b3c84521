import type { AddressInfo } from 'node:net';

// smtp-server and mailparser ship no types; these are the parts the tests use.
const { SMTPServer } = require('smtp-server') as {
  SMTPServer: new (options: Record<string, unknown>) => {
    server: { address(): AddressInfo | string | null };
    listen(port: number, host: string, done: () => void): void;
    close(done: () => void): void;
  };
};
const { simpleParser } = require('mailparser') as { simpleParser(source: NodeJS.ReadableStream): Promise<ParsedMail> };

export interface ParsedMail {
  subject?: string;
  text?: string;
  messageId?: string;
  to?: { text: string };
  from?: { text: string };
  attachments: { contentType: string; filename?: string; content: Buffer }[];
  /** nodemailer's icalEvent arrives as an alternative text/calendar part. */
  alternatives?: { contentType: string; content: Buffer }[];
  headers: Map<string, unknown>;
}

export interface MailCatcher {
  port: number;
  received: ParsedMail[];
  /** MAIL FROM addresses this server refuses with a 5xx (R27: a clear failure on record). */
  refuseSenders: Set<string>;
  close(): Promise<void>;
}

/** A real SMTP server in the test process: every message it accepts is parsed (mailparser) and kept. */
export async function startMailCatcher(port = 0): Promise<MailCatcher> {
  const received: ParsedMail[] = [];
  const refuseSenders = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(address: { address: string }, _session: unknown, done: (error?: Error) => void) {
      if (!refuseSenders.has(address.address)) return done();
      done(Object.assign(new Error('Sender address rejected: not owned by user'), { responseCode: 553 }));
    },
    onData(stream: NodeJS.ReadableStream, _session: unknown, done: (error?: Error) => void) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return { port: address.port, received, refuseSenders, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The calendar part of a parsed message (attachment or alternative), as text. */
export function calendarPart(mail: ParsedMail): string | undefined {
  const part = [...(mail.alternatives ?? []), ...mail.attachments].find(
    (p) => p.contentType.startsWith('text/calendar') || p.contentType.startsWith('application/ics'),
  );
  return part?.content.toString('utf8');
}
