import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './app/App';
import { transport } from './api/transport';
import 'antd/dist/antd.css';
import './ui/global.css';

initI18n();
// Browser mode: read the token from the URL and clear it from the address bar before anything renders.
transport();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
