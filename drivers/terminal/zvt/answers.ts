/**
 * What the terminal's answers mean (device-protocols.md §4.4, §4.8): the field lists of
 * status information (`04 0F`) and completions (`06 0F`) → an approval, a status-enquiry,
 * reversal, end-of-day or repeat-receipt result. Pure; never throws, whatever the bytes:
 * a field that is missing or unreadable is simply absent from the result.
 */
import type { ApprovedPayment, PaymentRequest } from '../../../contracts/ports.ts';
import { fail, ok, type Result } from '../../../contracts/errors.ts';
import { hex } from './apdu.ts';
import { decodeFields, findField, type BmpField } from './bmp.ts';
import { resultCodeHex } from './messages.ts';
import { decodeText, type TextEncoding } from './text.ts';

export interface ReversalResult {
  receiptNo: number;
  amountMinor?: number;
  trace?: number;
  resultCode: string;
  receiptLines: string[];
}

export interface StatusEnquiryResult {
  /** Terminal status byte, when the completion carried one (bare byte or `27`). */
  terminalStatus?: number;
  softwareVersion?: string;
  terminalId?: string;
  fields: BmpField[];
  /** Completion data we could not interpret, hex. */
  rawRest: string;
}

export interface EndOfDayResult {
  resultCode: string;
  totalMinor?: number;
  receiptLines: string[];
}

export interface RepeatReceiptResult {
  receiptLines: string[];
  lastTransaction?: { amountMinor?: number; receiptNo?: number; trace?: number; resultCode?: string; maskedPan?: string };
}

/**
 * The terminal's reference of a transaction: its receipt number (`87`), else its trace
 * (`0B`). The lane keeps it in the journal to tell a payment it has booked from a new one.
 */
export function terminalReference(fields: { receiptNo?: number | undefined; trace?: number | undefined }): string | undefined {
  if (fields.receiptNo !== undefined) return `receipt:${String(fields.receiptNo).padStart(4, '0')}`;
  if (fields.trace !== undefined) return `trace:${String(fields.trace).padStart(6, '0')}`;
  return undefined;
}

/** Build the approval from a `04 0F` (or completion) field list. */
export function approvedFrom(fields: readonly BmpField[], request: PaymentRequest, receiptLines: string[]): ApprovedPayment {
  const pan = findField(fields, 'pan')?.maskedPan;
  const cardName = findField(fields, 'cardName')?.cardName;
  const reference = terminalReference({ receiptNo: findField(fields, 'receiptNo')?.receiptNo, trace: findField(fields, 'trace')?.trace }) ?? `ecr:${request.reference}`;
  return {
    status: 'approved',
    amountMinor: findField(fields, 'amount')?.amountMinor ?? request.amountMinor,
    reference,
    resultCode: '00',
    ...(pan ? { maskedPan: pan } : {}),
    ...(cardName ? { cardName } : {}),
    ...(receiptLines.length ? { receiptLines } : {}),
  };
}

/**
 * A payment completion that came with no status information: the completion's own result
 * code says whether it went through (`27 00` or none: approved).
 */
export function paymentFromCompletion(
  data: Uint8Array,
  encoding: TextEncoding,
  request: PaymentRequest,
  receiptLines: string[],
): { approved: ApprovedPayment } | { declinedWith: number } {
  const { fields } = decodeFields(data, encoding);
  const rc = findField(fields, 'resultCode')?.resultCode;
  if (rc !== undefined && rc !== 0) return { declinedWith: rc };
  return { approved: approvedFrom(fields, request, receiptLines) };
}

/**
 * Status-enquiry completions come in several shapes (§4.8): BMP fields (`27 xx`, `29` TID…),
 * a bare status byte (`06 0F 01 9C`), or a version string + status byte + TLV.
 */
export function parseStatusCompletion(data: Uint8Array, encoding: TextEncoding): StatusEnquiryResult {
  const { fields, rest } = decodeFields(data, encoding);
  const tid = findField(fields, 'terminalId')?.terminalId;
  const rc = findField(fields, 'resultCode')?.resultCode;
  if (rest.length === 0) {
    return { fields, rawRest: '', ...(rc !== undefined ? { terminalStatus: rc } : {}), ...(tid ? { terminalId: tid } : {}) };
  }
  if (fields.length === 0 && data.length === 1) return { terminalStatus: data[0] ?? 0, fields: [], rawRest: '' };
  // version text: a run of printable ASCII, then the status byte, then anything (TLV)
  let i = 0;
  while (i < rest.length && (rest[i] ?? 0) >= 0x20 && (rest[i] ?? 0) < 0x7f) i++;
  if (i > 0 && i < rest.length) {
    return {
      softwareVersion: decodeText(rest.subarray(0, i), encoding).trim(),
      terminalStatus: rest[i] ?? 0,
      fields,
      rawRest: hex(rest.subarray(i + 1)),
      ...(tid ? { terminalId: tid } : {}),
    };
  }
  return { fields, rawRest: hex(rest), ...(rc !== undefined ? { terminalStatus: rc } : {}), ...(tid ? { terminalId: tid } : {}) };
}

/** A completed reversal (`06 30`): status information and completion fields together. */
export function decodeReversal(
  statusInfos: readonly BmpField[][],
  completion: Uint8Array,
  encoding: TextEncoding,
  receiptNo: number,
  receiptLines: string[],
): Result<ReversalResult> {
  const fields = [...statusInfos.flat(), ...decodeFields(completion, encoding).fields];
  const rc = findField(fields, 'resultCode')?.resultCode ?? 0;
  if (rc !== 0) return fail('device', `reversal refused (result ${resultCodeHex(rc)})`, { detail: { resultCode: resultCodeHex(rc) } });
  const amount = findField(fields, 'amount')?.amountMinor;
  const trace = findField(fields, 'trace')?.trace;
  return ok({
    receiptNo: findField(fields, 'receiptNo')?.receiptNo ?? receiptNo,
    resultCode: '00',
    receiptLines,
    ...(amount !== undefined ? { amountMinor: amount } : {}),
    ...(trace !== undefined ? { trace } : {}),
  });
}

/** A completed end of day (`06 50`). The completion's own result (e.g. `27 E0`) wins over status information. */
export function decodeEndOfDay(statusInfos: readonly BmpField[][], completion: Uint8Array, encoding: TextEncoding, receiptLines: string[]): EndOfDayResult {
  const completionFields = decodeFields(completion, encoding).fields;
  const fields = [...statusInfos.flat(), ...completionFields];
  const rc = findField(completionFields, 'resultCode')?.resultCode ?? findField(fields, 'resultCode')?.resultCode ?? 0;
  const total = findField(fields, 'amount')?.amountMinor;
  return { resultCode: resultCodeHex(rc), receiptLines, ...(total !== undefined ? { totalMinor: total } : {}) };
}

/** A completed repeat receipt (`06 20`): the last transaction, from its status information. */
export function decodeRepeatReceipt(statusInfos: readonly BmpField[][], receiptLines: string[]): RepeatReceiptResult {
  const fields = statusInfos.flat();
  if (!fields.length) return { receiptLines };
  const amount = findField(fields, 'amount')?.amountMinor;
  const receiptNo = findField(fields, 'receiptNo')?.receiptNo;
  const trace = findField(fields, 'trace')?.trace;
  const rc = findField(fields, 'resultCode')?.resultCode;
  const pan = findField(fields, 'pan')?.maskedPan;
  return {
    receiptLines,
    lastTransaction: {
      ...(amount !== undefined ? { amountMinor: amount } : {}),
      ...(receiptNo !== undefined ? { receiptNo } : {}),
      ...(trace !== undefined ? { trace } : {}),
      ...(rc !== undefined ? { resultCode: resultCodeHex(rc) } : {}),
      ...(pan !== undefined ? { maskedPan: pan } : {}),
    },
  };
}
