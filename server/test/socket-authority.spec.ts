import { MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { RealtimeGateway } from '../src/realtime/realtime.gateway';
import { admittedProject, connected, connectSocket, withHub, HubClient, type HubSocket } from './test-hub';

type Who = 'admin' | 'leader' | 'window' | 'liaison-invited' | 'liaison-not-invited';
const USERNAMES: Record<Who, string> = {
  admin: 'admin',
  leader: 'leader',
  window: 'window',
  'liaison-invited': 'liaison-nrp',
  'liaison-not-invited': 'liaison-hud',
};

/** R2 at the socket: who may do what with each client event. Every event the gateway handles must be here. */
const EVENTS: Record<string, { allowed: Who[]; send(socket: HubSocket, meetingId: string): Promise<boolean> }> = {
  sync: {
    allowed: ['admin', 'leader', 'window', 'liaison-invited', 'liaison-not-invited'],
    send: async (socket) => {
      let replayed = 0;
      socket.on('card:entry', () => replayed++);
      const ack = await socket.emitWithAck('sync', { after: 0 });
      return ack.upTo > 0 && replayed === ack.upTo;
    },
  },
  'meeting:join': {
    allowed: ['admin', 'leader', 'window', 'liaison-invited'],
    send: async (socket, meetingId) => (await socket.emitWithAck('meeting:join', { meetingId })).ok,
  },
  'meeting:leave': {
    // Leaving a room one is not in does nothing; allowed for anyone connected.
    allowed: ['admin', 'leader', 'window', 'liaison-invited', 'liaison-not-invited'],
    send: async (socket, meetingId) => {
      socket.emit('meeting:leave', { meetingId });
      return socket.connected;
    },
  },
};

describe('socket authority matrix: every client event × role (R2, R19, R25)', () => {
  const hub = withHub();
  let meetingId = '';
  const sockets: HubSocket[] = [];

  beforeAll(async () => {
    const window = await hub.login('window');
    const leader = await hub.login('leader');
    const { project } = await admittedProject(window, leader, ['DRC', 'NRP']);
    const now = new Date((await leader.get('/api/board')).body.serverNow).getTime();
    const convened = await window.post(`/api/projects/${project.id}/meetings`, {
      kind: 'joint_review',
      title: '联审会议',
      startsAt: new Date(now + 600_000).toISOString(),
      online: true,
      agenda: '审议',
    });
    expect(convened.status).toBe(201);
    meetingId = convened.body.id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
  });

  it('R2: the matrix covers every event the gateway handles', () => {
    const prototype = RealtimeGateway.prototype as unknown as Record<string, object>;
    const handled = Object.getOwnPropertyNames(prototype)
      .filter((name) => Reflect.getMetadata(MESSAGE_MAPPING_METADATA, prototype[name]!))
      .map((name) => Reflect.getMetadata(MESSAGE_METADATA, prototype[name]!) as string);
    expect(handled.sort()).toEqual(Object.keys(EVENTS).sort());
  });

  for (const [event, rule] of Object.entries(EVENTS)) {
    for (const who of Object.keys(USERNAMES) as Who[]) {
      const allowed = rule.allowed.includes(who);
      it(`R2: ${event} as ${who} → ${allowed ? 'allowed' : 'refused'}`, async () => {
        const client = await HubClient.login(hub.first.url, USERNAMES[who]);
        const socket = connectSocket(hub.first.url, client.cookie);
        sockets.push(socket);
        await connected(socket);
        expect(await rule.send(socket, meetingId)).toBe(allowed);
      });
    }
  }
});
