import type { ReactNode } from 'react';

/** A scrollable, captioned data table: column headers, one row header per row. */
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
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="table" id={id}>
        <caption id={`${id}-caption`} className="table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** "Wijzigen" with the row's name for screen readers ("Wijzigen Netcongestie"). */
export function EditButton({
  name,
  expanded,
  onClick,
  label,
}: {
  name: string;
  expanded: boolean;
  onClick: () => void;
  label: string;
}) {
  return (
    <button type="button" className="button button--secondary" aria-expanded={expanded} onClick={onClick}>
      {label}
      <span className="visually-hidden"> {name}</span>
    </button>
  );
}
