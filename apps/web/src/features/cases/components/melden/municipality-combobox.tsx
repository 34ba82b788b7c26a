import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { MUNICIPALITIES, PROVINCES } from '@doorbraak/domain';
import { controlClassName } from '@/components/ui/control-class-name';
import { FieldError, Label } from '@/components/ui/form';
import { useI18n } from '@/lib/i18n';

/** How many matches the list shows at once; typing more narrows it down. */
const MAX_SHOWN = 50;

interface Choice {
  code: string;
  name: string;
  province: string;
  /** Lower case without accents, for matching. */
  key: string;
}

const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

const provinceName = new Map(PROVINCES.map((p) => [p.code, p.name]));

const CHOICES: readonly Choice[] = [...MUNICIPALITIES]
  .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
  .map((m) => ({
    code: m.code,
    name: m.name,
    province: provinceName.get(m.provinceCode) ?? '',
    key: normalise(m.name),
  }));

const byCode = new Map(CHOICES.map((c) => [c.code, c]));

export function municipalityLabel(code: string): string | undefined {
  const choice = byCode.get(code);
  return choice ? `${choice.name} (${choice.province})` : undefined;
}

/** Names that start with the query first, then names that contain it; all 342 for an empty query. */
function search(query: string): Choice[] {
  const q = normalise(query);
  if (q === '') return [...CHOICES];
  const starts = CHOICES.filter((c) => c.key.startsWith(q));
  const contains = CHOICES.filter((c) => !c.key.startsWith(q) && c.key.includes(q));
  return [...starts, ...contains];
}

/**
 * The municipality as an editable combobox with a list popup (WAI-ARIA APG "combobox with list
 * autocomplete"): typing filters all 342 municipalities, arrow keys move through the list
 * (aria-activedescendant, focus stays in the text box), Enter chooses, Escape closes. The value is
 * the CBS code; typing something else clears it until a municipality is chosen again.
 */
export function MunicipalityCombobox({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useI18n();
  const listId = useId();
  const statusId = `${id}-status`;
  const [text, setText] = useState(() => byCode.get(value)?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => search(text), [text]);
  const shown = matches.slice(0, MAX_SHOWN);
  const selected = byCode.get(value);

  const choose = (choice: Choice) => {
    setText(choice.name);
    onChange(choice.code);
    setOpen(false);
    setActive(-1);
  };

  const openAt = (index: number) => {
    setOpen(true);
    setActive(shown.length === 0 ? -1 : Math.max(0, Math.min(index, shown.length - 1)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open || event.altKey) {
          const current = shown.findIndex((c) => c.code === value);
          openAt(current >= 0 ? current : 0);
        } else openAt(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) openAt(active - 1);
        else openAt(shown.length - 1);
        break;
      case 'Home':
      case 'End':
        // Inside the text box these move the caret, as usual.
        break;
      case 'Enter': {
        const choice = open && active >= 0 ? shown[active] : undefined;
        if (choice) {
          event.preventDefault(); // choose, do not submit the step
          choose(choice);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        break;
      default:
        break;
    }
  };

  const onBlur = () => {
    setOpen(false);
    setActive(-1);
    // A name typed in full (any case, accents optional) counts as chosen.
    const exact = CHOICES.find((c) => c.key === normalise(text));
    if (exact && exact.code !== value) choose(exact);
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : null, selected ? `${id}-selected` : null]
    .filter(Boolean)
    .join(' ');
  const count =
    matches.length === 0
      ? t('melden.municipality.none')
      : matches.length === 1
        ? t('melden.municipality.countOne')
        : t('melden.municipality.count', { count: matches.length });

  return (
    <div className={error ? 'form-field form-field--invalid' : 'form-field'}>
      <Label htmlFor={id}>{label}</Label>
      <p className="form-field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldError id={id} error={error} />
      <div className="melden-combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          className={controlClassName('textbox', { invalid: Boolean(error) })}
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            setOpen(true);
            setActive(-1);
            if (value && normalise(next) !== byCode.get(value)?.key) onChange('');
          }}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
        />
        <ul id={listId} role="listbox" aria-label={label} className="melden-combobox__list" hidden={!open}>
          {shown.map((choice, index) => (
            <li
              key={choice.code}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={
                index === active
                  ? 'melden-combobox__option melden-combobox__option--active'
                  : 'melden-combobox__option'
              }
              // Keep focus in the text box; the click chooses.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(choice)}
            >
              {choice.name} <span className="melden-combobox__province">{choice.province}</span>
            </li>
          ))}
        </ul>
        {open && matches.length > MAX_SHOWN ? (
          <p className="melden-combobox__more">
            {t('melden.municipality.more', { count: matches.length - MAX_SHOWN })}
          </p>
        ) : null}
      </div>
      <p id={statusId} className="visually-hidden" role="status">
        {open ? count : ''}
      </p>
      {selected ? (
        <p className="form-field__hint melden-combobox__selected" id={`${id}-selected`}>
          {t('melden.municipality.selected', { name: selected.name, province: selected.province })}
        </p>
      ) : null}
    </div>
  );
}
