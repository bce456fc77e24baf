import { EventEmitter } from 'node:events';
import type { ServiceHealth } from '../../kernel/service.js';
import { withDeadline } from '../../infra/deadline.js';
import { createRedis, type RedisClient } from '../../infra/redis.js';
import type { StoredSignal } from '../../infra/store/types.js';

/** New signals, for WebSocket pushes. In-process by default; Redis pub/sub across workers. */
export interface SignalBus {
  publish(signal: StoredSignal): Promise<void>;
  subscribe(fn: (signal: StoredSignal) => void): () => void;
  close(): Promise<void>;
  /** ok, or degraded with the reason (Redis away: delivery within this process only). */
  health(): ServiceHealth | Promise<ServiceHealth>;
}

export class LocalSignalBus implements SignalBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(signal: StoredSignal): Promise<void> {
    this.emitter.emit('signal', signal);
  }
  subscribe(fn: (signal: StoredSignal) => void): () => void {
    // A subscriber that throws must not stop delivery to the others, nor reach the publisher.
    const safe = (s: StoredSignal): void => {
      try {
        fn(s);
      } catch {
        // The subscriber's own failure (a socket closing mid-send) is its business.
      }
    };
    this.emitter.on('signal', safe);
    return () => this.emitter.off('signal', safe);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
  health(): ServiceHealth {
    return { status: 'ok', details: { kind: 'in-process' } };
  }
}

/** The channel of a deployment that did not say which (config/redis-namespace.ts gives the real one). */
export const DEFAULT_SIGNAL_CHANNEL = 'sextant:signals';

export interface RedisSignalBusOptions {
  /** The deployment's channel: `<namespace>:signals`. */
  channel?: string;
  /** Longest wait for a publish before the signal is delivered in this process only. */
  timeoutMs?: number;
}

/**
 * Workers publish, API processes subscribe: a signal computed anywhere reaches every socket.
 * While Redis is unreachable the bus degrades to local delivery (signals computed in this
 * process still reach this process's sockets) and says so in health(); nothing it does
 * rejects where nobody listens. The subscription is renewed each time the connection becomes
 * ready, so it survives a Redis restart and a Redis that was down when the first client came.
 */
export class RedisSignalBus implements SignalBus {
  readonly channel: string;
  private readonly timeoutMs: number;
  private readonly pub: RedisClient;
  private sub: RedisClient | undefined;
  private readonly local = new LocalSignalBus();
  private localOnly = 0;
  private lastFailure: string | undefined;

  constructor(private readonly url: string, opts: RedisSignalBusOptions = {}) {
    this.channel = opts.channel ?? DEFAULT_SIGNAL_CHANNEL;
    this.timeoutMs = opts.timeoutMs ?? 2_000;
    this.pub = createRedis(url, 'command', { lazy: true });
  }

  async publish(signal: StoredSignal): Promise<void> {
    // Only a connection known to be failing skips Redis. One still connecting (the first publish
    // of a lazy client started it, a second arrived meanwhile) queues the command like any
    // other; taking the local path there dropped signals a fresh worker published at startup.
    const failing = !this.pub.ready() && !this.pub.idle() ? this.pub.lastError() : undefined;
    if (failing) return this.deliverLocally(signal, failing);
    try {
      await withDeadline(this.pub.redis.publish(this.channel, JSON.stringify(signal)), this.timeoutMs, () => new Error(`no answer within ${this.timeoutMs} ms`));
      this.lastFailure = undefined;
    } catch (e) {
      await this.deliverLocally(signal, this.pub.lastError() ?? (e as Error).message);
    }
  }

  private async deliverLocally(signal: StoredSignal, reason: string): Promise<void> {
    this.localOnly++;
    this.lastFailure = reason;
    await this.local.publish(signal);
  }

  subscribe(fn: (signal: StoredSignal) => void): () => void {
    if (!this.sub) {
      const sub = createRedis(this.url, 'subscriber');
      this.sub = sub;
      const subscribe = (): void => {
        // Rejected while the connection is down: the next 'ready' subscribes again.
        sub.redis.subscribe(this.channel).catch((e: Error) => (this.lastFailure = `subscribe ${this.channel}: ${e.message}`));
      };
      // At once (queued until connected, so no signal published meanwhile is missed), and again
      // after every reconnection (repeating a SUBSCRIBE is harmless).
      subscribe();
      let first = true;
      sub.redis.on('ready', () => (first ? (first = false) : subscribe()));
      sub.redis.on('message', (channel: string, msg: string) => {
        if (channel !== this.channel) return;
        let signal: StoredSignal;
        try {
          signal = JSON.parse(msg) as StoredSignal;
        } catch {
          return;
        }
        void this.local.publish(signal);
      });
    }
    return this.local.subscribe(fn);
  }

  async close(): Promise<void> {
    await this.local.close();
    await Promise.all([this.pub.close(), this.sub?.close()]);
  }

  health(): ServiceHealth {
    const details = { kind: 'redis', redis: this.pub.where, channel: this.channel, localOnlyDeliveries: this.localOnly };
    const down = [this.pub, this.sub].find((c) => c && !c.ready() && !c.idle() && c.lastError());
    if (down) {
      return { status: 'degraded', reason: `redis ${down.where} unreachable (${down.lastError()}): signals reach this process's sockets only`, details: { ...details, kind: 'in-process' } };
    }
    if (this.lastFailure && !this.pub.ready()) return { status: 'degraded', reason: `${this.lastFailure}: signals reach this process's sockets only`, details };
    return { status: 'ok', details };
  }
}
