import { createRoot } from 'react-dom/client';
import { ClientProvider } from '../shared/ClientContext.tsx';
import { clientForWindow } from '../shared/laneClient.ts';
import { storeListeners, useLane } from '../shared/store.ts';
import { useViewPaintedEvents } from '../shared/viewEvents.ts';
import { SimulatorPanel } from './SimulatorPanel.tsx';
import './simulator.css';

const client = clientForWindow('simulator', storeListeners(useLane));
client.start();

function App() {
  const view = useLane((s) => s.view);
  const connection = useLane((s) => s.connection);
  useViewPaintedEvents(view);
  return (
    <ClientProvider value={client}>
      <SimulatorPanel view={view} connection={connection} />
    </ClientProvider>
  );
}

const el = document.getElementById('root');
if (el) createRoot(el).render(<App />);
