/**
 * The store bus logic both sides use (README.md in this folder): accounts and ACL rules,
 * message parsing, the intervention queue and shift figures, the console client. Nothing
 * here imports a Node built-in: the attendant console bundles it for the browser.
 */
export { BusAccounts, BusAttendantAccount, type BusAccountsInput } from './accounts.ts';
export { aclPatterns, consoleUsername, filterWithin, laneUsername, mayPublish, maySubscribe, type BusIdentity } from './acl.ts';
export { connectConsole, newCommandId, type CommandInput, type ConsoleClient, type ConsoleOptions, type ConsoleSnapshot, type SendOptions } from './consoleClient.ts';
export { DEMO_ATTENDANTS, DEMO_LANE_SECRET, DEMO_STORE_ID, demoBusAccounts } from './demo.ts';
export { URGENCY, figuresOfLane, interventionQueue, percentile, roleOnLane, shiftFromLanes, shiftSummary, urgencyOf, whoAmI, type LaneState, type QueueEntry, type ResolveTimes, type ShiftFigures, type ShiftSummary } from './insights.ts';
export { parseBusMessage, parseTopic, type BusMessage } from './messages.ts';
