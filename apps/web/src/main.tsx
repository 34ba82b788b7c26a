import '@utrecht/design-tokens/dist/root.css';
import './styles/index.css';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initLanguage } from './lib/i18n';

initLanguage();

const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');
createRoot(root).render(<App />);
