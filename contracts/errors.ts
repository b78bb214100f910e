import { z } from 'zod';

/**
 * The one error shape of the project. Expected failures are returned as values
 * (`Result`), never thrown; a `LaneError` that crosses a boundary is plain data.
 */
export const ErrorCode = z.enum([
  'invalidInput', // a message failed its schema
  'notAllowed', // valid, but not in this state / by this actor
  'notFound', // an item, line, intervention … that does not exist
  'unauthorized', // bad PIN, missing role, locked out
  'conflict', // already resolved, already applied
  'expired', // a command past its expiry
  'device', // a device failed (paper out, link lost …)
  'timeout',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const LaneErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Dotted path of the offending field for `invalidInput`. */
  path: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type LaneError = z.infer<typeof LaneErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: LaneError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, extra: Omit<LaneError, 'code' | 'message'> = {}): Result<T> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Turn a zod failure into our error shape, naming the first offending field. */
export function fromZodError(err: z.ZodError, what = 'message'): LaneError {
  const first = err.issues[0];
  // An unknown key is named by its own path (`timeouts.idleMS`), not its parent's.
  const segments = first ? [...first.path.map(String), ...(first.code === 'unrecognized_keys' && first.keys[0] !== undefined ? [first.keys[0]] : [])] : [];
  const path = segments.join('.');
  return {
    code: 'invalidInput',
    message: `invalid ${what}${path ? ` at '${path}'` : ''}: ${first?.message ?? 'unknown problem'}`,
    ...(path ? { path } : {}),
  };
}

/** Validate `input` against `schema`; never throws. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what?: string): Result<T> {
  const r = schema.safeParse(input);
  return r.success ? ok(r.data) : { ok: false, error: fromZodError(r.error, what) };
}
