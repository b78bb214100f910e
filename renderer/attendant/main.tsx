import { createRoot } from 'react-dom/client';

/** Placeholder: the attendant console (MQTT over WebSocket) is built separately in renderer/attendant/. */
function Placeholder() {
  return (
    <main style={{ fontFamily: 'Noto Sans, DejaVu Sans, sans-serif', padding: '3rem', maxWidth: '40rem', margin: '0 auto', color: '#15201b' }}>
      <h1 style={{ color: '#0b6b4a' }}>Lane attendant console</h1>
      <p style={{ fontSize: '1.25rem' }}>The console for watching several lanes comes later.</p>
      <p style={{ fontSize: '1.25rem' }}>
        Until then, resolve interventions at the lane: tap <strong>Staff</strong>, enter your PIN and use the staff menu.
      </p>
    </main>
  );
}

const el = document.getElementById('root');
if (el) createRoot(el).render(<Placeholder />);
