/**
 * Simulated transports: what the simulator (`--devices wire`) and the tests plug byte-level
 * device simulators into. Production hardware never goes through here.
 */
export { FakeHidBackend } from './hid.ts';
export { FakeEvdevSource } from './evdev.ts';
export { SocatPair, socatAvailable } from './socat.ts';
