import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n, systemLanguage } from './i18n';
import { useSettings } from './stores/settings';
import './styles.css';

const preference = useSettings.getState().language;
await initI18n(preference === 'system' ? systemLanguage() : preference);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
