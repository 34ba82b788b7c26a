import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, logIn, logOut } from './support';

/*
 * The admin section (Beheer) as the demo admin: every page, one change on each of the main ones,
 * axe (WCAG 2.1 AA) on each page and on the open forms. Other roles get the not-found page.
 */
test('an admin walks through Beheer, changes something on each page, and every page passes axe', async ({
  page,
}) => {
  await logIn(page, ACCOUNTS.admin);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beheer' })).toBeFocused();
  await expectNoAxeViolations(page, 'beheer');
  const sub = page.getByRole('navigation', { name: 'Onderdelen van beheer' });

  // Organisations: filter, edit a note.
  await sub.getByRole('link', { name: 'Organisaties' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisaties' })).toBeFocused();
  await page.getByRole('searchbox', { name: 'Zoek op naam' }).fill('Liander');
  const organisations = page.getByRole('table', { name: 'Organisaties' });
  await expect(organisations.getByRole('rowheader')).toHaveText(['Liander']);
  await expectNoAxeViolations(page, 'beheer-organisaties');
  await organisations.getByRole('button', { name: 'Wijzigen Liander' }).click();
  const organisationForm = page.getByRole('form', { name: 'Liander wijzigen' });
  await organisationForm.getByLabel('Notitie').fill('Contact via het regioteam netcongestie.');
  await expectNoAxeViolations(page, 'beheer-organisaties-wijzigen');
  await organisationForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Liander is opgeslagen.' })).toBeVisible();

  // Users: a failed create shows the error summary (axe on that state too), then a role change.
  await sub.getByRole('link', { name: 'Gebruikers en rollen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gebruikers en rollen' })).toBeFocused();
  const users = page.getByRole('table', { name: 'Gebruikers' });
  await expect(users.getByRole('rowheader').first()).toBeVisible();
  await expectNoAxeViolations(page, 'beheer-gebruikers');
  await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  const createUser = page.getByRole('form', { name: 'Gebruiker toevoegen' });
  await createUser.getByRole('button', { name: 'Opslaan' }).click();
  await expect(createUser.getByRole('alert')).toContainText('Vul een geldig e-mailadres in.');
  await expectNoAxeViolations(page, 'beheer-gebruikers-fouten');
  await createUser.getByRole('button', { name: 'Annuleren' }).click();
  await page.getByRole('searchbox', { name: 'Zoek op naam of e-mailadres' }).fill('liander@demo');
  await expect(users.getByRole('rowheader')).toHaveCount(1);
  const lianderUser = users.getByRole('row').nth(1);
  await lianderUser.getByRole('button', { name: /^Wijzigen / }).click();
  const editUser = page.getByRole('form', { name: /wijzigen$/ });
  await editUser.getByRole('combobox', { name: 'Rol' }).selectOption({ label: 'Landelijk' });
  await editUser.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is opgeslagen.' })).toBeVisible();
  await expect(users.getByRole('row').nth(1)).toContainText('Landelijk');
  // Back to what the demo data says: the specs after this one log in as Liander, a party.
  await users
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Wijzigen / })
    .click();
  await page
    .getByRole('form', { name: /wijzigen$/ })
    .getByRole('combobox', { name: 'Rol' })
    .selectOption({ label: 'Partij' });
  await page
    .getByRole('form', { name: /wijzigen$/ })
    .getByRole('button', { name: 'Opslaan' })
    .click();
  await expect(users.getByRole('row').nth(1)).toContainText('Partij');

  // Regions: add a municipality to a region with the search.
  await sub.getByRole('link', { name: 'Regio’s' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Regio’s' })).toBeFocused();
  const regions = page.getByRole('table', { name: 'Regio’s' });
  await expectNoAxeViolations(page, 'beheer-regios');
  await regions
    .getByRole('button', { name: /^Wijzigen / })
    .first()
    .click();
  const regionForm = page.getByRole('form', { name: /wijzigen$/ });
  const members = regionForm.getByRole('group', { name: 'Gemeenten in deze regio' });
  await members.getByRole('searchbox', { name: 'Zoek een gemeente' }).fill('Urk');
  await expect(members.getByRole('status')).toHaveText('1 gemeente gevonden');
  await members.getByRole('checkbox', { name: /Urk/ }).check();
  await expect(members.getByRole('button', { name: 'Urk verwijderen' })).toBeVisible();
  await expectNoAxeViolations(page, 'beheer-regios-wijzigen');
  await regionForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is opgeslagen.' })).toBeVisible();
  await expect(regions).toContainText('Urk');

  // Knelpunt types: reword one.
  await sub.getByRole('link', { name: 'Typen knelpunten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Typen knelpunten' })).toBeFocused();
  const types = page.getByRole('table', { name: 'Typen knelpunten' });
  await expectNoAxeViolations(page, 'beheer-knelpunttypen');
  await types.getByRole('button', { name: 'Wijzigen Netcongestie' }).click();
  const typeForm = page.getByRole('form', { name: 'Netcongestie wijzigen' });
  await typeForm.getByLabel('Toelichting').fill('Het stroomnet zit vol; wachtrij bij de netbeheerder.');
  await typeForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Netcongestie is opgeslagen.' })).toBeVisible();

  // Deadline policies: an invalid budget is refused inline, a valid one saved.
  await sub.getByRole('link', { name: 'Termijnen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Termijnen' })).toBeFocused();
  const policies = page.getByRole('table', { name: 'Termijnen in werkdagen' });
  await expectNoAxeViolations(page, 'beheer-termijnen');
  await policies.getByRole('button', { name: 'Wijzigen Beoordeling van een melding' }).click();
  const policyForm = page.getByRole('form', { name: 'Termijn wijzigen: Beoordeling van een melding' });
  const budget = policyForm.getByLabel('Termijn (werkdagen)');
  await budget.fill('0');
  await policyForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(policyForm.getByRole('alert')).toContainText('van 1 tot en met 250');
  await expectNoAxeViolations(page, 'beheer-termijnen-fout');
  await budget.fill('6');
  await policyForm.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is opgeslagen.' })).toBeVisible();
  await expect(policies.getByRole('row', { name: /Beoordeling van een melding/ })).toContainText('6');

  // Holidays: the calendar of next year, by keyboard into the form.
  await sub.getByRole('link', { name: 'Feestdagen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feestdagen' })).toBeFocused();
  await expect(page.getByRole('table', { name: /Feestdagen in/ })).toBeVisible();
  await expectNoAxeViolations(page, 'beheer-feestdagen');
  await page.getByRole('button', { name: 'Dag toevoegen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Vrije dag toevoegen' })).toBeFocused();
  await expectNoAxeViolations(page, 'beheer-feestdagen-toevoegen');

  // Emails: the outbox with its status filter (unconfirmed and failed ones can be resent).
  await sub.getByRole('link', { name: 'E-mails' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E-mails' })).toBeFocused();
  await expect(page.getByLabel('Status')).toBeVisible();
  await expectNoAxeViolations(page, 'beheer-e-mails');

  // The audit log has the admin's changes.
  const audit = await page.request.get('/api/admin/audit-log?type=admin.&limit=200');
  const types_ = ((await audit.json()) as { items: { type: string }[] }).items.map((e) => e.type);
  expect(types_).toEqual(
    expect.arrayContaining([
      'admin.organisation.updated',
      'admin.region.updated',
      'admin.knelpunt_type.updated',
      'admin.deadline_policy.updated',
    ]),
  );
  await logOut(page);
});

test('other roles see no Beheer link and get the not-found page on its URLs', async ({ page }) => {
  await logIn(page, ACCOUNTS.coordinator);
  await expect(
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }),
  ).toHaveCount(0);
  await page.goto('/beheer/termijnen');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await expectNoAxeViolations(page, 'beheer-niet-gevonden');
});
