/**
 * The lane's side of the store bus: its MQTT client (status, interventions, commands), the
 * shift figures it computes from its own journal, and start-up from configuration. The
 * shared bus logic lives in store-bus/, the brokers in broker/.
 */
export { localMidnight, ShiftTracker } from './shift.ts';
export { connectLaneBus, laneStatusFromView, statusLines, type LaneBus, type StatusExtras, type LaneBusOptions, type LaneBusStats } from './laneBus.ts';
export { startLaneBusFromConfig } from './start.ts';
