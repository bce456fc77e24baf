import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { feed, type FeedLine } from './data.js';

/**
 * Binance's raw-stream websocket (`/ws/<n>`) as ccxt pro's binance.js uses it: a
 * SUBSCRIBE request with stream names (`btcusdt@trade`, `btcusdt@depth@100ms`) is
 * acknowledged with `{"result":null,"id":…}`, then the recorded messages of those
 * streams are sent in their recorded order (the payload of each combined-stream line).
 */
export interface BinanceWs {
  /** Subscriptions seen so far, e.g. `btcusdt@trade`. */
  readonly subscriptions: string[];
  /** Drops every open connection, as a network failure would. */
  dropAll(): void;
  close(): Promise<void>;
}

export interface BinanceWsOptions {
  /** Messages sent per event-loop turn; the replay is as fast as the client reads. */
  batch?: number;
}

/**
 * Binance's websocket control frames, as both fake servers answer them: SUBSCRIBE and
 * UNSUBSCRIBE with stream names are acknowledged with `{"result":null,"id":…}`, a frame
 * that is not JSON gets Binance's `{"code":3,"msg":"Invalid JSON"}`.
 */
export function answerControlFrames(socket: WebSocket, on: { subscribe(streams: string[]): void; unsubscribe?(streams: string[]): void }): void {
  socket.on('message', (raw) => {
    let msg: { method?: string; params?: unknown; id?: number };
    try {
      msg = JSON.parse(String(raw)) as typeof msg;
    } catch {
      socket.send(JSON.stringify({ code: 3, msg: 'Invalid JSON' }));
      return;
    }
    const streams = Array.isArray(msg.params) ? msg.params.map(String) : [];
    if (msg.method === 'SUBSCRIBE') {
      // Acknowledged before the first message of the stream, as Binance does.
      socket.send(JSON.stringify({ result: null, id: msg.id }));
      on.subscribe(streams);
    } else if (msg.method === 'UNSUBSCRIBE') {
      on.unsubscribe?.(streams);
      socket.send(JSON.stringify({ result: null, id: msg.id }));
    }
  });
}

export function attachBinanceWs(server: Server, opts: BinanceWsOptions = {}): BinanceWs {
  const wss = new WebSocketServer({ server });
  const subscriptions: string[] = [];
  const batch = opts.batch ?? 20;
  wss.on('connection', (socket, req) => {
    if (!(req.url ?? '').startsWith('/ws')) {
      socket.close(1008, 'unknown path');
      return;
    }
    answerControlFrames(socket, {
      subscribe: (streams) => {
        for (const stream of streams) {
          subscriptions.push(stream);
          replay(socket, stream, batch);
        }
      },
    });
  });
  return {
    subscriptions,
    dropAll: () => {
      for (const c of wss.clients) c.terminate();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

function linesOf(stream: string): FeedLine[] {
  const base = stream.startsWith('btcusdt@') ? 'btc' : stream.startsWith('ethusdt@') ? 'eth' : undefined;
  if (!base) return [];
  const prefix = `{"stream":"${stream}",`;
  return feed(base).streamLines.filter((l) => l.json.startsWith(prefix));
}

function replay(socket: WebSocket, stream: string, batch: number): void {
  const lines = linesOf(stream);
  let i = 0;
  const tick = (): void => {
    if (socket.readyState !== socket.OPEN) return;
    for (const end = Math.min(i + batch, lines.length); i < end; i++) {
      socket.send(JSON.stringify((JSON.parse(lines[i]!.json) as { data: unknown }).data));
    }
    if (i < lines.length) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
}
