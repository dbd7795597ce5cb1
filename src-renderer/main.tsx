import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashHistory } from '@tanstack/react-router';
import { openDatabase } from './db/database';
import { dexieStorage } from './db/storage';
import { App } from './app/App';
import { createAppRouter } from './app/router';
import { createDatabaseSwitcher } from './data/database-switcher';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

/*
 * Entry point, identical in Electron and in a plain browser. Hash history,
 * because under app:// or file:// there is no server to answer deep paths.
 * RxDB dev-mode stays off: it loads a remote iframe, which the CSP forbids
 * and an offline device cannot reach.
 */
const storage = dexieStorage();
const databases = createDatabaseSwitcher((collections) =>
  openDatabase({ name: 'assist-ten', storage, collections, devMode: false }),
);
const router = createAppRouter(createHashHistory());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App router={router} databases={databases} />
  </StrictMode>,
);
