import { useEffect } from 'react';
import { useI18n } from '@/lib/i18n';

/** Sets the tab title: "Page | Doorbraak". */
export function DocumentTitle({ title }: { title: string }) {
  const { t } = useI18n();
  const full = `${title} | ${t('app.name')}`;
  useEffect(() => {
    document.title = full;
  }, [full]);
  return null;
}
