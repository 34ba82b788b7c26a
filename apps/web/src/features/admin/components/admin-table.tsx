import { createContext, useContext, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n';
import type { Editing } from './use-editing';

/** How many columns the table has, so an edit form can span them all. */
const ColumnCount = createContext(1);

/**
 * A scrollable, captioned data table: column headers (the last one, "Acties", is added here for
 * the edit buttons), one row header per row. Its rows are `EditableRow`s.
 */
export function AdminTable({
  id,
  caption,
  columns,
  children,
}: {
  id: string;
  caption: string;
  columns: readonly { key: string; label: string; numeric?: boolean }[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  const all = [...columns, { key: 'actions', label: t('admin.actions'), numeric: false }];
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="table" id={id}>
        <caption id={`${id}-caption`} className="table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            {all.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <ColumnCount.Provider value={all.length}>
          <tbody>{children}</tbody>
        </ColumnCount.Provider>
      </table>
    </div>
  );
}

/**
 * One row: its row header (`header`, or else `name`), its cells (`children`), then "Wijzigen";
 * while that is open, a second row under it holds `form` across all columns.
 */
export function EditableRow({
  editor,
  rowKey,
  name,
  header,
  nowrap = false,
  form,
  children,
}: {
  editor: Editing;
  rowKey: string;
  /** The row's name, read after "Wijzigen" by screen readers. */
  name: string;
  header?: ReactNode;
  /** Keep the row header on one line (a date). */
  nowrap?: boolean;
  form: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const columns = useContext(ColumnCount);
  const open = editor.editing === rowKey;
  return (
    <>
      <tr>
        <th scope="row" className={nowrap ? 'table__row-header nowrap' : 'table__row-header'}>
          {header ?? name}
        </th>
        {children}
        <td>
          {/* "Wijzigen" with the row's name for screen readers ("Wijzigen Netcongestie"). */}
          <Button variant="secondary" aria-expanded={open} onClick={() => editor.open(rowKey)}>
            {t('admin.edit')}
            <span className="visually-hidden"> {name}</span>
          </Button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={columns}>{form}</td>
        </tr>
      ) : null}
    </>
  );
}
