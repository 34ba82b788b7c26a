import { useI18n } from '@/lib/i18n';

/** Sets the tab title (React 19 hoists `<title>` into the head). */
export function DocumentTitle({ title }: { title: string }) {
  const { t } = useI18n();
  return <title>{`${title} | ${t('app.name')}`}</title>;
}
