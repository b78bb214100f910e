import { describe, expect, it } from 'vitest';
import type { Result } from '../../contracts/errors.ts';
import { ManualClock } from '../../core/clock.ts';
import { RequestQueue, type RequestStep } from './request-queue.ts';
import { settle } from '../../test/helpers/wait.ts';

type Ev = { kind: 'reply'; to: number } | { kind: 'wait' } | { kind: 'noise' };

function setup(opts: { writeResult?: () => Promise<Result<void>>; connected?: () => boolean; maxQueued?: number } = {}) {
  const clock = new ManualClock();
  const written: number[][] = [];
  const queue = new RequestQueue<Ev>({
    clock,
    write: async (bytes) => {
      written.push([...bytes]);
      return opts.writeResult ? opts.writeResult() : { ok: true, value: undefined };
    },
    ...(opts.connected ? { isConnected: opts.connected } : {}),
    ...(opts.maxQueued !== undefined ? { maxQueued: opts.maxQueued } : {}),
  });
  const replyTo =
    (n: number) =>
    (e: Ev): RequestStep<string> =>
      e.kind === 'reply' && e.to === n ? { done: `answer ${n}` } : e.kind === 'wait' ? 'more' : undefined;
  return { clock, queue, written, replyTo };
}

describe('RequestQueue', () => {
  it('keeps one request in flight and runs the next only after the first is answered', async () => {
    const { queue, written, replyTo } = setup();
    const a = queue.request({ bytes: Uint8Array.of(1), timeoutMs: 1000, accept: replyTo(1) });
    const b = queue.request({ bytes: Uint8Array.of(2), timeoutMs: 1000, accept: replyTo(2) });
    await settle();
    expect(written).toEqual([[1]]);
    expect(queue.offer({ kind: 'reply', to: 2 })).toBe(false); // not the in-flight one
    expect(queue.offer({ kind: 'reply', to: 1 })).toBe(true);
    expect(await a).toEqual({ ok: true, value: 'answer 1' });
    await settle();
    expect(written).toEqual([[1], [2]]);
    queue.offer({ kind: 'reply', to: 2 });
    expect(await b).toEqual({ ok: true, value: 'answer 2' });
  });

  it('returns a typed timeout result when no answer comes, then runs the next request', async () => {
    const { clock, queue, written, replyTo } = setup();
    const a = queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1), label: 'status' });
    queue.request({ bytes: Uint8Array.of(2), timeoutMs: 500, accept: replyTo(2) });
    await settle();
    clock.advance(499);
    expect(queue.busy).toBe(true);
    clock.advance(1);
    const r = await a;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('timeout');
      expect(r.error.code).toBe('timeout');
      expect(r.error.message).toContain('status');
    }
    await settle();
    expect(written).toEqual([[1], [2]]);
  });

  it("'more' claims the event and restarts the timeout", async () => {
    const { clock, queue, replyTo } = setup();
    const a = queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1) });
    await settle();
    clock.advance(400);
    expect(queue.offer({ kind: 'wait' })).toBe(true);
    clock.advance(400);
    expect(queue.busy).toBe(true);
    expect(queue.offer({ kind: 'noise' })).toBe(false);
    queue.offer({ kind: 'reply', to: 1 });
    expect((await a).ok).toBe(true);
  });

  it('fails the in-flight and the queued requests with linkLost on disconnect', async () => {
    const { queue, replyTo } = setup();
    const a = queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1) });
    const b = queue.request({ bytes: Uint8Array.of(2), timeoutMs: 500, accept: replyTo(2) });
    await settle();
    queue.linkLost();
    for (const r of [await a, await b]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.reason).toBe('linkLost');
        expect(r.error.code).toBe('device');
      }
    }
    expect(queue.busy).toBe(false);
  });

  it('fails at once with linkLost when the link is down', async () => {
    const { queue, written, replyTo } = setup({ connected: () => false });
    const r = await queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1) });
    expect(!r.ok && r.error.reason).toBe('linkLost');
    expect(written).toEqual([]);
  });

  it('maps a failed write to writeFailed (and notConnected to linkLost)', async () => {
    const { queue, replyTo } = setup({
      writeResult: async () => ({ ok: false, error: { code: 'device', message: 'EIO' } }),
    });
    const r = await queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1) });
    expect(!r.ok && r.error.reason).toBe('writeFailed');
    const s2 = setup({
      writeResult: async () => ({ ok: false, error: { code: 'device', message: 'down', detail: { reason: 'notConnected' } } }),
    });
    const r2 = await s2.queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: s2.replyTo(1) });
    expect(!r2.ok && r2.error.reason).toBe('linkLost');
  });

  it('send() resolves once written, without waiting for an answer', async () => {
    const { queue, written } = setup();
    expect(await queue.send(Uint8Array.of(0x42), { timeoutMs: 500, label: 'beep' })).toEqual({ ok: true, value: undefined });
    expect(written).toEqual([[0x42]]);
    expect(queue.busy).toBe(false);
  });

  it('refuses requests beyond maxQueued with queueFull', async () => {
    const { queue, replyTo } = setup({ maxQueued: 1 });
    void queue.request({ bytes: Uint8Array.of(1), timeoutMs: 500, accept: replyTo(1) });
    void queue.request({ bytes: Uint8Array.of(2), timeoutMs: 500, accept: replyTo(2) });
    void queue.request({ bytes: Uint8Array.of(3), timeoutMs: 500, accept: replyTo(3) });
    const r = await queue.request({ bytes: Uint8Array.of(4), timeoutMs: 500, accept: replyTo(4) });
    expect(!r.ok && r.error.reason).toBe('queueFull');
  });
});
