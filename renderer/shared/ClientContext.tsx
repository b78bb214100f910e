import { createContext, useContext } from 'react';
import type { LaneActions } from './laneClient.ts';

const noClient: LaneActions = {
  intent: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'no lane client' } }),
  command: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'no lane client' } }),
  query: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'no lane client' } }),
  sim: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'no lane client' } }),
};

export const ClientContext = createContext<LaneActions>(noClient);
export const ClientProvider = ClientContext.Provider;
export const useClient = (): LaneActions => useContext(ClientContext);
