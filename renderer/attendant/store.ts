import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CommandReply, LaneEvent } from '../../contracts/bus.ts';
import type { Language } from '../../contracts/catalogue.ts';
import type { AttendantView, Intervention, InterventionKind } from '../../contracts/view.ts';
import { whoAmI } from '../../store-bus/insights.ts';
import { compareLaneIds } from './queue.ts';
import { newCommandId, type BusConnector, type BusSnapshot, type CommandInput, type ConsoleBus, type Credentials, type LaneState, type LoginFailure, type QueueEntry } from './busSource.ts';

/**
 * The one store of the console window. It mirrors the bus snapshot (lanes, queue), keeps
 * what only this console knows (commands in flight, the lanes' replies, interventions that
 * were just resolved and linger on screen for a moment, fresh arrivals) and the console's
 * own settings (language, mute, selected lane, tab).
 *
 * No business rule lives here: the lane decides whether a command applies, the bus
 * orders the queue. Time comes from `deps.now` so tests control it.
 */
export interface Resolution {
  laneId: string;
  kind: InterventionKind;
  by: string;
  resolution: 'approved' | 'denied' | 'auto' | 'gone';
  at: number;
}

/** An intervention no longer pending, still shown (greyed, no actions) until `until`. */
export interface Ghost {
  laneId: string;
  intervention: Intervention;
  resolution: Resolution;
  until: number;
}

export interface Feedback {
  reply: CommandReply;
  /** For a refusal because someone else was first. */
  resolvedBy?: string;
  until: number;
}

export type Tab = 'queue' | 'lanes' | 'summary';
export type Phase = 'login' | 'connecting' | 'ready';

export interface ConsoleState {
  phase: Phase;
  loginError: { reason: LoginFailure; message: string } | null;
  /**
   * Who is logged in. Name and role come from the bus when it can tell, else from the lanes'
   * staff rosters (updated as they arrive); `attendant` until then. Per-lane actions use the
   * role on THAT lane (`roleOnLane`); the lane checks roles again on every command.
   */
  me: AttendantView | null;
  connected: boolean;
  lanes: Readonly<Record<string, LaneState>>;
  /** Lane ids in natural order (lane-2 before lane-10); same array while the set is unchanged. */
  laneIds: readonly string[];
  queue: readonly QueueEntry[];
  ghosts: readonly Ghost[];
  /** Intervention id → epoch ms until which it shows as new (visual alert). */
  fresh: Readonly<Record<string, number>>;
  /** Action target (see `targetOf`) → id of the command in flight. */
  inFlight: Readonly<Record<string, string>>;
  feedback: Readonly<Record<string, Feedback>>;
  /** Increases with every lane event; the shift summary recomputes on it. */
  eventsSeen: number;
  language: Language;
  muted: boolean;
  selectedLaneId: string | null;
  tab: Tab;

  login(credentials: Credentials): Promise<void>;
  logout(): Promise<void>;
  /** Send `command` to `laneId`; `target` groups buttons that must not fire twice (see `targetOf`). */
  act(laneId: string, target: string, command: CommandInput): Promise<CommandReply | null>;
  setLanguage(language: Language): void;
  setMuted(muted: boolean): void;
  selectLane(laneId: string | null): void;
  setTab(tab: Tab): void;
  /** Drop ghosts, feedback and fresh marks whose time is up. */
  sweep(): void;
  /** The bus, for the shift summary (null before login). */
  bus(): ConsoleBus | null;
}

export interface ConsoleDeps {
  connect: BusConnector;
  now?: () => number;
  /** Called once per batch of newly arrived interventions unless muted (WebAudio in the page). */
  alert?: (entries: readonly QueueEntry[]) => void;
  language?: Language;
  /** Saves settings (language, mute) between visits. */
  persist?: (settings: { language: Language; muted: boolean }) => void;
  muted?: boolean;
}

export const GHOST_MS = 6000;
export const FEEDBACK_MS = 8000;
export const FRESH_MS = 5000;
export const COMMAND_TTL_MS = 15_000;
/** Interventions already pending when the console logs in are not "new" (no sound). */
export const SETTLE_MS = 1500;

/** Buttons that act on the same thing share a target, so only one of them can be in flight. */
export const targetOf = {
  intervention: (laneId: string, interventionId: string) => `iv:${laneId}:${interventionId}`,
  lane: (laneId: string, what: string) => `lane:${laneId}:${what}`,
};

export type ConsoleStore = UseBoundStore<StoreApi<ConsoleState>>;

function laneIdsOf(lanes: Readonly<Record<string, LaneState>>, previous: readonly string[]): readonly string[] {
  const ids = Object.keys(lanes).sort(compareLaneIds);
  return ids.length === previous.length && ids.every((id, i) => id === previous[i]) ? previous : ids;
}

export function createConsoleStore(deps: ConsoleDeps): ConsoleStore {
  const now = deps.now ?? (() => Date.now());
  let bus: ConsoleBus | null = null;
  let unsubscribe: Array<() => void> = [];
  let connectedAt = 0;
  const resolutions = new Map<string, Resolution>();

  const store = create<ConsoleState>()((set, get) => {
    const remember = (id: string, r: Resolution): void => {
      resolutions.set(id, r);
      if (resolutions.size > 2000) resolutions.delete(resolutions.keys().next().value ?? '');
    };

    const ingest = (snap: BusSnapshot): void => {
      const prev = get();
      const t = now();
      const before = new Map<string, QueueEntry>();
      for (const e of prev.queue) before.set(e.intervention.id, e);
      const after = new Set(snap.queue.map((e) => e.intervention.id));
      const ghosts = prev.ghosts.filter((g) => !after.has(g.intervention.id));
      for (const [id, e] of before) {
        if (after.has(id)) continue;
        const resolution = resolutions.get(id) ?? { laneId: e.laneId, kind: e.intervention.kind, by: '', resolution: 'gone' as const, at: t };
        ghosts.push({ laneId: e.laneId, intervention: e.intervention, resolution, until: t + GHOST_MS });
      }
      const arrived = t - connectedAt >= SETTLE_MS ? snap.queue.filter((e) => !before.has(e.intervention.id) && !resolutions.has(e.intervention.id)) : [];
      let fresh = prev.fresh;
      if (arrived.length > 0) {
        const marks: Record<string, number> = { ...fresh };
        for (const e of arrived) marks[e.intervention.id] = t + FRESH_MS;
        fresh = marks;
        if (!get().muted) deps.alert?.(arrived);
      }
      const patch: Partial<ConsoleState> = { connected: snap.connected, lanes: snap.lanes, laneIds: laneIdsOf(snap.lanes, prev.laneIds), queue: snap.queue, ghosts, fresh };
      if (prev.me && snap.lanes !== prev.lanes) {
        const known = whoAmI(Object.values(snap.lanes), prev.me.id);
        if (known && (known.name !== prev.me.name || known.role !== prev.me.role)) patch.me = known;
      }
      set(patch);
    };

    const onEvent = (e: LaneEvent): void => {
      if (e.type === 'intervention.resolved') {
        remember(e.interventionId, { laneId: e.laneId, kind: e.kind, by: e.by, resolution: e.resolution, at: e.at });
        // The event may arrive after the retained list already dropped it: name who did it.
        const ghosts = get().ghosts;
        if (ghosts.some((g) => g.intervention.id === e.interventionId)) {
          set({ ghosts: ghosts.map((g) => (g.intervention.id === e.interventionId ? { ...g, resolution: resolutions.get(e.interventionId)! } : g)) });
        }
      }
      set({ eventsSeen: get().eventsSeen + 1 });
    };

    const saveSettings = (): void => deps.persist?.({ language: get().language, muted: get().muted });

    return {
      phase: 'login',
      loginError: null,
      me: null,
      connected: false,
      lanes: {},
      laneIds: [],
      queue: [],
      ghosts: [],
      fresh: {},
      inFlight: {},
      feedback: {},
      eventsSeen: 0,
      language: deps.language ?? 'en',
      muted: deps.muted ?? false,
      selectedLaneId: null,
      tab: 'queue',

      async login(credentials) {
        if (get().phase !== 'login') return;
        set({ phase: 'connecting', loginError: null });
        const r = await deps.connect(credentials);
        if (!r.ok) {
          set({ phase: 'login', loginError: { reason: r.reason, message: r.message } });
          return;
        }
        bus = r.bus;
        connectedAt = now();
        set({ phase: 'ready', me: r.attendant ?? { id: credentials.attendantId, name: credentials.attendantId, role: 'attendant' } });
        unsubscribe = [r.bus.subscribe(() => ingest(r.bus.getSnapshot())), r.bus.onEvent(onEvent)];
        ingest(r.bus.getSnapshot());
      },

      async logout() {
        for (const u of unsubscribe) u();
        unsubscribe = [];
        const b = bus;
        bus = null;
        resolutions.clear();
        set({ phase: 'login', me: null, connected: false, lanes: {}, laneIds: [], queue: [], ghosts: [], fresh: {}, inFlight: {}, feedback: {}, eventsSeen: 0, selectedLaneId: null });
        await b?.close();
      },

      async act(laneId, target, command) {
        const b = bus;
        const me = get().me;
        if (!b || !me || get().inFlight[target]) return null;
        const id = newCommandId();
        set({ inFlight: { ...get().inFlight, [target]: id } });
        const reply = await b.send(laneId, command, { id, expiresAt: now() + COMMAND_TTL_MS });
        const { [target]: _done, ...inFlight } = get().inFlight;
        const detail = reply.error?.detail;
        const by = typeof detail?.['by'] === 'string' ? detail['by'] : undefined;
        const resolution = detail?.['resolution'];
        const ivId = 'interventionId' in command ? command.interventionId : undefined;
        if (ivId && by && (resolution === 'approved' || resolution === 'denied' || resolution === 'auto') && !resolutions.has(ivId)) {
          const kind = get().queue.find((e) => e.intervention.id === ivId)?.intervention.kind ?? ('kind' in command && command.kind ? command.kind : 'help');
          remember(ivId, { laneId, kind, by, resolution, at: now() });
        }
        const fb: Feedback = { reply, until: now() + FEEDBACK_MS, ...(by ? { resolvedBy: by } : {}) };
        set({ inFlight, feedback: { ...get().feedback, [target]: fb } });
        return reply;
      },

      setLanguage(language) {
        set({ language });
        saveSettings();
      },
      setMuted(muted) {
        set({ muted });
        saveSettings();
      },
      selectLane(selectedLaneId) {
        set({ selectedLaneId });
      },
      setTab(tab) {
        set({ tab });
      },
      sweep() {
        const t = now();
        const s = get();
        const ghosts = s.ghosts.filter((g) => g.until > t);
        const fbEntries = Object.entries(s.feedback);
        const fbKept = fbEntries.filter(([, f]) => f.until > t);
        const freshEntries = Object.entries(s.fresh);
        const freshKept = freshEntries.filter(([, until]) => until > t);
        const patch: Partial<ConsoleState> = {};
        if (ghosts.length !== s.ghosts.length) patch.ghosts = ghosts;
        if (fbKept.length !== fbEntries.length) patch.feedback = Object.fromEntries(fbKept);
        if (freshKept.length !== freshEntries.length) patch.fresh = Object.fromEntries(freshKept);
        if (Object.keys(patch).length > 0) set(patch);
      },
      bus: () => bus,
    };
  });
  return store;
}
