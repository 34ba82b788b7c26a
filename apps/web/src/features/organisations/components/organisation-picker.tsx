import { useState } from 'react';
import { PARTY_TYPES, type Organisation } from '@doorbraak/domain';
import { FieldError, FormFieldset, Label, Select, Textbox } from '@/components/ui/form';
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
    <FormFieldset id={id} label={label} invalid={Boolean(error)} className="organisation-picker">
      <div className="organisation-picker__filters">
        <div className="form-field form-field--nested">
          <Label className="form-field__label--small" htmlFor={`${id}-search`}>
            {t('organisations.search')}
          </Label>
          <Textbox
            id={`${id}-search`}
            type="search"
            value={q}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setQ(event.target.value)}
          />
        </div>
        <div className="form-field form-field--nested">
          <Label className="form-field__label--small" htmlFor={`${id}-type`}>
            {t('organisations.type')}
          </Label>
          <Select
            id={`${id}-type`}
            value={type}
            placeholder={t('organisations.type.all')}
            options={PARTY_TYPES.map((partyType) => ({ value: partyType.code, label: partyType[language] }))}
            onChange={(event) => setType(event.target.value)}
          />
        </div>
      </div>
      <p id={`${id}-status`} role="status" className="form-field__hint">
        {status}
      </p>
      <FieldError id={id} error={error} />
      <Label className="form-field__label--small" htmlFor={id}>
        {t('organisations.choose')}
      </Label>
      <Select
        id={id}
        value={value}
        invalid={Boolean(error)}
        aria-describedby={describedBy}
        onBlur={onBlur}
        onChange={(event) => {
          const next = event.target.value;
          setChosen(options.find((o) => o.id === next) ?? null);
          onChange(next);
        }}
        placeholder={t('organisations.placeholder')}
        options={options.map((organisation) => ({
          value: organisation.id,
          label:
            organisation.shortName && organisation.shortName !== organisation.name
              ? `${organisation.name} (${organisation.shortName})`
              : organisation.name,
        }))}
      />
    </FormFieldset>
  );
}
