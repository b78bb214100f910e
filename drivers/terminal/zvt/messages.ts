/**
 * ZVT commands (ECR → terminal, device-protocols.md §4.3) and the meaning of what the
 * terminal says back (§4.4): intermediate-status → shopper prompt, result code → decline
 * reason. Pure.
 */
import type { DeclineReason, TerminalPrompt } from '../../../contracts/devices.ts';
import { apdu, type Apdu } from './apdu.ts';
import { encodeFields, toBcd } from './bmp.ts';

/** Config byte bits of Registration `06 00` (§4.3). */
export const CONFIG = {
  ecrPrintsPaymentReceipts: 0x02,
  ecrPrintsAdminReceipts: 0x04,
  intermediateStatus: 0x08,
  noPaymentStartAtTerminal: 0x10,
  noAdminAtTerminal: 0x20,
} as const;

/**
 * Our default config byte 0x0E: a self-checkout lane has its own receipt printer and the
 * unattended terminal usually none, so the ECR prints payment (0x02) and administration
 * (0x04) receipts — which also gives us the receipt lines for `ApprovedPayment`; and we want
 * intermediate status (0x08) to mirror the terminal's display on screen.
 */
export const DEFAULT_CONFIG_BYTE = CONFIG.ecrPrintsPaymentReceipts | CONFIG.ecrPrintsAdminReceipts | CONFIG.intermediateStatus;

/** Password: 6 decimal digits → 3 bytes BCD. */
export function passwordBytes(password: string): Uint8Array {
  return toBcd(password, 3);
}

export function registration(opts: { password: string; configByte: number; currencyCode: number; serviceByte?: number }): Apdu {
  const data = [...passwordBytes(opts.password), opts.configByte & 0xff, ...toBcd(opts.currencyCode, 2)];
  if (opts.serviceByte !== undefined) data.push(0x03, opts.serviceByte & 0xff);
  return apdu(0x06, 0x00, data);
}

export function authorization(opts: { amountMinor: number; currencyCode?: number }): Apdu {
  const fields = encodeFields([
    { kind: 'amount', bmp: 0x04, amountMinor: opts.amountMinor },
    ...(opts.currencyCode !== undefined ? [{ kind: 'currency' as const, bmp: 0x49 as const, currencyCode: opts.currencyCode }] : []),
  ]);
  return apdu(0x06, 0x01, fields);
}

export function reversal(opts: { password: string; receiptNo: number }): Apdu {
  return apdu(0x06, 0x30, [...passwordBytes(opts.password), ...encodeFields([{ kind: 'receiptNo', bmp: 0x87, receiptNo: opts.receiptNo }])]);
}

export function endOfDay(password: string): Apdu {
  return apdu(0x06, 0x50, passwordBytes(password));
}

export function repeatReceipt(password: string): Apdu {
  return apdu(0x06, 0x20, passwordBytes(password));
}

export function statusEnquiry(password: string): Apdu {
  return apdu(0x05, 0x01, passwordBytes(password));
}

export function logOff(): Apdu {
  return apdu(0x06, 0x02);
}

/** Abort from the ECR (`06 1E` is the abort the terminal sends). */
export function ecrAbort(): Apdu {
  return apdu(0x06, 0xb0);
}

/** What kind of message a terminal APDU is. */
export type MessageKind =
  | 'ack' // 80 00
  | 'nack' // 84 xx
  | 'intermediateStatus' // 04 FF
  | 'statusInformation' // 04 0F
  | 'printLine' // 06 D1
  | 'printTextBlock' // 06 D3
  | 'completion' // 06 0F
  | 'abort' // 06 1E
  | 'other';

export function messageKind(a: Apdu): MessageKind {
  if (a.cls === 0x80 && a.instr === 0x00) return 'ack';
  if (a.cls === 0x84) return 'nack';
  if (a.cls === 0x04 && a.instr === 0xff) return 'intermediateStatus';
  if (a.cls === 0x04 && a.instr === 0x0f) return 'statusInformation';
  if (a.cls === 0x06) {
    switch (a.instr) {
      case 0xd1:
        return 'printLine';
      case 0xd3:
        return 'printTextBlock';
      case 0x0f:
        return 'completion';
      case 0x1e:
        return 'abort';
    }
  }
  return 'other';
}

/**
 * Intermediate status (`04 FF`, first data byte) → prompt mirrored on the lane's screen.
 * From the ZVT intermediate-status table; anything not listed is shown as `processing`.
 */
export const INTERMEDIATE_STATUS_PROMPTS: ReadonlyMap<number, TerminalPrompt> = new Map<number, TerminalPrompt>([
  [0x00, 'processing'], // waiting for amount confirmation
  [0x01, 'enterPin'], // please watch PIN pad
  [0x02, 'enterPin'], // please watch PIN pad
  [0x03, 'declined'], // not accepted
  [0x04, 'processing'], // waiting for response from host
  [0x05, 'processing'], // sending automatic reversal
  [0x06, 'processing'], // sending post-bookings
  [0x07, 'declined'], // card not admitted
  [0x08, 'declined'], // card unknown / undefined
  [0x09, 'declined'], // expired card
  [0x0a, 'insertCard'], // insert card
  [0x0b, 'removeCard'], // please remove card
  [0x0c, 'insertCard'], // card not readable (try again)
  [0x0d, 'processing'], // processing error
  [0x0e, 'pleaseWait'], // please wait
  [0x0f, 'pleaseWait'], // terminal starts automatic end-of-day
  [0x10, 'declined'], // invalid card
  [0x12, 'declined'], // system malfunction
  [0x13, 'declined'], // payment not possible
  [0x14, 'declined'], // credit not sufficient
  [0x15, 'wrongPin'], // incorrect PIN
  [0x16, 'declined'], // limit not sufficient
  [0x17, 'pleaseWait'], // please wait
  [0x18, 'declined'], // PIN try limit exceeded
  [0x19, 'declined'], // card data incorrect
  [0x1b, 'approved'], // approved, please fill up
  [0x1c, 'approved'], // approved, please take goods
  [0x1d, 'declined'], // declined
]);

export function promptForStatus(status: number): TerminalPrompt {
  return INTERMEDIATE_STATUS_PROMPTS.get(status) ?? 'processing';
}

/**
 * Result code (BMP `27`, or first byte of `06 1E`) → decline reason (§4.4, §4.8).
 * Codes 0x01–0x63 come from the authorisation host: `declined`. Unlisted 0x64–0x7F are card
 * or transaction problems: `declined`. Unlisted ≥ 0x80 are terminal/system faults:
 * `terminalError`.
 */
export const RESULT_CODE_REASONS: ReadonlyMap<number, DeclineReason> = new Map<number, DeclineReason>([
  [0x05, 'declined'], // host: do not honour
  [0x64, 'cardUnreadable'], // card not readable
  [0x65, 'cardUnreadable'], // card data not present
  [0x6c, 'aborted'], // abort via timeout or abort key
  [0x72, 'cardUnreadable'], // chip error
  [0x73, 'cardUnreadable'], // card data incorrect
  [0x78, 'cardExpired'], // card expired
  [0x7a, 'cardUnknown'], // card unknown
  [0xc3, 'amountTooHigh'], // maximum amount exceeded
]);

export function reasonForResultCode(code: number | undefined): DeclineReason {
  if (code === undefined) return 'terminalError';
  const listed = RESULT_CODE_REASONS.get(code);
  if (listed) return listed;
  if (code >= 0x01 && code <= 0x7f) return 'declined';
  return 'terminalError';
}

export function resultCodeHex(code: number): string {
  return code.toString(16).padStart(2, '0').toUpperCase();
}
