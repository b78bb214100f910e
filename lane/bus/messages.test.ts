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
});
