import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaySource } from '../../../src/app/sources.js';
import { loadCandles } from '../../../src/services/candles.js';
import { AnalysisService, analyzeCandles, analyzeLoaded, rewriteWithLlm, writeEnglish, writePersian } from '../../../src/services/analysis/index.js';
import { MemoryCache } from '../../../src/infra/cache/index.js';

type Mode = 'good' | 'fenced' | 'slow' | 'error' | 'garbage' | 'english-only' | 'bad-key' | 'echo-headers';

/** A local OpenAI-compatible server: /v1/chat/completions answers as `mode` says. */
let mode: Mode = 'good';
const requests: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
let server: Server;
let baseUrl: string;

const completion = (content: string) => JSON.stringify({
  id: 'cmpl-1', object: 'chat.completion', created: 0, model: 'local-test',
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
});
const rewritten = { analysis: 'REWRITTEN: ETH/USDT is in an uptrend; the numbers are the ones given, nothing invented.', analysis_summarized: 'بازنویسی: روند صعودی است.' };

function handle(req: IncomingMessage, res: ServerResponse): void {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c));
  req.on('end', () => {
    if (req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    requests.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
    const json = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    switch (mode) {
      case 'good': return json(200, completion(JSON.stringify(rewritten)));
      case 'fenced': return json(200, completion(`Here you go:\n\`\`\`json\n${JSON.stringify(rewritten)}\n\`\`\``));
      case 'garbage': return json(200, completion('I cannot help with that.'));
      case 'english-only': return json(200, completion(JSON.stringify({ analysis: rewritten.analysis, analysis_summarized: 'no persian here' })));
      case 'error': return json(500, JSON.stringify({ error: { message: 'model crashed' } }));
      // What real endpoints do: quote the (masked) key on a 401, or echo the request headers.
      case 'bad-key': return json(401, JSON.stringify({ error: { message: `Incorrect API key provided: ${String(req.headers.authorization).slice(7, 12)}***${String(req.headers.authorization).slice(-4)}` } }));
      case 'echo-headers': return json(400, JSON.stringify({ error: { message: `bad request, headers were ${JSON.stringify(req.headers)}` } }));
      case 'slow': {
        const t = setTimeout(() => json(200, completion(JSON.stringify(rewritten))), 3000);
        res.on('close', () => clearTimeout(t));
        return;
      }
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const loaded = await loadCandles(replaySource(), { pair: 'ETH/USDT', timeframe: '1d', limit: 200 });
const { data } = analyzeCandles(loaded, 'replay');
const builtin = { analysis: writeEnglish(data), analysis_summarized: writePersian(data) };
// A timeout far above a local answer's time: on a loaded machine a 500 ms budget cut off good replies.
// Only the timeout test sets a short one.
const cfg = () => ({ baseUrl, apiKey: 'sk-test', model: 'local-test', timeoutMs: 15_000 });

describe('LLM rewriter against a local OpenAI-compatible server', () => {
  it('uses the LLM text when the reply is valid, sending the built-in report and the numbers', async () => {
    mode = 'good';
    requests.length = 0;
    const out = await rewriteWithLlm(cfg(), data, builtin);
    expect(out).toEqual({ text: rewritten, writer: 'llm', note: null });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.auth).toBe('Bearer sk-test');
    expect(requests[0]!.body.model).toBe('local-test');
    const user = requests[0]!.body.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain(builtin.analysis);
    expect(user).toContain(String(data.close));
  });

  it('accepts JSON wrapped in prose and code fences (local models do that)', async () => {
    mode = 'fenced';
    expect((await rewriteWithLlm(cfg(), data, builtin)).writer).toBe('llm');
  });

  // The slow reply (3 s) is a valid rewrite: had the 500 ms timeout not cut it off, the writer would be 'llm'.
  it('falls back to the built-in text on a timeout', async () => {
    mode = 'slow';
    const out = await rewriteWithLlm({ ...cfg(), timeoutMs: 500 }, data, builtin);
    expect(out.writer).toBe('builtin');
    expect(out.text).toEqual(builtin);
    expect(out.note).toMatch(/timed out after 500 ms/);
  });

  it.each([['error', /LLM endpoint failed \(HTTP 500\)/], ['garbage', /no JSON/], ['english-only', /Persian/]] as const)('falls back on a %s reply', async (m, why) => {
    mode = m;
    const out = await rewriteWithLlm(cfg(), data, builtin);
    expect(out.writer).toBe('builtin');
    expect(out.text).toEqual(builtin);
    expect(out.note).toMatch(why);
  });

  it('never repeats the endpoint\'s error text: a 401 quoting the masked key, an echo of the headers', async () => {
    const key = 'sk-live-0123456789abcdefSECRET';
    mode = 'bad-key';
    const denied = await rewriteWithLlm({ ...cfg(), apiKey: key }, data, builtin);
    expect(denied.note).toBe('LLM endpoint refused the credentials (HTTP 401); built-in text used');
    mode = 'echo-headers';
    const echoed = await rewriteWithLlm({ ...cfg(), apiKey: key }, data, builtin);
    expect(echoed.note).toBe('LLM endpoint rejected the request (HTTP 400); built-in text used');
    for (const note of [denied.note, echoed.note]) expect(note).not.toMatch(/sk-|SECRET|CRET|authorization|Incorrect/i);
  });

  it('an answer that fell back is not cached: the next request asks the LLM again', async () => {
    const service = new AnalysisService({ source: replaySource(), cache: new MemoryCache(), llm: { ...cfg(), apiKey: 'sk-live-0123456789abcdefSECRET' } });
    mode = 'echo-headers';
    requests.length = 0;
    const first = await service.analyzeJson({ pair: 'ETH/USDT', timeframe: '1d', limit: 200 });
    expect(first.body.toString()).not.toContain('SECRET');
    const second = await service.analyzeJson({ pair: 'ETH/USDT', timeframe: '1d', limit: 200 });
    expect(second.cached).toBe(false);
    expect(requests).toHaveLength(2);
    mode = 'good';
    await service.analyzeJson({ pair: 'ETH/USDT', timeframe: '1d', limit: 200 });
    expect((await service.analyzeJson({ pair: 'ETH/USDT', timeframe: '1d', limit: 200 })).cached).toBe(true);
  });

  it('falls back when nothing listens at the base URL', async () => {
    const out = await rewriteWithLlm({ ...cfg(), baseUrl: 'http://127.0.0.1:9/v1' }, data, builtin);
    expect(out.writer).toBe('builtin');
    expect(out.note).toMatch(/LLM/);
  });

  it('is not called at all without configuration', async () => {
    requests.length = 0;
    expect(await rewriteWithLlm({ timeoutMs: 500 }, data, builtin)).toEqual({ text: builtin, writer: 'builtin', note: null });
    expect(requests).toHaveLength(0);
  });

  it('the full analysis says which writer produced the text', async () => {
    mode = 'good';
    const viaLlm = await analyzeLoaded(loaded, 'replay', cfg());
    expect(viaLlm.writer).toBe('llm');
    expect(viaLlm.analysis).toBe(rewritten.analysis);
    mode = 'error';
    const fallback = await analyzeLoaded(loaded, 'replay', cfg());
    expect(fallback.writer).toBe('builtin');
    expect(fallback.analysis).toBe(builtin.analysis);
    expect(fallback.writer_note).toMatch(/built-in text used/);
    expect(fallback.chart_image_base64.startsWith('data:image/png;base64,')).toBe(true);
  });
});
