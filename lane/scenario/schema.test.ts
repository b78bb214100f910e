import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './schema.ts';

const ok = (steps: unknown[]) => ({ name: 'x', steps });

describe('scenario schema', () => {
  it('accepts the example from SCENARIOS.md', () => {
    const s = parseScenario(
      ok([
        { scan: '4006381333931' },
        { bag: '4006381333931' },
        { tap: 'produce', plu: '4131' },
        { produceGrams: 1234 },
        { bag: '4131', grams: 1234 },
        { tap: 'pay' },
        { card: 'approve' },
        { expect: { screen: 'thanks', totalMinor: 1234, receiptContains: ['TOTAL'] } },
      ]),
      'example.json',
    );
    expect(s.steps.map((x) => x.kind)).toEqual(['scan', 'bag', 'tap', 'produceGrams', 'bag', 'tap', 'card', 'expect']);
  });

  it.each([
    ['an unknown step', [{ scna: '1' }], /example.json: step 1: unknown step \(fields: scna\)/],
    ['an unknown field', [{ scan: '1', colour: 'red' }], /example.json: step 1 \('scan'\): unknown field 'colour'/],
    ['two steps in one object', [{ scan: '1', bag: '1' }], /step 1: one step per object, found scan and bag/],
    ['a bad card behaviour', [{ scan: '1' }, { card: 'maybe' }], /step 2 \('card'\): field 'card'/],
    ['an unknown expectation', [{ expect: { screeen: 'thanks' } }], /step 1 \('expect'\): unknown field 'screeen'/],
    ['a step that is not an object', ['scan'], /step 1: a step must be an object/],
  ])('rejects %s, naming file, step and field', (_n, steps, message) => {
    expect(() => parseScenario(ok(steps), 'example.json')).toThrow(ScenarioError);
    expect(() => parseScenario(ok(steps), 'example.json')).toThrow(message);
  });

  it('rejects an unknown top-level field and missing steps', () => {
    expect(() => parseScenario({ name: 'x', steps: [{ scan: '1' }], lanes: 2 }, 'f.json')).toThrow(/f.json: unknown field 'lanes'/);
    expect(() => parseScenario({ name: 'x', steps: [] }, 'f.json')).toThrow(/f.json/);
  });
});
