/** Public surface of the ESC/POS printer driver. */
export { openPrinter, EscPosPrinter, type PrinterDeps } from './driver.ts';
export { PrinterConfig, type PrinterConfigInput } from './config.ts';
export { encodeReceipt, candidatePages, dotsForWidth, canvasRasteriser, type EncoderOptions, type Rasteriser } from './encoder.ts';
export { CodePageName, EPSON_CODE_PAGES, encodeIn, decodeIn } from './codepages.ts';
export { StatusDecoder, conditionOf, flagsFromAsb, flagsFromRealtime, type PrinterFlags, type StatusEvent } from './status.ts';
export { EscPosParser, type EscPosCommand } from './escpos-parser.ts';
export { builtinLogo, renderTextRaster, renderColumnsRaster, isRtl, type RasterImage } from './raster.ts';
export {
  PrinterSim,
  serveLink,
  startPrinterSimServer,
  toPng,
  waitForReceipts,
  type DeviceLink,
  type PrinterSimServer,
  type SimConditions,
  type SimImage,
  type SimLine,
  type SimReceipt,
} from './sim.ts';
