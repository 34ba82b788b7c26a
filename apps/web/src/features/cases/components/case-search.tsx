import { useId, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Label, Textbox } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';

/** Free-text search; the parent keeps `q` in the URL. */
export function CaseSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const id = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    onSearch(typeof value === 'string' ? value.trim() : '');
  };

  return (
    <form role="search" className="search" onSubmit={submit}>
      <Label htmlFor={id}>{t('cases.search.label')}</Label>
      <p className="form-field__hint" id={`${id}-hint`}>
        {t('cases.search.hint')}
      </p>
      <div className="search__row">
        <Textbox
          key={q}
          id={id}
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          aria-describedby={`${id}-hint`}
        />
        <Button type="submit" variant="secondary">
          {t('cases.search.submit')}
        </Button>
      </div>
    </form>
  );
}
