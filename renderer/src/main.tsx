import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { I18nProvider } from './i18n/i18n.js';
import { connectKioskClient } from './kioskClient.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App client={connectKioskClient()} />
    </I18nProvider>
  </StrictMode>,
);
