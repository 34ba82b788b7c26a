import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initLanguage } from '@/lib/i18n';

// Route tests render the whole app; on a busy CI runner the first data can take over a second.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  document.cookie = 'doorbraak_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  void initLanguage();
});
