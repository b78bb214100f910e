export {
  Journal,
  JournalEntry,
  JournalEventInput,
  JournalEventType,
  JournalPayload,
  JsonValue,
  GENESIS_HASH,
  DEFAULT_CLOSING_TYPES,
  type CorruptEntry,
  type JournalOptions,
  type JournalRead,
} from './journal.ts';
export { assertNoCardData, findCardData, containsPan, luhnValid, CardDataError } from './cardData.ts';
export { canonicalJson, sha256Hex } from './canonical.ts';
