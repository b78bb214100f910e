import { fail } from '../../contracts/errors.ts';
import type { Result } from '../../contracts/errors.ts';

/** Why a scan was refused; carried in `LaneError.detail.reason` (error code `invalidInput`). */
export type CodeFailureReason = 'badCheckDigit' | 'badPriceCheckDigit' | 'malformed' | 'unsupported' | 'unknownAi' | 'badDate';

export function codeFailure<T>(reason: CodeFailureReason, message: string, detail: Record<string, string | number> = {}): Result<T> {
  return fail<T>('invalidInput', message, { detail: { reason, ...detail } });
}
