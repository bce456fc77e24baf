import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { binance } from '../../helpers/fake-exchange/binance.js';
import { answerControlFrames } from '../../helpers/fake-exchange/binance-ws.js';
import { feed, type FeedLine } from '../../helpers/fake-exchange/data.js';

/**
 * Binance spot as a live exchange, on 127.0.0.1, from the bundled recorded feed
 * (data/binance-feed, day 1 of BTCUSDT and ETHUSDT):
 * - websocket `/ws/<anything>`: SUBSCRIBE with stream names (`btcusdt@depth@100ms`,
 *   `btcusdt@trade`, `btcusdt@bookTicker`) is acknowledged with `{"result":null,"id":…}`;
 *   from then on the connection gets the recorded payloads of its streams, byte for byte,
 *   in the recorded order across both symbols, paced at `speed`× the recorded time. Like a
 *   real exchange the feed moves on whether a client listens or not: a reconnecting client
 *   gets what is current, not the start again.
 * - REST `GET /api/v3/depth`: the book as it stands at the last depth message the server
 *   sent (the recorded snapshot plus every later recorded diff), `lastUpdateId` included,
 *   as Binance answers. Every other REST path is the fake exchange's (test/helpers/fake-exchange).
 * Faults, as exchanges and networks produce them: drop every connection; skip one depth
 * message of a symbol (a sequence id the client never sees); send a frame that is not JSON
 * in place of one; stall (open connections get nothing more, new ones are served).
 */
export type Base = 'btc' | 'eth';

interface Line { recvNs: bigint; base: Base; stream: string; payload: string; depth?: { u: number; b: [string, string][]; a: [string, string][] } }

interface Book { lastUpdateId: number; bids: Map<string, string>; asks: Map<string, string> }

export interface LiveBinance {
  readonly url: string;
  /** Depth messages sent so far (to anyone), per symbol. */
  readonly sentDepth: Record<Base, number>;
  /** REST depth snapshots served so far. */
  depthRequests(): number;
  connections(): number;
  dropAll(): void;
  skipNextDepth(base: Base): void;
  garbageNextDepth(base: Base): void;
  stallAll(): void;
  /** The server's book (what /api/v3/depth serves now). */
  lastUpdateId(base: Base): number;
  close(): Promise<void>;
}

function loadLines(): Line[] {
  const out: Line[] = [];
  for (const base of ['btc', 'eth'] as const) {
    for (const l of feed(base).streamLines as FeedLine[]) {
      const msg = JSON.parse(l.json) as { stream: string; data: Record<string, unknown> };
      const line: Line = { recvNs: l.recvNs, base, stream: msg.stream, payload: JSON.stringify(msg.data) };
      if (msg.data['e'] === 'depthUpdate') line.depth = { u: msg.data['u'] as number, b: msg.data['b'] as [string, string][], a: msg.data['a'] as [string, string][] };
      out.push(line);
    }
  }
  return out.sort((x, y) => (x.recvNs < y.recvNs ? -1 : x.recvNs > y.recvNs ? 1 : 0));
}

function initialBook(base: Base): Book {
  const s = feed(base).snapshot;
  return { lastUpdateId: s.lastUpdateId, bids: new Map(s.bids), asks: new Map(s.asks) };
}

function applyDepth(book: Book, d: NonNullable<Line['depth']>): void {
  if (d.u <= book.lastUpdateId) return;
  for (const [side, rows] of [[book.bids, d.b], [book.asks, d.a]] as const) {
    for (const [p, q] of rows) {
      if (Number(q) === 0) side.delete(p);
      else side.set(p, q);
    }
  }
  book.lastUpdateId = d.u;
}

function top(side: Map<string, string>, desc: boolean, limit: number): [string, string][] {
  return [...side].sort((a, b) => (desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]))).slice(0, limit);
}

export async function startLiveBinance(opts: { speed?: number } = {}): Promise<LiveBinance> {
  const speed = opts.speed ?? 5;
  const lines = loadLines();
  const books: Record<Base, Book> = { btc: initialBook('btc'), eth: initialBook('eth') };
  const sentDepth: Record<Base, number> = { btc: 0, eth: 0 };
  const skip: Record<Base, number> = { btc: 0, eth: 0 };
  const garbage: Record<Base, number> = { btc: 0, eth: 0 };
  const subs = new Map<WebSocket, Set<string>>();
  const stalled = new Set<WebSocket>();
  const sockets = new Set<Socket>();
  let depthRequests = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname === '/api/v3/depth') {
      const id = u.searchParams.get('symbol');
      const base: Base | undefined = id === 'BTCUSDT' ? 'btc' : id === 'ETHUSDT' ? 'eth' : undefined;
      if (!base) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"code":-1121,"msg":"Invalid symbol."}');
        return;
      }
      depthRequests++;
      const limit = Math.min(Number(u.searchParams.get('limit') ?? 100), 5000);
      const b = books[base];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ lastUpdateId: b.lastUpdateId, bids: top(b.bids, true, limit), asks: top(b.asks, false, limit) }));
      return;
    }
    const answer = binance({ method: req.method ?? 'GET', path: u.pathname, query: u.searchParams });
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`no such endpoint ${u.pathname}`);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.json));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    if (!(req.url ?? '').startsWith('/ws')) {
      socket.close(1008, 'unknown path');
      return;
    }
    subs.set(socket, new Set());
    socket.on('close', () => {
      subs.delete(socket);
      stalled.delete(socket);
    });
    socket.on('error', () => undefined);
    answerControlFrames(socket, {
      subscribe: (streams) => {
        for (const p of streams) subs.get(socket)?.add(p);
      },
      unsubscribe: (streams) => {
        for (const p of streams) subs.get(socket)?.delete(p);
      },
    });
  });

  // The recorded clock, paced: line i goes out when (recv_i - recv_0) / speed has passed.
  const t0 = lines[0]!.recvNs;
  const wallStart = performance.now();
  let i = 0;
  const timer = setInterval(() => {
    const due = t0 + BigInt(Math.floor((performance.now() - wallStart) * speed * 1e6));
    while (i < lines.length && lines[i]!.recvNs <= due) {
      const line = lines[i++]!;
      let payload = line.payload;
      if (line.depth) {
        applyDepth(books[line.base], line.depth);
        sentDepth[line.base]++;
        if (skip[line.base] > 0) {
          skip[line.base]--;
          continue;
        }
        if (garbage[line.base] > 0) {
          garbage[line.base]--;
          payload = payload.slice(0, Math.floor(payload.length / 2));
        }
      }
      for (const [socket, streams] of subs) {
        if (stalled.has(socket) || !streams.has(line.stream) || socket.readyState !== socket.OPEN) continue;
        socket.send(payload);
      }
    }
  }, 5);

  return {
    url: `http://127.0.0.1:${port}`,
    sentDepth,
    depthRequests: () => depthRequests,
    connections: () => subs.size,
    dropAll: () => {
      for (const s of subs.keys()) s.terminate();
    },
    skipNextDepth: (base) => void skip[base]++,
    garbageNextDepth: (base) => void garbage[base]++,
    stallAll: () => {
      for (const s of subs.keys()) stalled.add(s);
    },
    lastUpdateId: (base) => books[base].lastUpdateId,
    close: async () => {
      clearInterval(timer);
      for (const s of subs.keys()) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

/** The book Binance's procedure yields from the recorded data alone: the snapshot plus every recorded diff up to `lastUpdateId`. */
export function recordedBook(base: Base, lastUpdateId: number, depth: number): { bids: [number, number][]; asks: [number, number][] } {
  const book = initialBook(base);
  for (const l of feed(base).streamLines as FeedLine[]) {
    if (!l.json.startsWith(`{"stream":"${base}usdt@depth@100ms"`)) continue;
    const d = (JSON.parse(l.json) as { data: { u: number; b: [string, string][]; a: [string, string][] } }).data;
    if (d.u > lastUpdateId) break;
    applyDepth(book, d);
  }
  const num = (rows: [string, string][]): [number, number][] => rows.map(([p, q]) => [Number(p), Number(q)]);
  return { bids: num(top(book.bids, true, depth)), asks: num(top(book.asks, false, depth)) };
}
