export * from './errors.ts';
export * from './catalogue.ts';
export * from './devices.ts';
export * from './view.ts';
export * from './intents.ts';
export * from './protocol.ts';
export * from './receipt.ts';
export * from './bus.ts';
