import { useState } from 'react';
import { PARTY_TYPES, type Organisation } from '@doorbraak/domain';
import { FieldError } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';
import type { OrganisationFieldProps } from '@/lib/organisation-field';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useOrganisations } from '../api/get-organisations';

/**
 * Pick an organisation from GET /api/organisations: narrow the list by name and by kind, then
 * choose in a plain select (keyboard and screen reader friendly, no custom combobox).
 */
export function OrganisationPicker({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  excludeIds = [],
}: OrganisationFieldProps) {
  const { t, language } = useI18n();
  const [q, setQ] = useState('');
  const [type, setType] = useState('');
  const [chosen, setChosen] = useState<Organisation | null>(null);
  const search = useDebouncedValue(q.trim(), 250);
  const organisationsQuery = useOrganisations({ q: search || undefined, type: type || undefined });

  const found = (organisationsQuery.data ?? []).filter((o) => !excludeIds.includes(o.id));
  // The chosen organisation stays selectable while the user searches for something else.
  const options =
    chosen && value === chosen.id && !found.some((o) => o.id === chosen.id) ? [chosen, ...found] : found;

  const status = organisationsQuery.isPending
    ? t('organisations.loading')
    : organisationsQuery.isError
      ? t('organisations.error')
      : found.length === 0
        ? t('organisations.none')
        : found.length === 1
          ? t('organisations.count.one')
          : t('organisations.count', { count: found.length });

  const describedBy = [`${id}-status`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={
        error ? 'form-field form-field--invalid organisation-picker' : 'form-field organisation-picker'
      }
    >
      <legend className="form-field__label">{label}</legend>
      <div className="organisation-picker__filters">
        <div className="form-field form-field--nested">
          <label className="form-field__label form-field__label--small" htmlFor={`${id}-search`}>
            {t('organisations.search')}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            className="text-input"
            value={q}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setQ(event.target.value)}
          />
        </div>
        <div className="form-field form-field--nested">
          <label className="form-field__label form-field__label--small" htmlFor={`${id}-type`}>
            {t('organisations.type')}
          </label>
          <select
            id={`${id}-type`}
            className="select"
            value={type}
            onChange={(event) => setType(event.target.value)}
          >
            <option value="">{t('organisations.type.all')}</option>
            {PARTY_TYPES.map((partyType) => (
              <option key={partyType.code} value={partyType.code}>
                {partyType[language]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={`${id}-status`} role="status" className="form-field__hint">
        {status}
      </p>
      <FieldError id={id} error={error} />
      <label className="form-field__label form-field__label--small" htmlFor={id}>
        {t('organisations.choose')}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onBlur={onBlur}
        onChange={(event) => {
          const next = event.target.value;
          setChosen(options.find((o) => o.id === next) ?? null);
          onChange(next);
        }}
      >
        <option value="">{t('organisations.placeholder')}</option>
        {options.map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.shortName && organisation.shortName !== organisation.name
              ? `${organisation.name} (${organisation.shortName})`
              : organisation.name}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
