import { useId, useState } from 'react';
import { PROVINCES } from '@doorbraak/domain';
import { Button } from '@/components/ui/button';
import { Choice, FormFieldset, Label, Textbox } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';
import type { MunicipalityOption } from '../api/get-municipalities';

const provinceNames = new Map(PROVINCES.map((p) => [p.code, p.name]));

/**
 * Choose any number of the 342 municipalities: a search box narrows a list of checkboxes (native
 * controls, so keyboard and screen readers work as usual), a live status says how many match, and
 * the chosen ones are listed with a remove button each. The first checkbox carries `id` (or the
 * search box when nothing matches), so an error summary can link here.
 */
export function MunicipalityMultiSelect({
  id,
  label,
  municipalities,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  municipalities: readonly MunicipalityOption[];
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: string | undefined;
}) {
  const { t, formatNumber } = useI18n();
  const [q, setQ] = useState('');
  const uid = useId();
  const needle = q.trim().toLocaleLowerCase('nl');
  const found = needle
    ? municipalities.filter(
        (m) =>
          m.name.toLocaleLowerCase('nl').includes(needle) ||
          (provinceNames.get(m.provinceCode) ?? '').toLocaleLowerCase('nl').startsWith(needle),
      )
    : municipalities;
  const chosen = new Set(value);
  const names = new Map(municipalities.map((m) => [m.code, m.name]));
  const chosenSorted = [...value].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'nl'));
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...value, code] : value.filter((c) => c !== code));
  const status =
    found.length === 0
      ? t('admin.regions.municipalities.found.none')
      : found.length === 1
        ? t('admin.regions.municipalities.found.one')
        : t('admin.regions.municipalities.found', { count: formatNumber(found.length) });
  const searchId = found.length === 0 ? id : `${id}-search`;

  return (
    <FormFieldset
      id={id}
      label={label}
      hint={t('admin.regions.municipalities.hint', { count: formatNumber(municipalities.length) })}
      error={error}
      className="municipality-select"
    >
      <div className="municipality-select__columns">
        <div>
          <Label htmlFor={searchId}>{t('admin.regions.municipalities.search')}</Label>
          <Textbox
            id={searchId}
            type="search"
            value={q}
            autoComplete="off"
            aria-controls={`${uid}-list`}
            aria-describedby={`${uid}-status`}
            onChange={(event) => setQ(event.target.value)}
          />
          <p id={`${uid}-status`} role="status" className="form-field__hint">
            {status}
          </p>
          <div
            id={`${uid}-list`}
            className="municipality-select__list"
            role="group"
            aria-label={t('admin.regions.municipalities.search')}
          >
            {found.map((m, index) => {
              const optionId = index === 0 ? id : `${id}-${m.code}`;
              return (
                <Choice
                  key={m.code}
                  id={optionId}
                  type="checkbox"
                  label={
                    <>
                      {m.name}{' '}
                      <span className="municipality-select__province">
                        ({provinceNames.get(m.provinceCode)})
                      </span>
                    </>
                  }
                  checked={chosen.has(m.code)}
                  onChange={(event) => toggle(m.code, event.target.checked)}
                />
              );
            })}
          </div>
        </div>
        <div>
          <h3 className="form-field__label" id={`${uid}-chosen`}>
            {t('admin.regions.municipalities.chosenList')} ({formatNumber(value.length)})
          </h3>
          {chosenSorted.length === 0 ? (
            <p>{t('admin.regions.municipalities.noneChosen')}</p>
          ) : (
            <ul className="municipality-select__chosen" aria-labelledby={`${uid}-chosen`}>
              {chosenSorted.map((code) => (
                <li key={code}>
                  <span>{names.get(code) ?? code}</span>{' '}
                  <Button variant="subtle" onClick={() => toggle(code, false)}>
                    {t('admin.regions.municipalities.remove', { name: names.get(code) ?? code })}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </FormFieldset>
  );
}
