import '@utrecht/design-tokens/dist/root.css';
import './styles/nlds.css';
import './styles/theme.css';
import './styles/index.css';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initLanguage } from './lib/i18n';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');
// English users wait for their messages (one small chunk) instead of seeing Dutch flash by.
void initLanguage().then(() => createRoot(root).render(<App />));
