import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider } from './i18n/i18n.js';
import { connectKioskClient } from './kioskClient.js';
import { routeForPath } from './routes.js';
import './styles.css';

// Staff stations are separate chunks: the visitor kiosk never downloads them.
const StationApp = lazy(() => import('./stations/StationApp.js'));

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
const route = routeForPath(window.location.pathname);
document.documentElement.dataset.route = route;

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      {route === 'kiosk' ? (
        <App client={connectKioskClient()} />
      ) : (
        <Suspense fallback={<p className="station-loading">Memuat… / Loading…</p>}>
          <StationApp route={route} />
        </Suspense>
      )}
    </I18nProvider>
  </StrictMode>,
);
