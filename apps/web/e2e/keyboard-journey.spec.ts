import { expect, test, type Locator, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, expectNoAxeViolations, isoDay, parseDutchNumber } from './support';

/**
 * The main journey with the keyboard only: Tab and Shift+Tab to move, Enter and Space to act,
 * arrow keys in radio groups, lists and the combobox, typing into the focused field. No mouse, no
 * element.click(), no fill(): every control is reached by Tab from where focus was, and the
 * controls that matter show a visible focus indicator when they get there.
 */
test.describe.configure({ mode: 'serial' });

const projectName = `Toetsenbord Havenkwartier ${Date.now()}`;
let detailUrl = '';

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Press Tab (or Shift+Tab) until `target` has focus; fails when it cannot be reached that way. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 250 } = {}) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reachable with ${backwards ? 'Shift+Tab' : 'Tab'}: ${target.toString()}`);
}

/** The focused control shows it: :focus-visible matches and draws an outline or a ring. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const style = await target.evaluate((el) => {
    const computed = getComputedStyle(el);
    return {
      focusVisible: el.matches(':focus-visible'),
      outline: computed.outlineStyle !== 'none' && parseFloat(computed.outlineWidth) >= 2,
      ring: computed.boxShadow !== 'none',
    };
  });
  expect(style.focusVisible, `${target.toString()} matches :focus-visible`).toBe(true);
  expect(style.outline || style.ring, `${target.toString()} shows an outline or ring`).toBe(true);
}

/** Tab to a control and activate it with Enter (buttons, links) after checking its focus is visible. */
async function activate(page: Page, target: Locator, options: { backwards?: boolean } = {}) {
  await tabTo(page, target, options);
  await expectVisibleFocus(target);
  await page.keyboard.press('Enter');
}

/** Tab to a text field and type into it. */
async function typeInto(page: Page, target: Locator, text: string) {
  await tabTo(page, target);
  await expectVisibleFocus(target);
  await page.keyboard.type(text);
}

/**
 * A date field, typed part by part (Chromium moves to the next part by itself). The order of the
 * parts follows the browser's own locale, not the page's: month first (en-US) is tried first, and
 * if that is not it, Shift+Tab goes back to the first part to type day first (nl-NL).
 */
async function typeDate(page: Page, target: Locator, iso: string) {
  const [year, month, day] = iso.split('-');
  await tabTo(page, target);
  await expectVisibleFocus(target);
  await page.keyboard.type(`${month}${day}${year}`);
  if ((await target.inputValue()) !== iso) {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type(`${day}${month}${year}`);
  }
  await expect(target).toHaveValue(iso);
}

/**
 * A native select: Tab to it and type the start of the option (type-ahead), as people do; only
 * the first word, as a space would open the list.
 */
async function choose(page: Page, select: Locator, label: string) {
  await tabTo(page, select);
  await expectVisibleFocus(select);
  await page.keyboard.type(label.split(' ')[0] ?? label);
  await expect(select.locator('option:checked')).toHaveText(label);
}

async function logIn(page: Page, email: string) {
  await page.goto('/inloggen');
  await expect(page.getByLabel('E-mailadres')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await typeInto(page, page.getByLabel('E-mailadres'), email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Wachtwoord')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dossiers$/);
}

async function logOut(page: Page) {
  await activate(page, page.getByRole('button', { name: 'Uitloggen' }));
  await expect(page).toHaveURL(/\/inloggen/);
}

async function openCase(page: Page, email: string) {
  await logIn(page, email);
  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeVisible();
}

test('the municipality reports the knelpunt through the Melden steps', async ({ page }) => {
  await logIn(page, ACCOUNTS.barendrecht);
  await activate(
    page,
    page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Nieuw knelpunt melden' }),
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw knelpunt melden' })).toBeFocused();
  const next = page.getByRole('button', { name: 'Volgende stap' });
  const stepHeading = (number: number, title: string) =>
    page.getByRole('heading', { level: 2, name: `Stap ${number} van 6 ${title}` });

  // 1 Project: Enter in the text box submits the step too early; the error summary takes focus.
  await tabTo(page, page.getByRole('textbox', { name: 'Projectnaam' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.error-summary')).toBeFocused();
  await page.keyboard.press('Tab');
  const errorLink = page.getByRole('link', { name: 'Vul de projectnaam in.' });
  await expectVisibleFocus(errorLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Projectnaam' })).toBeFocused();
  await page.keyboard.type(projectName);
  // The programme is a radio group: Tab lands on the checked one, arrows choose.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Geen' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Regionaal grootschalige locatie' })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Doorbraaklocatie' })).toBeChecked();
  await activate(page, next);

  // 2 Municipality: the heading has focus; the combobox is operated with typing and arrows.
  await expect(stepHeading(2, 'Gemeente')).toBeFocused();
  const combobox = page.getByRole('combobox', { name: 'Gemeente' });
  await tabTo(page, combobox);
  await expectVisibleFocus(combobox);
  await expect(combobox).toHaveValue('Barendrecht');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('baren');
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const active = page.getByRole('option', { name: /^Barendrecht/ });
  await expect(combobox).toHaveAttribute('aria-activedescendant', (await active.getAttribute('id')) ?? '');
  await expect(active).toHaveCSS('outline-style', 'solid');
  await expectNoAxeViolations(page, 'keyboard Melden combobox open');
  await page.keyboard.press('Enter');
  await expect(combobox).toHaveValue('Barendrecht');
  await expect(combobox).toHaveAttribute('aria-expanded', 'false');
  await activate(page, next);

  // 3 Homes: Enter in the field goes to the next step.
  await expect(stepHeading(3, 'Woningen')).toBeFocused();
  await typeInto(page, page.getByRole('textbox', { name: 'Aantal woningen' }), '1500');
  await page.keyboard.press('Enter');

  // 4 Knelpunt: Space ticks a checkbox.
  await expect(stepHeading(4, 'Knelpunt')).toBeFocused();
  await tabTo(page, page.getByRole('checkbox', { name: 'Netcongestie' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Netcongestie' })).toBeChecked();
  await typeInto(
    page,
    page.getByRole('textbox', { name: /Toelichting/ }),
    'Geen netaansluiting voor de eerste fase.',
  );
  await activate(page, next);

  // 5 Attachments: Space on the file input opens the file chooser.
  await expect(stepHeading(5, 'Bijlagen')).toBeFocused();
  const fileInput = page.getByLabel(/Bestanden kiezen/);
  await tabTo(page, fileInput);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({
    name: 'planning.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Fase 1: 300 woningen, start bouw zodra de aansluiting er is.\n'),
  });
  await expect(page.getByRole('list', { name: 'Gekozen bestanden' })).toContainText('planning.txt');
  await activate(page, next);

  // 6 Summary: Back with Shift+Tab keeps everything; then submit.
  await expect(stepHeading(6, 'Controleren en versturen')).toBeFocused();
  await expect(page.getByRole('definition').filter({ hasText: projectName })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Doorbraaklocatie' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '1.500' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'planning.txt' })).toBeVisible();
  await activate(page, page.getByRole('button', { name: 'Wijzigen: Aantal woningen' }));
  await expect(stepHeading(3, 'Woningen')).toBeFocused();
  await expect(page.getByRole('textbox', { name: 'Aantal woningen' })).toHaveValue('1500');
  for (let step = 4; step <= 6; step += 1) await activate(page, next);
  await expect(stepHeading(6, 'Controleren en versturen')).toBeFocused();
  await expectNoAxeViolations(page, 'keyboard Melden summary');
  await activate(page, page.getByRole('button', { name: 'Knelpunt melden' }));

  // The file is uploaded after the case exists; then the case opens.
  await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
  detailUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeFocused();
  await expect(
    page.getByRole('region', { name: 'Bijlagen' }).getByRole('link', { name: 'planning.txt' }),
  ).toBeVisible();
  await logOut(page);
});

test('the coordinator accepts it and assigns Liander with a due date', async ({ page }) => {
  await openCase(page, ACCOUNTS.coordinator);
  const status = page.getByRole('region', { name: 'Status' });
  await activate(page, status.getByRole('button', { name: 'Status wijzigen naar Geaccepteerd' }));
  await expect(status.getByText('De status is gewijzigd naar Geaccepteerd.')).toBeVisible();
  await activate(page, status.getByRole('button', { name: 'Status wijzigen naar In behandeling' }));
  await expect(status.getByText('De status is gewijzigd naar In behandeling.')).toBeVisible();

  const parties = page.getByRole('region', { name: 'Partijen en acties' });
  await activate(page, parties.getByRole('button', { name: 'Partij toevoegen' }));
  const form = parties.getByRole('form', { name: 'Partij toevoegen' });
  await typeInto(page, form.getByRole('searchbox', { name: 'Zoek op naam' }), 'Liander');
  await expect(form.getByText('1 organisatie gevonden.')).toBeVisible();
  await choose(page, form.getByRole('combobox', { name: 'Kies uit de gevonden organisaties' }), 'Liander');
  await choose(page, form.getByRole('combobox', { name: 'Rol' }), 'Trekker');
  await typeInto(
    page,
    form.getByRole('textbox', { name: 'Gevraagde actie' }),
    'Onderzoek netbewust aansluiten voor de eerste 300 woningen.',
  );
  await typeInto(
    page,
    form.getByRole('textbox', { name: 'E-mailadres contactpersoon 1' }),
    'netcongestie@liander.example',
  );
  await typeDate(page, form.getByLabel(/Uiterste datum/), isoDay(21));
  await expectNoAxeViolations(page, 'keyboard add party form');
  await activate(page, form.getByRole('button', { name: 'Toevoegen aan dossier' }));

  await expect(parties.getByText('Liander is toegevoegd.')).toBeVisible();
  const card = parties.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Liander' }) });
  await expect(card.getByText('Onderzoek netbewust aansluiten voor de eerste 300 woningen.')).toBeVisible();
  await logOut(page);
});

test('Liander updates its action', async ({ page }) => {
  await openCase(page, ACCOUNTS.liander);
  const parties = page.getByRole('region', { name: 'Partijen en acties' });
  const form = parties.getByRole('form', { name: 'Voortgang melden' });
  await choose(page, form.getByRole('combobox', { name: 'Status van de actie' }), 'Bezig');
  await typeInto(
    page,
    form.getByRole('textbox', { name: /Voortgang/ }),
    'Netbewust aansluiten is haalbaar met een buurtbatterij; offerte volgt.',
  );
  await activate(page, form.getByRole('button', { name: 'Voortgang opslaan' }));
  await expect(parties.getByText('Uw voortgang is opgeslagen.')).toBeVisible();
  await expect(parties.getByRole('definition').filter({ hasText: /^Bezig$/ })).toBeVisible();
  await logOut(page);
});

test('the coordinator escalates to the Landelijke versnellingstafel', async ({ page }) => {
  await openCase(page, ACCOUNTS.coordinator);
  const ladder = page.getByRole('region', { name: 'Ladder' });
  await activate(page, ladder.getByRole('button', { name: 'Opschalen' }));
  const form = ladder.getByRole('form', { name: 'Opschalen' });
  await choose(page, form.getByRole('combobox', { name: 'Naar niveau' }), 'Landelijke versnellingstafel');
  await typeInto(
    page,
    form.getByRole('textbox', { name: 'Vraag aan dat niveau' }),
    'Kan het Rijk met Liander en TenneT voorrang regelen voor deze aansluiting?',
  );
  await typeDate(page, form.getByLabel(/Besluit gewenst voor/), isoDay(14));
  await activate(page, form.getByRole('button', { name: 'Opschaling versturen' }));
  await expect(
    ladder.getByText('Het dossier is opgeschaald naar Landelijke versnellingstafel.'),
  ).toBeVisible();
  await expect(ladder.locator('[aria-current="step"]')).toContainText('Landelijke versnellingstafel');
  await expect(page.locator('.case-status-line')).toContainText('Status: Opgeschaald');
  await logOut(page);
});

test('the coordinator records a breakthrough of 1.200 homes; the Doorbraken total shows it', async ({
  page,
}) => {
  await logIn(page, ACCOUNTS.coordinator);
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await activate(page, nav.getByRole('link', { name: 'Doorbraken' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Doorbraken' })).toBeFocused();
  const totalFigure = page.locator('.key-figure').filter({ hasText: 'woningen vrijgespeeld' });
  const before = parseDutchNumber((await totalFigure.locator('.key-figure__value').textContent()) ?? '');

  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeVisible();
  const section = page.getByRole('region', { name: 'Doorbraak' });
  await activate(page, section.getByRole('button', { name: 'Doorbraak vastleggen' }));
  const form = section.getByRole('form', { name: 'Doorbraak vastleggen' });
  await expect(form.getByLabel('Datum van de doorbraak')).toHaveValue(isoDay(0));
  await typeInto(page, form.getByRole('textbox', { name: 'Vrijgespeelde woningen' }), '1.200');
  await choose(page, form.getByRole('combobox', { name: 'Soort oplossing' }), 'Lokale netoplossing');
  await typeInto(
    page,
    form.getByRole('textbox', { name: 'Wat heeft het opgelost?' }),
    'Netbewust aansluiten met een buurtbatterij; Liander sluit de eerste 1.200 woningen aan.',
  );
  await tabTo(page, form.getByRole('checkbox', { name: 'Liander' }));
  await page.keyboard.press('Space');
  await expect(form.getByRole('checkbox', { name: 'Liander' })).toBeChecked();
  await activate(page, form.getByRole('button', { name: 'Doorbraak opslaan' }));
  await expect(section.getByText('De doorbraak is vastgelegd.')).toBeVisible();
  await expect(section.getByText('1.200 woningen', { exact: true })).toBeVisible();

  // Back to Doorbraken by keyboard: Shift+Tab up to the main menu.
  await activate(page, nav.getByRole('link', { name: 'Doorbraken' }), { backwards: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Doorbraken' })).toBeFocused();
  const table = page.getByRole('table', { name: 'Doorbraken, meeste woningen eerst' });
  const row = table.getByRole('row', { name: new RegExp(projectName) });
  await expect(row.getByRole('cell', { name: '1.200', exact: true })).toBeVisible();
  await expect(totalFigure.locator('.key-figure__value')).toHaveText(
    new Intl.NumberFormat('nl-NL').format(before + 1200),
  );
  await expectNoAxeViolations(page, 'keyboard Doorbraken page');
});
