import { z } from 'zod';
import { Language } from '../contracts/index.ts';
import { AttendantAccount } from '../contracts/staff.ts';

export { AttendantAccount };

/**
 * Lane configuration (JSON file or scenario `lane.config` overrides). Every field has a
 * default so an empty object is a working simulated lane.
 */


export const BaggingConfig = z.object({
  /** Smallest tolerance for any item (grams); covers scale noise and packaging spread. */
  minToleranceGrams: z.number().int().nonnegative().default(15),
  /** Tolerance as a share of the expected weight, in basis points (500 = 5 %). */
  tolerancePercentBp: z.number().int().nonnegative().default(500),
  /** Scale division (grams): readings differ by at least this. */
  divisionGrams: z.number().int().positive().default(5),
  /** Changes within this band are noise, never an alarm. */
  noiseGrams: z.number().int().nonnegative().default(10),
  /** Items lighter than this are not checked (the scale cannot see them reliably). */
  minCheckedGrams: z.number().int().nonnegative().default(8),
  /** Largest weight accepted as the shopper's own bag. */
  maxOwnBagGrams: z.number().int().nonnegative().default(1500),
  /** How many scanned items may wait to be bagged before more scans are refused. */
  maxPendingItems: z.number().int().min(1).default(2),
  /** Learned weights: readings needed before an item's own statistics set its tolerance. */
  learnMinSamples: z.number().int().min(2).default(5),
  /** Tolerance = k·σ of learned readings (bounded below by minToleranceGrams). */
  learnSigmas: z.number().positive().default(3),
  /** Weighed produce: tolerance share (bp) of the produce-scale weight, plus two divisions. */
  produceTolerancePercentBp: z.number().int().nonnegative().default(200),
  /** Turn bagging-area security off entirely (some stores do). */
  enabled: z.boolean().default(true),
}).strict();
export type BaggingConfig = z.infer<typeof BaggingConfig>;

export const TimeoutsConfig = z.object({
  /** No activity in an empty transaction → back to attract. */
  idleMs: z.number().int().positive().default(60_000),
  /** With a basket open: ask "still there?" after this long. */
  stillThereMs: z.number().int().positive().default(90_000),
  /** No answer to "still there?" → the transaction is abandoned. */
  stillThereAnswerMs: z.number().int().positive().default(30_000),
  /** The thanks screen returns to attract by itself. */
  thanksMs: z.number().int().positive().default(10_000),
}).strict();

export const PinPolicy = z.object({
  maxFailures: z.number().int().min(1).default(5),
  lockoutMs: z.number().int().positive().default(5 * 60_000),
}).strict();

/**
 * The store bus (store-bus/README.md): where this lane publishes its status and takes
 * attendant commands. Absent = a stand-alone lane.
 */
export const BusConfig = z.object({
  /** `mqtt://`, `mqtts://` (TLS), `ws://` or `wss://` broker URL. */
  url: z.string().regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
  /** One MQTT topic level: `lane/v1/<storeId>/…`. */
  storeId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).default('demo'),
  /** MQTT user name; `lane-<laneId>` when absent (what the broker ACLs expect). */
  username: z.string().min(1).optional(),
  /** This lane's bus secret (or set LANE_BUS_PASSWORD). */
  password: z.string().min(1).optional(),
  /** A lane silent for 1.5 × this is marked offline by its last will. */
  keepaliveSeconds: z.number().int().min(1).max(600).default(10),
  reconnectMs: z.number().int().min(100).default(2000),
  /** When the daily shift starts (local time, `HH:MM`): shift figures count from there. */
  shiftStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour').default('00:00'),
  /** For `mqtts://` / `wss://`: PEM files; `caFile` pins the store's CA. */
  tls: z
    .object({
      caFile: z.string().optional(),
      certFile: z.string().optional(),
      keyFile: z.string().optional(),
      rejectUnauthorized: z.boolean().default(true),
    })
    .strict()
    .optional(),
}).strict();
export type BusConfig = z.infer<typeof BusConfig>;

/** Every object here is `.strict()`: a misspelt key is refused with its path, never silently defaulted. */
export const LaneConfig = z.object({
  laneId: z.string().min(1).default('lane-1'),
  store: z
    .object({
      name: z.string().default('Lane Demo Market'),
      address: z.array(z.string()).default(['1 Market Street', '10115 Berlin']),
      vatId: z.string().default('DE123456789'),
    })
    .strict()
    .default({ name: 'Lane Demo Market', address: ['1 Market Street', '10115 Berlin'], vatId: 'DE123456789' }),
  language: Language.default('en'),
  /**
   * The lane's one currency setting (ISO 4217 alphabetic); omitted → the catalogue's. The
   * exponent, GS1 numeric code and card terminal currency are derived from it (lane/currency.ts).
   */
  currency: z.string().length(3).optional(),
  /** Derived from `currency`; if given, it must agree (a mismatch is refused at start). */
  currencyExponent: z.number().int().min(0).max(3).optional(),
  bagging: BaggingConfig.default(BaggingConfig.parse({})),
  timeouts: TimeoutsConfig.default(TimeoutsConfig.parse({})),
  pin: PinPolicy.default(PinPolicy.parse({})),
  /** Demo accounts (PINs 1234 and 9999) unless configured; see README. */
  attendants: z.array(AttendantAccount).optional(),
  /** Variable-measure templates etc.; passed to the code parser (lane/codes). */
  codes: z.record(z.string(), z.unknown()).default({}),
  receipt: z
    .object({
      width: z.number().int().min(24).max(64).default(48),
      /** e-receipt link base; the transaction id is appended. */
      eReceiptBaseUrl: z.string().default('https://receipts.example/r/'),
      /** Footer lines; omitted → a thank-you in the receipt's language. */
      footer: z.array(z.string()).optional(),
    })
    .strict()
    .default({ width: 48, eReceiptBaseUrl: 'https://receipts.example/r/' }),
  /** Devices: `sim` (in-memory simulators) or a driver configuration per device. */
  devices: z.record(z.string(), z.unknown()).default({}),
  /** Store bus connection; see BusConfig. */
  bus: BusConfig.optional(),
}).strict();
export type LaneConfig = z.infer<typeof LaneConfig>;
export type LaneConfigInput = z.input<typeof LaneConfig>;
