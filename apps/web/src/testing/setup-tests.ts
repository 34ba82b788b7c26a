import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initLanguage } from '@/lib/i18n';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.cookie = 'doorbraak_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  initLanguage();
});
