import { z } from 'zod';
import { DeviceStatus, InterventionKind, Language, Screen } from '../../contracts/index.ts';

/**
 * Scenario files (docs/SCENARIOS.md, plus the extensions documented in the README).
 * Every step names itself with one key; unknown steps and fields are errors that name the
 * file, the step number and the field.
 */

const LineRef = { line: z.number().int().min(1).optional(), code: z.string().optional() };

export const STEP_SCHEMAS = {
  scan: z.strictObject({ scan: z.string().min(1), symbology: z.string().optional(), via: z.enum(['serial', 'hid', 'wedge']).optional() }),
  bag: z.strictObject({ bag: z.string().min(1), grams: z.number().int().optional(), quantity: z.number().int().min(1).optional() }),
  bagGrams: z.strictObject({ bagGrams: z.number().int() }),
  produceGrams: z.strictObject({ produceGrams: z.number().int(), stable: z.boolean().optional() }),
  /** Extension: a scale condition (`overload`, `underZero`, `zeroError`, `motion`, `stable`). */
  scaleState: z.strictObject({ scaleState: z.enum(['stable', 'motion', 'overload', 'underZero', 'zeroError']), scale: z.enum(['produce', 'bagging']).default('produce') }),
  tap: z.strictObject({
    tap: z.enum([
      'start',
      'ownBag',
      'pay',
      'payCard',
      'back',
      'cancelPayment',
      'help',
      'produce',
      'produceConfirm',
      'produceCancel',
      'language',
      'skipBagging',
      'voidRequest',
      'quantity',
      'cancel',
      'stillHere',
      'finish',
      'manual',
      'login',
      'logout',
    ]),
    plu: z.string().optional(),
    itemId: z.string().optional(),
    language: Language.optional(),
    quantity: z.number().int().min(1).max(99).optional(),
    pin: z.string().optional(),
    /** Extension: the intent must be refused (the step fails if it is accepted). */
    refused: z.boolean().optional(),
    ...LineRef,
  }),
  card: z.strictObject({ card: z.enum(['approve', 'decline', 'cancel', 'timeout', 'lostCompletion', 'lostAnswer']) }),
  printer: z.strictObject({ printer: z.enum(['paperOut', 'coverOpen', 'ok', 'paperNearEnd']) }),
  unplug: z.strictObject({ unplug: z.enum(['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal']) }),
  replug: z.strictObject({ replug: z.enum(['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal']) }),
  attendant: z.strictObject({
    attendant: z.enum(['approve', 'deny']),
    kind: InterventionKind.optional(),
    pin: z.string().optional(),
    refused: z.boolean().optional(),
  }),
  /** Extension: any attendant command (void, price override, cancel, suspend, resume, reprint, close, open). */
  command: z.strictObject({
    command: z.enum(['item.void', 'price.override', 'transaction.cancel', 'transaction.suspend', 'transaction.resume', 'receipt.reprint', 'lane.close', 'lane.open']),
    /** For `transaction.resume`: the suspended transaction; default the most recently suspended one. */
    transactionId: z.string().min(1).optional(),
    pin: z.string().optional(),
    unitPriceMinor: z.number().int().nonnegative().optional(),
    reason: z.string().optional(),
    refused: z.boolean().optional(),
    ...LineRef,
  }),
  restart: z.strictObject({ restart: z.literal('kill') }),
  advanceMs: z.strictObject({ advanceMs: z.number().int().nonnegative() }),
  expect: z.strictObject({
    expect: z.strictObject({
      screen: Screen.optional(),
      totalMinor: z.number().int().optional(),
      itemCount: z.number().int().optional(),
      lines: z.array(z.record(z.string(), z.unknown())).optional(),
      interventions: z.array(InterventionKind).optional(),
      blocked: z.boolean().optional(),
      paid: z.boolean().optional(),
      receiptContains: z.array(z.string()).optional(),
      /** Extension: strings the last receipt must NOT contain. */
      receiptLacks: z.array(z.string()).optional(),
      prompt: z.string().optional(),
      devices: z.record(z.string(), DeviceStatus).optional(),
      /** Extension: number of receipts printed so far in this scenario. */
      receiptCount: z.number().int().optional(),
      /** Extension: the scanner is enabled (true) or disabled (false). */
      scannerEnabled: z.boolean().optional(),
      /** Extension: the language of the view. */
      language: Language.optional(),
    }),
  }),
} as const;

export type StepKind = keyof typeof STEP_SCHEMAS;
export type Step = { [K in StepKind]: { kind: K; index: number; raw: unknown; step: z.infer<(typeof STEP_SCHEMAS)[K]> } }[StepKind];

export const ScenarioHeader = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  lane: z
    .strictObject({
      catalogue: z.string().optional(),
      language: Language.optional(),
      config: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  steps: z.array(z.unknown()).min(1),
});

export interface Scenario {
  name: string;
  file: string;
  lane: { catalogue?: string; language?: Language; config?: Record<string, unknown> };
  steps: Step[];
}

export class ScenarioError extends Error {
  readonly _tag = 'ScenarioError';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field '${issue.keys.join("', '")}'`;
  const path = issue.path.map(String).join('.');
  return `${path ? `field '${path}': ` : ''}${issue.message}`;
}

/** Validate a parsed JSON scenario. Throws `ScenarioError` naming file, step and field. */
export function parseScenario(json: unknown, file: string): Scenario {
  const head = ScenarioHeader.safeParse(json);
  if (!head.success) throw new ScenarioError(`${file}: ${describeIssue(head.error.issues[0]!)}`);
  const steps: Step[] = head.data.steps.map((raw, i) => {
    const n = i + 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(`${file}: step ${n}: a step must be an object`);
    const keys = Object.keys(raw).filter((k) => k in STEP_SCHEMAS);
    if (keys.length === 0) throw new ScenarioError(`${file}: step ${n}: unknown step (fields: ${Object.keys(raw).join(', ') || 'none'})`);
    if (keys.length > 1) throw new ScenarioError(`${file}: step ${n}: one step per object, found ${keys.join(' and ')}`);
    const kind = keys[0] as StepKind;
    const r = STEP_SCHEMAS[kind].safeParse(raw);
    if (!r.success) throw new ScenarioError(`${file}: step ${n} ('${kind}'): ${describeIssue(r.error.issues[0]!)}`);
    return { kind, index: n, raw, step: r.data } as Step;
  });
  return { name: head.data.name, file, lane: head.data.lane ?? {}, steps };
}
