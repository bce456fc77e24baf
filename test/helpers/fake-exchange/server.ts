import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { binance } from './binance.js';
import { attachBinanceWs, type BinanceWs } from './binance-ws.js';
import { Faults, statusBody, type Fault } from './faults.js';
import type { FakeRequest, FakeResponse, Venue } from './http.js';
import { lbank } from './lbank.js';

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The fault injected into this request, if any. */
  fault?: Fault['kind'];
  /** When it arrived (epoch ms). */
  at: number;
}

export interface FakeExchange {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly faults: Faults;
  /** Every request received, in order. */
  readonly requests: RequestRecord[];
  /** Binance's websocket streams on the same port (`ws://127.0.0.1:<port>/ws/…`). */
  readonly ws: BinanceWs;
  /** Requests whose path contains `fragment`. */
  count(fragment: string): number;
  close(): Promise<void>;
}

const VENUES: Venue[] = [binance, lbank];

/** Binance, LBank (and LBank contract) REST on one local port; their paths do not overlap. */
export async function startFakeExchange(): Promise<FakeExchange> {
  const faults = new Faults();
  const requests: RequestRecord[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => handle(req, res, faults, requests));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const ws = attachBinanceWs(server);
  return {
    ws,
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    requests,
    count: (fragment) => requests.filter((r) => r.path.includes(fragment)).length,
    close: async () => {
      await ws.close();
      await new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse, faults: Faults, requests: RequestRecord[]): void {
  const u = new URL(req.url ?? '/', 'http://127.0.0.1');
  const record: RequestRecord = { method: req.method ?? 'GET', path: u.pathname, query: Object.fromEntries(u.searchParams), at: Date.now() };
  requests.push(record);
  const fault = faults.take(u.pathname, u.searchParams);
  if (fault) record.fault = fault.kind;
  if (fault?.kind === 'status') {
    const d = statusBody(fault.status, u.pathname.startsWith('/api/'));
    res.writeHead(fault.status, { 'content-type': d.type, ...d.headers, ...fault.headers });
    res.end(fault.body ?? d.body);
    return;
  }
  if (fault?.kind === 'hang') {
    // Hold the request open; the client's timeout must fire first.
    const timer = setTimeout(() => req.socket.destroy(), fault.ms ?? 30_000);
    req.socket.on('close', () => clearTimeout(timer));
    return;
  }
  const request: FakeRequest = { method: record.method, path: u.pathname, query: u.searchParams };
  let answer: FakeResponse | undefined;
  try {
    for (const venue of VENUES) {
      answer = venue(request);
      if (answer) break;
    }
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`fake exchange bug: ${err instanceof Error ? err.stack : String(err)}`);
    return;
  }
  if (!answer) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no such endpoint ${u.pathname}`);
    return;
  }
  let body = JSON.stringify(answer.json);
  let type = 'application/json;charset=UTF-8';
  if (fault?.kind === 'garbage') {
    const style = fault.style ?? 'truncated';
    if (style === 'truncated') body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    else if (style === 'html') {
      body = '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>';
      type = 'text/html';
    } else {
      body = 'upstream connect error or disconnect/reset before headers';
      type = 'text/plain';
    }
  }
  res.writeHead(answer.status, { 'content-type': type });
  res.end(body);
}
