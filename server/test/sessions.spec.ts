import type { CardEntry, SyncResult } from '@hub/shared';
import { AuthService } from '../src/auth/auth.service';
import { MAX_SESSIONS_PER_USER, MAX_SOCKETS_PER_SESSION } from '../src/auth/session-cookie';
import { admittedProject, connected, connectSocket, withHub, eventually, HubClient, type HubSocket } from './test-hub';

/**
 * A socket lives no longer than its session (R1, R2, R25), on every instance: logout, expiry, the
 * per-user session cap and deactivation cut it; sockets per session and replays per socket are
 * bounded. Two hub instances on one database.
 */
describe('sessions and their sockets across instances (R1, R2, R25)', () => {
  const hub = withHub({ instances: 2 });
  const { sql } = hub;
  const sockets: HubSocket[] = [];

  afterAll(() => {
    for (const s of sockets) s.disconnect();
  });

  /** A connected socket and what it has seen: entries, and how it was cut. */
  async function open(url: string, client: HubClient) {
    const socket = connectSocket(url, client.cookie);
    sockets.push(socket);
    const received: CardEntry[] = [];
    let cut: string | null = null;
    socket.on('card:entry', (entry) => received.push(entry));
    socket.on('disconnect', (reason) => (cut = reason));
    await connected(socket);
    return { socket, received, cut: () => cut };
  }

  const sessionOf = async (client: HubClient) =>
    (
      await sql.query<{ id: string }>(`SELECT s.id FROM sessions s WHERE s.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [
        decodeURIComponent(client.cookie.split('=')[1]!),
      ])
    ).rows[0]!.id;

  it('R1: logout cuts every socket of that session at once, on both instances; another session of the same user keeps its own', async () => {
    const leader = await hub.login('leader');
    const other = await hub.login('leader', 1);
    const here = await open(hub.first.url, leader);
    const there = await open(hub.second.url, leader);
    const untouched = await open(hub.second.url, other);
    expect((await leader.post('/api/auth/logout')).status).toBe(204);
    await eventually(() => (here.cut() && there.cut() ? true : undefined));
    expect([here.cut(), there.cut()]).toEqual(['io server disconnect', 'io server disconnect']);
    // The cut sockets receive nothing more; the other session's socket still does.
    const window = await hub.login('window');
    await admittedProject(window, other, ['DRC']);
    await eventually(() => (untouched.received.length >= 2 ? true : undefined));
    expect(untouched.socket.connected).toBe(true);
    expect([...here.received, ...there.received]).toEqual([]);
  });

  it('R2: a socket whose session expired is cut, and replays nothing meanwhile', async () => {
    const leader = await hub.login('leader');
    const live = await open(hub.second.url, leader);
    await sql.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [await sessionOf(leader)]);
    // A replay asked before the periodic check gets there is refused by the check on `sync` itself.
    const reply = await live.socket
      .timeout(5000)
      .emitWithAck('sync', { after: 0 })
      .catch((): SyncResult | null => null);
    if (reply) expect(reply).toMatchObject({ error: 'session ended', upTo: 0 });
    await eventually(() => live.cut() ?? undefined, 15000);
    expect(live.received).toEqual([]);
  });

  it('R2: sync and meeting:join check the session again: one ended without a cut (row deleted) replays nothing and joins nothing', async () => {
    const window = await hub.login('window');
    const leader = await hub.login('leader');
    await admittedProject(window, leader, ['NRP']);
    const joining = await open(hub.first.url, leader);
    const syncing = await open(hub.second.url, leader);
    await sql.query('DELETE FROM sessions WHERE id = $1', [await sessionOf(leader)]);
    // Answered, then cut; only if the periodic check got there first is there no answer at all.
    const [join, sync] = await Promise.all([
      joining.socket
        .timeout(5000)
        .emitWithAck('meeting:join', { meetingId: '00000000-0000-4000-8000-000000000000' })
        .catch(() => null),
      syncing.socket
        .timeout(5000)
        .emitWithAck('sync', { after: 0 })
        .catch(() => null),
    ]);
    if (join) expect(join).toEqual({ ok: false, error: 'session ended' });
    if (sync) expect(sync).toEqual({ upTo: 0, more: false, error: 'session ended' });
    await eventually(() => (joining.cut() && syncing.cut() ? true : undefined), 15000);
    expect(syncing.received).toEqual([]);
  });

  it(`R1: deactivation ends every session of the user and cuts all its sockets on every instance`, async () => {
    const a = await hub.login('liaison-eeb');
    const b = await hub.login('liaison-eeb', 1);
    const leader = await hub.login('leader');
    const sa = await open(hub.first.url, a);
    const sb = await open(hub.second.url, b);
    const bystander = await open(hub.second.url, leader);
    const userId = (await a.get('/api/auth/me')).body.id as string;
    expect(await hub.first.app.get(AuthService).endSessionsOfUser(userId)).toBe(2);
    await eventually(() => (sa.cut() && sb.cut() ? true : undefined));
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect(bystander.socket.connected).toBe(true);
  });

  it(`R1: a user holds at most ${MAX_SESSIONS_PER_USER} sessions: the next login ends the oldest and cuts its sockets`, async () => {
    const oldest = await hub.login('liaison-hud');
    const oldestSocket = await open(hub.second.url, oldest);
    const later: HubClient[] = [];
    for (let i = 1; i < MAX_SESSIONS_PER_USER; i++)
      later.push(await HubClient.login(i % 2 ? hub.second.url : hub.first.url, 'liaison-hud'));
    expect((await oldest.get('/api/auth/me')).status).toBe(200);
    later.push(await hub.login('liaison-hud'));
    await eventually(() => oldestSocket.cut() ?? undefined);
    expect((await oldest.get('/api/auth/me')).status).toBe(401);
    expect(
      (await sql.query(`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'liaison-hud'`))
        .rows[0].n,
    ).toBe(MAX_SESSIONS_PER_USER);
    for (const client of later) expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it(`R25: a session holds at most ${MAX_SOCKETS_PER_SESSION} sockets across instances; the newest beyond is refused, a closed one frees its place`, async () => {
    const leader = await hub.login('leader');
    const open10 = await Promise.all(
      Array.from({ length: MAX_SOCKETS_PER_SESSION }, (_, i) => open(i < 6 ? hub.first.url : hub.second.url, leader)),
    );
    for (const url of [hub.first.url, hub.second.url]) {
      const refused = connectSocket(url, leader.cookie);
      sockets.push(refused);
      await expect(connected(refused)).rejects.toThrow(/too many connections/);
    }
    // Opened all at once on one instance: still no more than the cap.
    const other = await hub.login('leader');
    const burst = Array.from({ length: MAX_SOCKETS_PER_SESSION + 5 }, () => connectSocket(hub.first.url, other.cookie));
    sockets.push(...burst);
    const results = await Promise.allSettled(burst.map(connected));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_SOCKETS_PER_SESSION);
    open10[0]!.socket.disconnect();
    await eventually(async () => {
      const again = connectSocket(hub.second.url, leader.cookie);
      sockets.push(again);
      return (
        (await connected(again)
          .then(() => true)
          .catch(() => false)) || undefined
      );
    });
    for (const s of open10.slice(1)) expect(s.socket.connected).toBe(true);
  });

  it('R25: one replay in flight per socket: a second sync sent before the first is answered is refused', async () => {
    const window = await hub.login('window');
    const leader = await hub.login('leader');
    await admittedProject(window, leader, ['EEB']);
    const live = await open(hub.second.url, leader);
    const [one, two] = await Promise.all([live.socket.emitWithAck('sync', { after: 0 }), live.socket.emitWithAck('sync', { after: 0 })]);
    expect(one.error).toBeUndefined();
    expect(one.upTo).toBeGreaterThan(0);
    expect(two).toEqual({ upTo: 0, more: false, error: 'a replay is already running on this socket' });
    expect(live.received.map((e) => e.position)).toEqual(Array.from({ length: one.upTo }, (_, i) => i + 1));
    // Sent one after another, each is answered.
    expect((await live.socket.emitWithAck('sync', { after: one.upTo })).error).toBeUndefined();
  });
});
