import { useI18n } from '@/lib/i18n';

/** A polite loading message; screen readers announce it once. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className="loading">
      {label ?? t('app.loading')}
    </p>
  );
}
