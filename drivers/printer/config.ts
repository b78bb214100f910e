import { z } from 'zod';
import { Language } from '../../contracts/catalogue.ts';
import { TransportConfig } from '../transport/config.ts';
import { CodePageName, EPSON_CODE_PAGES } from './codepages.ts';

/**
 * Configuration of one ESC/POS receipt printer.
 *
 * `codePages` lists the character tables the model has with their `ESC t n` numbers (Epson
 * numbers by default); `preferredCodePages` says which to try first per receipt language.
 * Text no listed page can encode is printed as a raster image.
 */
export const PrinterConfig = z.object({
  protocol: z.literal('escpos'),
  transport: TransportConfig,
  codePages: z.partialRecord(CodePageName, z.number().int().min(0).max(255)).default({ ...EPSON_CODE_PAGES }),
  preferredCodePages: z
    .partialRecord(Language, z.array(CodePageName))
    .default({ en: ['cp437', 'cp858'], de: ['cp858', 'windows1252'], ru: ['cp866', 'windows1251'], fa: [] }),
  /** Characters per line with font A: 48 on 80 mm paper, 32 on 58 mm. */
  width: z.union([z.literal(48), z.literal(32)]).default(48),
  /** Reply timeout for each `DLE EOT n` query. */
  statusTimeoutMs: z.number().int().positive().default(500),
  /** `n` of the final `GS V 66 n` (feed then cut). */
  cutFeed: z.number().int().min(0).max(255).default(3),
  /** Consecutive status rounds without reply before the link is dropped and reopened. */
  reconnectAfterTimeouts: z.number().int().min(1).default(2),
});
export type PrinterConfig = z.infer<typeof PrinterConfig>;
export type PrinterConfigInput = z.input<typeof PrinterConfig>;
