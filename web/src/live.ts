import { apiKey } from './api.js';

export type LiveState = 'connecting' | 'open' | 'retrying' | 'unavailable';

type Listener = (msg: unknown) => void;

/**
 * One WebSocket to the server that reconnects by itself (backoff 1 s doubling to 15 s) and
 * remembers when its last message came, so pages can show how old their data is. A server
 * that refuses the channel (1013: the tracker is not running) is retried once a minute.
 */
export class LiveChannel {
  state: LiveState = 'connecting';
  lastMessageAt: number | null = null;
  reconnects = 0;
  private ws: WebSocket | undefined;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<() => void>();
  private delay = 1000;
  private timer: number | undefined;

  constructor(readonly path: string) {}

  start(): void {
    if (this.ws) return;
    this.connect();
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    this.start();
    return () => this.listeners.delete(fn);
  }

  onState(fn: () => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  private setState(s: LiveState): void {
    this.state = s;
    for (const fn of this.stateListeners) fn();
  }

  private url(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const key = apiKey();
    // Browsers cannot set headers on a WebSocket; the credential travels as a query parameter.
    return `${proto}//${location.host}${this.path}${key ? `?token=${encodeURIComponent(key)}` : ''}`;
  }

  private connect(): void {
    this.setState(this.reconnects ? 'retrying' : 'connecting');
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onopen = () => {
      this.delay = 1000;
      this.setState('open');
    };
    ws.onmessage = (ev) => {
      this.lastMessageAt = Date.now();
      let msg: unknown;
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      for (const fn of this.listeners) fn(msg);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.reconnects++;
      const refused = ev.code === 1013 || ev.code === 1008;
      this.setState(refused ? 'unavailable' : 'retrying');
      const wait = refused ? 60_000 : this.delay;
      this.delay = Math.min(this.delay * 2, 15_000);
      this.timer = window.setTimeout(() => this.connect(), wait);
    };
    // onclose follows every error; the error itself says nothing more to the page.
    ws.onerror = () => undefined;
  }

  /** Drops the connection and connects again at once (after a new credential). */
  restart(): void {
    window.clearTimeout(this.timer);
    const ws = this.ws;
    this.ws = undefined;
    ws?.close();
    this.delay = 1000;
    this.connect();
  }
}

export const signalsChannel = new LiveChannel('/ws/signals');
export const eventsChannel = new LiveChannel('/ws/events');
