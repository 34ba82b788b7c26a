import type { ReactNode } from 'react';
import { DocumentTitle } from '@/components/ui/document-title';
import { PageHeading } from '@/components/ui/heading';
import { useI18n, type MessageKey } from '@/lib/i18n';

/** The head of an admin page: title "<part> – Beheer", the h1, and an introduction. */
export function AdminPage({
  title,
  intro,
  children,
}: {
  title: MessageKey;
  intro: MessageKey;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <DocumentTitle title={`${t(title)} – ${t('admin.title')}`} />
      <PageHeading>{t(title)}</PageHeading>
      <p className="narrow">{t(intro)}</p>
      {children}
    </>
  );
}
