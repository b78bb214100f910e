import type { TFunction } from 'i18next';
import type { Language } from '../../contracts/catalogue.ts';
import type { Intervention } from '../../contracts/view.ts';
import { formatWeight, localDigits } from '../shared/format.ts';
import type { Feedback } from './store.ts';

/** Words for what the console shows: lane names, intervention details, the lanes' replies. */
export const P = 'attendant.console';

/** `lane-3` → "Lane 3" (localised); other ids are shown as they are. */
export function laneName(t: TFunction, laneId: string, language: Language): string {
  const m = /^lane-?(\d+)$/i.exec(laneId);
  return m ? t(`${P}.lane.name`, { n: localDigits(m[1]!, language) }) : laneId;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One line that says what the intervention is about (item name, weights, code, reason). */
export function detailText(t: TFunction, iv: Intervention, language: Language): string {
  const d = iv.detail;
  switch (iv.kind) {
    case 'ageCheck': {
      const item = str(d['itemName']);
      const age = num(d['ageLimit']);
      return item && age !== undefined ? t(`${P}.detail.ageCheck`, { item, age: localDigits(String(age), language) }) : (item ?? t(`${P}.detail.ageCheckNoItem`));
    }
    case 'weightMismatch':
    case 'unexpectedItem':
    case 'itemRemoved': {
      const expected = num(d['expectedGrams']);
      const measured = num(d['measuredGrams']);
      const item = str(d['itemName']);
      if (expected !== undefined && measured !== undefined) {
        const w = t(`${P}.detail.weight`, { expected: formatWeight(expected, language), measured: formatWeight(measured, language) });
        return item ? `${item}: ${w}` : w;
      }
      return item ?? t(`${P}.detail.${iv.kind}`);
    }
    case 'unknownItem': {
      const code = str(d['code']);
      return code ? t(`${P}.detail.unknownItem`, { code: localDigits(code, language) }) : t(`${P}.detail.unknownItemNoCode`);
    }
    case 'paymentTrouble': {
      const reason = str(d['reason']);
      if (!reason) return t(`${P}.detail.paymentTroubleNoReason`);
      const words = t(`decline.${reason}`, { defaultValue: reason });
      return t(`${P}.detail.paymentTrouble`, { reason: words });
    }
    case 'voidRequest': {
      const item = str(d['itemName']);
      return item ? t(`${P}.detail.voidRequest`, { item }) : t(`${P}.detail.voidRequestNoItem`);
    }
    default:
      return t(`${P}.detail.${iv.kind}`);
  }
}

/** The tolerance line of a weight intervention, if it has one. */
export function toleranceText(t: TFunction, iv: Intervention, language: Language): string | null {
  const tol = num(iv.detail['toleranceGrams']);
  return tol !== undefined ? t(`${P}.detail.tolerance`, { tolerance: formatWeight(tol, language) }) : null;
}

/** The lane's reply in plain words. */
export function replyText(t: TFunction, fb: Feedback, me: string | undefined): string {
  const { reply } = fb;
  if (reply.ok) return t(`${P}.reply.done`);
  const err = reply.error;
  const by = fb.resolvedBy;
  switch (err?.code) {
    case 'conflict':
      return by ? t(`${P}.reply.alreadyResolved`, { by: by === me ? t(`${P}.queue.byYou`) : by }) : t(`${P}.reply.alreadyResolvedAnon`);
    case 'unauthorized':
      return /supervisor/i.test(err.message) ? t(`${P}.reply.supervisor`) : t(`${P}.reply.unauthorized`);
    case 'expired':
      return t(`${P}.reply.expired`);
    case 'timeout':
      return t(`${P}.reply.timeout`);
    case 'notAllowed':
      return t(`${P}.reply.notAllowed`);
    case 'notFound':
      return t(`${P}.reply.notFound`);
    default:
      return t(`${P}.reply.other`, { message: err?.message ?? '' });
  }
}

/** A display name for an attendant id in "approved by …". */
export function whoText(t: TFunction, by: string, me: string | undefined): string {
  return by === me ? t(`${P}.queue.byYou`) : by;
}
