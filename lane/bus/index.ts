/**
 * The store bus (lane/bus/README.md). Node side: the embedded broker, Mosquitto files, the
 * lane's client. The console client (`consoleClient.ts`) and the pure parts (`insights.ts`,
 * `messages.ts`, `acl.ts`) import no Node built-ins and run in the browser too — import
 * them directly from the UI, not through this file.
 */
export { BusAccounts, BusAttendantAccount, BusAuthenticator, type BusAccountsInput } from './accounts.ts';
export { aclPatterns, consoleUsername, filterWithin, laneUsername, mayPublish, maySubscribe, type BusIdentity } from './acl.ts';
export { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerOptions } from './broker.ts';
export { connectConsole, newCommandId, type CommandInput, type ConsoleClient, type ConsoleOptions, type ConsoleSnapshot, type SendOptions } from './consoleClient.ts';
export { URGENCY, figuresOfLane, interventionQueue, percentile, roleOnLane, shiftFromLanes, shiftSummary, urgencyOf, whoAmI, type LaneState, type QueueEntry, type ResolveTimes, type ShiftFigures, type ShiftSummary } from './insights.ts';
export { localMidnight, ShiftTracker } from './shift.ts';
export { connectLaneBus, laneStatusFromView, statusLines, type LaneBus, type StatusExtras, type LaneBusOptions, type LaneBusStats } from './laneBus.ts';
export { parseBusMessage, parseTopic, type BusMessage } from './messages.ts';
export { findMosquitto, mosquittoAcl, mosquittoConf, mosquittoPasswords, startMosquitto, type RunningMosquitto } from './mosquitto.ts';
export { startLaneBusFromConfig, demoBusAccounts, DEMO_LANE_SECRET } from './start.ts';
