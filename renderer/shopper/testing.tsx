import { render, type RenderResult } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import type { AttendantCommand, ShopperIntent } from '../../contracts/intents.ts';
import type { CatalogueQuery, SimAction } from '../../contracts/protocol.ts';
import type { LaneView } from '../../contracts/view.ts';
import { createI18n } from '../shared/i18n/index.ts';
import type { LaneActions, Reply } from '../shared/laneClient.ts';
import { initialLaneState, useLane } from '../shared/store.ts';
import { ShopperApp } from './App.tsx';
import { usePrefs } from './prefs.ts';

export interface MockClient extends LaneActions {
  intent: Mock<(i: ShopperIntent) => Promise<Reply>>;
  command: Mock<(c: AttendantCommand, pin?: string) => Promise<Reply>>;
  query: Mock<(q: CatalogueQuery) => Promise<Reply>>;
  sim: Mock<(a: SimAction) => Promise<Reply>>;
}

/** A client whose every call resolves `ok`; `query` answers with `queryValue(q)`. */
export function mockClient(queryValue: (q: CatalogueQuery) => unknown = () => []): MockClient {
  return {
    intent: vi.fn((_: ShopperIntent) => Promise.resolve<Reply>({ ok: true, value: undefined })),
    command: vi.fn((_: AttendantCommand, __?: string) => Promise.resolve<Reply>({ ok: true, value: undefined })),
    query: vi.fn((q: CatalogueQuery) => Promise.resolve<Reply>({ ok: true, value: queryValue(q) })),
    sim: vi.fn((_: SimAction) => Promise.resolve<Reply>({ ok: true, value: undefined })),
  };
}

/** Renders the whole shopper app showing `view`, as if the lane had just pushed it. */
export function renderView(view: LaneView, options: { client?: MockClient; connected?: boolean } = {}): RenderResult & { client: MockClient } {
  const client = options.client ?? mockClient();
  usePrefs.getState().reset();
  useLane.setState({ ...initialLaneState, view, viewReceivedAt: performance.now(), connected: options.connected ?? true, connection: options.connected === false ? 'closed' : 'open' });
  const result = render(<ShopperApp client={client} i18n={createI18n('en')} />);
  return { ...result, client };
}

/** Intents sent so far, in order. */
export const sentIntents = (client: MockClient): ShopperIntent[] => client.intent.mock.calls.map((c) => c[0]);
