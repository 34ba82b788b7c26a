import { useId, useRef, useState, type FormEvent } from 'react';
import { ESCALATION_LEVELS, KNELPUNT_TYPES, PROVINCES } from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { FilterCheckboxes, FiltersForm, type FilterChoice } from '@/components/ui/filters-form';
import { Label, Select, TextField } from '@/components/ui/form';
import { Link } from '@/components/ui/link';
import { useI18n } from '@/lib/i18n';
import {
  checkPeriod,
  countActiveFilters,
  type DashboardFilters,
  type PeriodError,
} from '../utils/dashboard-filters';

/**
 * The dashboard filters, as the api has them: period, province, woondeal region, knelpunt type and
 * current level. The URL is the state: submitting checks the period (with the api's own rule) and
 * hands new filters to the page, which writes them to the URL.
 */
export function DashboardFiltersForm({
  filters,
  regions,
  onApply,
  clearHref,
}: {
  filters: DashboardFilters;
  regions: readonly FilterChoice[];
  onApply: (filters: DashboardFilters) => void;
  clearHref: string;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const [error, setError] = useState<PeriodError | null>(null);
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const active = countActiveFilters(filters);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const from = text('from');
    const to = text('to');
    const problem = checkPeriod(from, to);
    setError(problem);
    if (problem) {
      (problem.field === 'from' ? fromRef : toRef).current?.focus();
      return;
    }
    const next: DashboardFilters = {};
    for (const name of ['province', 'knelpuntType', 'level'] as const) {
      const chosen = form.getAll(name).map(String);
      if (chosen.length > 0) next[name] = chosen;
    }
    const region = text('region');
    if (region) next.region = region;
    if (from) next.from = from;
    if (to) next.to = to;
    onApply(next);
  };

  const message = (field: 'from' | 'to') =>
    error?.field === field
      ? t(error.reason === 'order' ? 'insight.error.order' : 'insight.error.bound')
      : undefined;

  return (
    <FiltersForm
      className="insight-filters"
      title={t('insight.filters.title')}
      summary={
        active > 0 ? t('insight.filters.summaryActive', { count: active }) : t('insight.filters.summary')
      }
      open={active > 0 || error !== null}
      onSubmit={submit}
      noValidate
      actions={
        <>
          <Button type="submit" variant="secondary">
            {t('insight.filters.apply')}
          </Button>
          {active > 0 ? <Link to={clearHref}>{t('insight.filters.clear')}</Link> : null}
        </>
      }
    >
      <fieldset className="filters__group insight-filters__period">
        <legend className="form-field__label">{t('insight.filters.period')}</legend>
        <p className="form-field__hint">{t('insight.filters.period.hint')}</p>
        <div className="insight-filters__period-fields">
          <TextField
            ref={fromRef}
            id={`${id}-from`}
            name="from"
            label={t('insight.filters.from')}
            defaultValue={filters.from ?? ''}
            short
            inputMode="numeric"
            autoComplete="off"
            error={message('from')}
          />
          <TextField
            ref={toRef}
            id={`${id}-to`}
            name="to"
            label={t('insight.filters.to')}
            defaultValue={filters.to ?? ''}
            short
            inputMode="numeric"
            autoComplete="off"
            error={message('to')}
          />
        </div>
      </fieldset>
      <div className="filters__grid">
        <FilterCheckboxes
          name="province"
          legend={t('insight.filters.province')}
          selected={filters.province}
          choices={[...PROVINCES]
            .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
            .map((p) => ({ value: p.code, label: p.name }))}
        />
        <FilterCheckboxes
          name="knelpuntType"
          legend={t('insight.filters.knelpuntType')}
          selected={filters.knelpuntType}
          choices={KNELPUNT_TYPES.map((k) => ({ value: k.code, label: k[language] }))}
        />
        <FilterCheckboxes
          name="level"
          legend={t('insight.filters.level')}
          selected={filters.level}
          choices={ESCALATION_LEVELS.map((l) => ({ value: l.code, label: l[language] }))}
        />
        <div className="filters__group form-field">
          <Label htmlFor={`${id}-region`}>{t('insight.filters.region')}</Label>
          <Select
            id={`${id}-region`}
            name="region"
            defaultValue={filters.region ?? ''}
            key={`${filters.region ?? ''}-${regions.length}`}
            placeholder={t('insight.filters.region.all')}
            options={regions}
          />
        </div>
      </div>
    </FiltersForm>
  );
}
