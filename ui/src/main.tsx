// The admin GUI's entry point.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>Pitstop admin</main>
  </StrictMode>,
);
