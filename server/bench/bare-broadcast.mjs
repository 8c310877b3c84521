// Baseline for the live-latency and memory benchmarks: a bare Socket.IO server that broadcasts
// a given payload to every client, without the hub, its database or its adapter.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const http = createServer((req, res) => {
  if (req.url === '/rss') return res.end(String(process.memoryUsage().rss));
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const payload = JSON.parse(body);
    payload.at = new Date().toISOString();
    io.emit('card:entry', payload);
    res.end('ok');
  });
});
const io = new Server(http, { serveClient: false });
http.listen(port, '127.0.0.1', () => console.log('ready'));
