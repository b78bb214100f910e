import { describe, expect, it } from 'vitest';
import { parseBusMessage, parseTopic } from './messages.ts';

const S = 'store-1';
const base = `lane/v1/${S}/lanes`;

describe('parseTopic', () => {
  it('splits status, commands and replies topics', () => {
    expect(parseTopic(S, `${base}/l1/status`)).toEqual({ laneId: 'l1', leaf: 'status' });
    expect(parseTopic(S, `${base}/l1/commands/alex`)).toEqual({ laneId: 'l1', leaf: 'commands', attendantId: 'alex' });
  });
  it('refuses other stores, extra levels and unsafe ids', () => {
    expect(parseTopic(S, `lane/v1/other/lanes/l1/status`)).toBeNull();
    expect(parseTopic(S, `${base}/l1/status/x`)).toBeNull();
    expect(parseTopic(S, `${base}/l1/commands`)).toBeNull();
    expect(parseTopic(S, `${base}/l 1/status`)).toBeNull();
  });
});

describe('parseBusMessage', () => {
  it('accepts a valid status and a valid command', () => {
    expect(parseBusMessage(S, `${base}/l1/status`, JSON.stringify({ laneId: 'l1', online: false, updatedAt: 5 }))).toMatchObject({ ok: true, value: { kind: 'status', laneId: 'l1' } });
    const cmd = { consoleId: 'desk', command: { id: 'cmd-12345678', by: 'alex', type: 'intervention.approve', interventionId: 'iv-1' } };
    expect(parseBusMessage(S, `${base}/l1/commands/alex`, Buffer.from(JSON.stringify(cmd)))).toMatchObject({ ok: true, value: { kind: 'command', attendantId: 'alex' } });
  });
  it('turns bad payloads into invalidInput naming the field', () => {
    expect(parseBusMessage(S, `${base}/l1/status`, '{')).toMatchObject({ ok: false, error: { code: 'invalidInput', message: 'payload is not JSON' } });
    expect(parseBusMessage(S, `${base}/l1/status`, JSON.stringify({ laneId: 'l1', online: 1, updatedAt: 5 }))).toMatchObject({ ok: false, error: { path: 'online' } });
    expect(parseBusMessage(S, `${base}/l1/status`, JSON.stringify({ laneId: 'l2', online: true, updatedAt: 5 }))).toMatchObject({ ok: false, error: { path: 'laneId' } });
    expect(parseBusMessage(S, `${base}/l1/commands/alex`, JSON.stringify({ consoleId: 'd', command: { id: 'x', by: 'alex', type: 'lane.open' } }))).toMatchObject({ ok: false, error: { path: 'command.id' } });
    expect(parseBusMessage(S, `${base}/l1/telemetry`, '{}')).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(parseBusMessage(S, `${base}/l1/status`, 'x'.repeat(70_000))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
  });

  const shift = { laneId: 'l1', from: 0, to: 10, completed: 1, cancelled: 0, suspended: 0, items: 3, transactionMs: 60_000, itemsPerMinute: 3, interventionsByKind: { ageCheck: 1 }, timeToResolve: { count: 1, medianMs: 5000, p90Ms: 5000 }, timeToResolveByKind: { ageCheck: { count: 1, medianMs: 5000, p90Ms: 5000 } }, resolveSamplesMs: { ageCheck: [5000] }, samplesComplete: true, updatedAt: 10 };
  it('accepts a lane shift, and a status with staff, lines and suspended baskets', () => {
    expect(parseBusMessage(S, `${base}/l1/shift`, JSON.stringify(shift))).toMatchObject({ ok: true, value: { kind: 'shift', laneId: 'l1', payload: { items: 3 } } });
    const status = {
      laneId: 'l1', online: true, updatedAt: 5,
      staff: [{ id: 'sam', name: 'Sam', role: 'supervisor' }],
      lines: [{ lineId: 'ln-1', name: 'Lager', quantity: 2, unitPriceMinor: 89, totalMinor: 178 }, { lineId: 'ln-2', name: 'Apples', weightGrams: 1020, unitPriceMinor: 299, totalMinor: 305 }],
      linesOmitted: 0,
      suspended: [{ transactionId: 'tx-1', itemCount: 2, totalMinor: 178, at: 4 }],
    };
    expect(parseBusMessage(S, `${base}/l1/status`, JSON.stringify(status))).toMatchObject({ ok: true, value: { kind: 'status' } });
  });
  it('refuses a shift for another lane, a bad kind, negative samples, a PIN in the roster and an oversized payload', () => {
    expect(parseBusMessage(S, `${base}/l1/shift`, JSON.stringify({ ...shift, laneId: 'l2' }))).toMatchObject({ ok: false, error: { path: 'laneId' } });
    expect(parseBusMessage(S, `${base}/l1/shift`, JSON.stringify({ ...shift, interventionsByKind: { coffee: 1 } }))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(parseBusMessage(S, `${base}/l1/shift`, JSON.stringify({ ...shift, resolveSamplesMs: { ageCheck: [-1] } }))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(parseBusMessage(S, `${base}/l1/status`, JSON.stringify({ laneId: 'l1', online: true, updatedAt: 5, staff: [{ id: 'sam', name: 'Sam', role: 'owner' }] }))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    const big = JSON.stringify({ ...shift, resolveSamplesMs: { ageCheck: Array.from({ length: 40_000 }, () => 1_000_000) } });
    expect(parseBusMessage(S, `${base}/l1/shift`, big)).toMatchObject({ ok: false, error: { code: 'invalidInput', message: expect.stringContaining('limit') } });
  });
});
