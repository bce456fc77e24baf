import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { StoredSignal } from '../../infra/store/types.js';

/** New signals, for WebSocket pushes. In-process by default; Redis pub/sub across workers. */
export interface SignalBus {
  publish(signal: StoredSignal): Promise<void>;
  subscribe(fn: (signal: StoredSignal) => void): () => void;
  close(): Promise<void>;
}

export class LocalSignalBus implements SignalBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  async publish(signal: StoredSignal): Promise<void> {
    this.emitter.emit('signal', signal);
  }
  subscribe(fn: (signal: StoredSignal) => void): () => void {
    this.emitter.on('signal', fn);
    return () => this.emitter.off('signal', fn);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

const CHANNEL = 'sextant:signals';

/** Workers publish, API processes subscribe: a signal computed anywhere reaches every socket. */
export class RedisSignalBus implements SignalBus {
  private readonly pub: Redis;
  private sub: Redis | undefined;
  private readonly local = new LocalSignalBus();

  constructor(private readonly url: string) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
  }

  async publish(signal: StoredSignal): Promise<void> {
    await this.pub.publish(CHANNEL, JSON.stringify(signal));
  }

  subscribe(fn: (signal: StoredSignal) => void): () => void {
    if (!this.sub) {
      this.sub = new Redis(this.url, { maxRetriesPerRequest: 3 });
      void this.sub.subscribe(CHANNEL);
      this.sub.on('message', (_ch: string, msg: string) => void this.local.publish(JSON.parse(msg) as StoredSignal));
    }
    return this.local.subscribe(fn);
  }

  async close(): Promise<void> {
    await this.local.close();
    this.pub.disconnect();
    this.sub?.disconnect();
  }
}
