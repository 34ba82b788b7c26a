import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/loading';
import { describeRequestError } from '@/lib/form-errors';
import { useI18n } from '@/lib/i18n';
import type { Editing } from './use-editing';

/** The list once it is there; before that a loading message, or the error as a sentence. */
export function AdminQuery<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.isPending) return <Loading label={t('admin.loading')} />;
  if (query.isError) return <Alert>{describeRequestError(query.error, t)}</Alert>;
  return <>{children(query.data)}</>;
}

/** The message after a save; it takes focus, since the form that had it is gone. */
export function SavedMessage({ editor }: { editor: Editing }) {
  return editor.saved ? (
    <Alert type="info" focus>
      {editor.saved}
    </Alert>
  ) : null;
}

/** The "add" button and, while it is open, the create form under it. */
export function AddNew({ editor, label, form }: { editor: Editing; label: string; form: ReactNode }) {
  const open = editor.editing === 'new';
  return (
    <>
      <p>
        <Button variant="secondary" aria-expanded={open} onClick={() => editor.open('new')}>
          {label}
        </Button>
      </p>
      {open ? form : null}
    </>
  );
}
