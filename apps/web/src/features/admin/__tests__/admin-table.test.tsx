import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import '@/lib/i18n/messages.admin';
import { AddNew, SavedMessage } from '../components/admin-list';
import { AdminTable, EditableRow } from '../components/admin-table';
import { useEditing, type Editing } from '../components/use-editing';

const rows = [
  { id: 'a', name: 'Liander' },
  { id: 'b', name: 'Stedin' },
];

function FakeForm({ editor, name }: { editor: Editing; name: string }) {
  return (
    <div role="group" aria-label={`formulier ${name}`}>
      <button type="button" onClick={() => editor.done(`${name} is opgeslagen.`)}>
        Klaar
      </button>
      <button type="button" onClick={editor.cancel}>
        Annuleren
      </button>
    </div>
  );
}

function Harness() {
  const editor = useEditing();
  return (
    <>
      <SavedMessage editor={editor} />
      <AddNew editor={editor} label="Toevoegen" form={<FakeForm editor={editor} name="nieuw" />} />
      <AdminTable
        id="things"
        caption="Dingen"
        columns={[
          { key: 'name', label: 'Naam' },
          { key: 'n', label: 'Aantal', numeric: true },
        ]}
      >
        {rows.map((row) => (
          <EditableRow
            key={row.id}
            editor={editor}
            rowKey={row.id}
            name={row.name}
            form={<FakeForm editor={editor} name={row.name} />}
          >
            <td className="numeric">1</td>
          </EditableRow>
        ))}
      </AdminTable>
    </>
  );
}

describe('the admin table and its edit rows', () => {
  it('has column headers with "Acties" last, one row header per row and a named edit button', () => {
    render(<Harness />);
    const table = screen.getByRole('table', { name: 'Dingen' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Naam', 'Aantal', 'Acties']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Liander', 'Stedin']);
    expect(screen.getByRole('region', { name: 'Dingen' })).toHaveAttribute('tabindex', '0');
    expect(screen.getByRole('button', { name: 'Wijzigen Liander' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('opens the form in a row across all columns; cancel returns focus to the button that opened it', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const edit = screen.getByRole('button', { name: 'Wijzigen Stedin' });
    await user.click(edit);
    expect(edit).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('group', { name: 'formulier Stedin' });
    expect(form.closest('td')).toHaveAttribute('colspan', '3');
    expect(screen.queryByRole('group', { name: 'formulier Liander' })).not.toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Annuleren' }));
    expect(screen.queryByRole('group', { name: 'formulier Stedin' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Wijzigen Stedin' })).toHaveFocus());
  });

  it('a save closes the form and the message takes focus; "add" opens the create form', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const add = screen.getByRole('button', { name: 'Toevoegen' });
    await user.click(add);
    expect(add).toHaveAttribute('aria-expanded', 'true');
    await user.click(
      within(screen.getByRole('group', { name: 'formulier nieuw' })).getByRole('button', { name: 'Klaar' }),
    );
    expect(screen.queryByRole('group', { name: 'formulier nieuw' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('status')).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('nieuw is opgeslagen.');
  });
});
