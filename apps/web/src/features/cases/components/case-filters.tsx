import { useId, type FormEvent } from 'react';
import {
  CASE_SORTS,
  CASE_STATUSES,
  ESCALATION_LEVELS,
  KNELPUNT_TYPES,
  PROVINCES,
  type CaseSort,
} from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { FilterCheckboxes, FiltersForm } from '@/components/ui/filters-form';
import { Choice, InlineSelectField } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { paths } from '@/config/paths';
import { useI18n } from '@/lib/i18n';
import type { CaseListFilters } from '../api/query-keys';
import {
  countActiveFilters,
  DEFAULT_SORT,
  SAVED_VIEWS,
  searchFromFilters,
  type ListField,
} from '../utils/list-filters';
import { knelpuntLabel, statusLabel } from './labels';

/** Saved views as links (they are just URLs); the one on screen has `aria-current`. */
export function SavedViews({ filters }: { filters: CaseListFilters }) {
  const { t } = useI18n();
  const current = searchFromFilters({ ...filters, q: undefined, sort: undefined });
  const views = [{ id: 'all' as const, filters: {} }, ...SAVED_VIEWS];
  return (
    <nav className="saved-views" aria-label={t('cases.views')}>
      <ul className="saved-views__list">
        {views.map((view) => {
          const search = searchFromFilters(view.filters);
          return (
            <li key={view.id}>
              <Link
                to={paths.cases.list.getHref(search)}
                className="saved-views__link"
                aria-current={search === current ? 'page' : undefined}
              >
                {t(`cases.views.${view.id}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * Filters and sort for the case list. The URL is the state: submitting builds new filters from
 * the form and the parent writes them to the URL (the form is re-created from the URL after).
 */
export function CaseFilters({
  filters,
  onApply,
}: {
  filters: CaseListFilters;
  onApply: (filters: CaseListFilters) => void;
}) {
  const { t, language } = useI18n();
  const sortId = useId();
  const active = countActiveFilters(filters);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = (name: ListField) => form.getAll(name).map(String);
    const next: CaseListFilters = { q: filters.q };
    for (const name of ['status', 'knelpuntType', 'province', 'level'] as const) {
      const chosen = values(name);
      if (chosen.length > 0) next[name] = chosen;
    }
    if (form.get('overdue') === 'true') next.overdue = true;
    const chosenSort = form.get('sort');
    const sort = typeof chosenSort === 'string' && chosenSort ? (chosenSort as CaseSort) : DEFAULT_SORT;
    if (sort !== DEFAULT_SORT) next.sort = sort;
    onApply(next);
  };

  return (
    <FiltersForm
      title={t('cases.filters.title')}
      summary={active > 0 ? t('cases.filters.summaryActive', { count: active }) : t('cases.filters.summary')}
      open={active > 0}
      onSubmit={submit}
      actions={
        <>
          <InlineSelectField
            id={sortId}
            label={t('cases.sort')}
            name="sort"
            defaultValue={filters.sort ?? DEFAULT_SORT}
            options={CASE_SORTS.map((sort) => ({ value: sort, label: t(`cases.sort.${sort}`) }))}
          />
          <Button type="submit" variant="secondary">
            {t('cases.filters.apply')}
          </Button>
          {active > 0 || filters.sort ? (
            <Link to={paths.cases.list.getHref(searchFromFilters({ q: filters.q }))}>
              {t('cases.filters.clear')}
            </Link>
          ) : null}
        </>
      }
    >
      <div className="filters__grid">
        <FilterCheckboxes
          name="status"
          legend={t('cases.filters.status')}
          selected={filters.status}
          choices={CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, language) }))}
        />
        <FilterCheckboxes
          name="knelpuntType"
          legend={t('cases.filters.knelpuntType')}
          selected={filters.knelpuntType}
          choices={KNELPUNT_TYPES.map((k) => ({ value: k.code, label: knelpuntLabel(k.code, language) }))}
        />
        <FilterCheckboxes
          name="province"
          legend={t('cases.filters.province')}
          selected={filters.province}
          choices={[...PROVINCES]
            .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
            .map((p) => ({ value: p.code, label: p.name }))}
        />
        <FilterCheckboxes
          name="level"
          legend={t('cases.filters.level')}
          selected={filters.level}
          choices={ESCALATION_LEVELS.map((l) => ({ value: l.code, label: l[language] }))}
        />
        <fieldset className="filters__group">
          <legend className="form-field__label">{t('cases.filters.deadlines')}</legend>
          <Choice
            id={`${sortId}-overdue`}
            type="checkbox"
            name="overdue"
            value="true"
            label={t('cases.filters.overdue')}
            defaultChecked={filters.overdue ?? false}
          />
        </fieldset>
      </div>
    </FiltersForm>
  );
}
