import { expect, test, type Page } from '@playwright/test';
import {
  ACCOUNTS,
  expectNoAxeViolations,
  isoDay,
  logIn,
  logOut,
  meldKnelpunt,
  parseDutchNumber,
} from './support';

/**
 * The main journey of a knelpunt, by the people who handle it: the municipality reports it, the
 * regional coordinator takes it up and asks Liander for an action, Liander reports progress, the
 * coordinator escalates to the national table, which answers, and the coordinator records the
 * breakthrough, which then counts on the Doorbraken page. axe checks every new page and state.
 */
test.describe.configure({ mode: 'serial' });

const projectName = `E2E Havenkwartier ${Date.now()}`;
let detailUrl = '';

async function openCase(page: Page, email: string) {
  await logIn(page, email);
  await page.goto(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeVisible();
}

test('the municipality of Barendrecht reports the knelpunt', async ({ page }) => {
  await logIn(page, ACCOUNTS.barendrecht);
  await page.getByRole('link', { name: 'Nieuw knelpunt melden' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw knelpunt melden' })).toBeFocused();

  // Step 1 refuses to go on without a project name: the summary links to the field.
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.getByRole('link', { name: 'Vul de projectnaam in.' })).toHaveAttribute(
    'href',
    '#projectName',
  );
  await expectNoAxeViolations(page, 'Melden step 1 with errors');

  // The draft survives a reload (the chosen files would not, and the page says so).
  await page.getByRole('textbox', { name: 'Projectnaam' }).fill(projectName);
  await page.reload();
  await expect(page.getByText('Uw concept is hersteld.', { exact: false })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue(projectName);

  await meldKnelpunt(
    page,
    {
      projectName,
      homesTotal: '1500',
      knelpunten: ['Netcongestie'],
      description: 'Geen netaansluiting voor de eerste fase.',
      attachments: [
        {
          name: 'brief-liander.txt',
          mimeType: 'text/plain',
          buffer: Buffer.from('Liander: geen transportcapaciteit voor fase 1 voor 2029.\n'),
        },
      ],
    },
    { axe: true },
  );
  detailUrl = new URL(page.url()).pathname;
  // The file was uploaded after the case was created, and shows on the case page.
  await expect(
    page.getByRole('region', { name: 'Bijlagen' }).getByRole('link', { name: 'brief-liander.txt' }),
  ).toBeVisible();
  await expect(page.locator('.case-status-line')).toContainText('Status: Ingediend');
  // The submitter has no status actions beyond withdrawing, and no choice of comment visibility.
  await expect(page.getByRole('button', { name: 'Status wijzigen naar Gesloten' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Geaccepteerd/ })).toHaveCount(0);
  const comments = page.getByRole('region', { name: 'Opmerkingen' });
  await expect(comments.getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Tijdlijn' }).getByText('Knelpunt gemeld.')).toBeVisible();
  await expectNoAxeViolations(page, 'case detail (municipality)');

  // A shared comment for the table.
  await comments
    .getByRole('textbox', { name: 'Opmerking' })
    .fill('Wij horen graag wanneer Liander aansluit.');
  await comments.getByRole('button', { name: 'Opmerking plaatsen' }).click();
  await expect(comments.getByText('Wij horen graag wanneer Liander aansluit.')).toBeVisible();
  await logOut(page);
});

test('the coordinator accepts it, starts work and asks Liander for an action', async ({ page }) => {
  await openCase(page, ACCOUNTS.coordinator);
  await expectNoAxeViolations(page, 'case detail (coordinator, submitted)');

  const status = page.getByRole('region', { name: 'Status' });
  await status.getByRole('button', { name: 'Status wijzigen naar Geaccepteerd' }).click();
  await expect(status.getByText('De status is gewijzigd naar Geaccepteerd.')).toBeVisible();
  await status.getByRole('button', { name: 'Status wijzigen naar In behandeling' }).click();
  await expect(status.getByText('De status is gewijzigd naar In behandeling.')).toBeVisible();
  await expect(page.locator('.case-status-line')).toContainText('Status: In behandeling');

  // A reason is required to close: the form asks for it (then the coordinator thinks better of it).
  await status.getByRole('button', { name: 'Status wijzigen naar Gesloten' }).click();
  await expect(status.getByRole('textbox', { name: 'Reden' })).toBeFocused();
  await expectNoAxeViolations(page, 'status change with a reason');
  await status.getByRole('button', { name: 'Annuleren' }).click();

  const parties = page.getByRole('region', { name: 'Partijen en acties' });
  await parties.getByRole('button', { name: 'Partij toevoegen' }).click();
  const form = parties.getByRole('form', { name: 'Partij toevoegen' });
  await form.getByRole('searchbox', { name: 'Zoek op naam' }).fill('Liander');
  await expect(form.getByText('1 organisatie gevonden.')).toBeVisible();
  await form
    .getByRole('combobox', { name: 'Kies uit de gevonden organisaties' })
    .selectOption({ label: 'Liander' });
  await form.getByRole('combobox', { name: 'Rol' }).selectOption({ label: 'Trekker' });
  await form
    .getByRole('textbox', { name: 'Gevraagde actie' })
    .fill('Onderzoek netbewust aansluiten voor de eerste 300 woningen.');
  await form
    .getByRole('textbox', { name: 'E-mailadres contactpersoon 1' })
    .fill('netcongestie@liander.example');
  await form.getByLabel(/Uiterste datum/).fill(isoDay(21));
  await expectNoAxeViolations(page, 'add party form');
  await form.getByRole('button', { name: 'Toevoegen aan dossier' }).click();

  await expect(parties.getByText('Liander is toegevoegd.')).toBeVisible();
  const card = parties.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Liander' }) });
  await expect(card.getByText('Onderzoek netbewust aansluiten voor de eerste 300 woningen.')).toBeVisible();
  await expect(card.getByText('Open', { exact: true })).toBeVisible();

  // A note for the table, as an internal attachment (multipart upload with the CSRF header).
  const attachments = page.getByRole('region', { name: 'Bijlagen' });
  await attachments.getByLabel('Bestand').setInputFiles({
    name: 'netcapaciteit.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Netcapaciteit Havenkwartier: 2 MVA beschikbaar vanaf Q3.\n'),
  });
  await attachments.getByRole('button', { name: 'Uploaden' }).click();
  await expect(attachments.getByText('netcapaciteit.txt is toegevoegd.')).toBeVisible();
  const download = attachments.getByRole('link', { name: 'netcapaciteit.txt' });
  await expect(download).toHaveAttribute(
    'href',
    /\/api\/cases\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}\/content$/,
  );
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toBe('netcapaciteit.txt');
  await expectNoAxeViolations(page, 'case detail with a party');
  await logOut(page);
});

test('Liander reports progress on its own action', async ({ page }) => {
  await openCase(page, ACCOUNTS.liander);
  const parties = page.getByRole('region', { name: 'Partijen en acties' });
  await expect(parties.getByRole('button', { name: 'Partij toevoegen' })).toHaveCount(0);

  const form = parties.getByRole('form', { name: 'Voortgang melden' });
  await form.getByRole('combobox', { name: 'Status van de actie' }).selectOption({ label: 'Bezig' });
  await form
    .getByRole('textbox', { name: /Voortgang/ })
    .fill('Netbewust aansluiten is haalbaar met een buurtbatterij; offerte volgt.');
  await form.getByRole('button', { name: 'Voortgang opslaan' }).click();

  await expect(parties.getByText('Uw voortgang is opgeslagen.')).toBeVisible();
  await expect(
    parties.getByRole('definition').filter({ hasText: 'Netbewust aansluiten is haalbaar' }),
  ).toBeVisible();
  await expect(parties.getByRole('definition').filter({ hasText: /^Bezig$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'case detail (party)');
  await logOut(page);
});

test('the coordinator escalates to the national table', async ({ page }) => {
  await openCase(page, ACCOUNTS.coordinator);
  const ladder = page.getByRole('region', { name: 'Ladder' });
  await expect(ladder.locator('[aria-current="step"]')).toContainText('Woondealtafel');
  await expect(ladder.locator('[aria-current="step"]')).toContainText('Huidig niveau');

  await ladder.getByRole('button', { name: 'Opschalen' }).click();
  const form = ladder.getByRole('form', { name: 'Opschalen' });
  await form
    .getByRole('combobox', { name: 'Naar niveau' })
    .selectOption({ label: 'Landelijke versnellingstafel' });
  await form
    .getByRole('textbox', { name: 'Vraag aan dat niveau' })
    .fill('Kan het Rijk met Liander en TenneT voorrang regelen voor deze aansluiting?');
  await form.getByLabel(/Besluit gewenst voor/).fill(isoDay(14));
  await expectNoAxeViolations(page, 'escalation form');
  await form.getByRole('button', { name: 'Opschaling versturen' }).click();

  await expect(
    ladder.getByText('Het dossier is opgeschaald naar Landelijke versnellingstafel.'),
  ).toBeVisible();
  await expect(ladder.locator('[aria-current="step"]')).toContainText('Landelijke versnellingstafel');
  await expect(ladder.getByText('Wacht op besluit')).toBeVisible();
  await expect(page.locator('.case-status-line')).toContainText('Status: Opgeschaald');
  await expectNoAxeViolations(page, 'case detail (escalated)');
  await logOut(page);
});

test('the national table decides: returned, with a note', async ({ page }) => {
  await openCase(page, ACCOUNTS.national);
  const ladder = page.getByRole('region', { name: 'Ladder' });
  await ladder.getByRole('button', { name: 'Besluit vastleggen' }).click();
  const form = ladder.getByRole('form', { name: 'Besluit vastleggen' });
  await form.getByRole('radio', { name: /Teruggelegd/ }).check();
  await form
    .getByRole('textbox', { name: 'Toelichting' })
    .fill('Geen landelijke voorrang nodig: de regionale tafel regelt netbewust aansluiten met Liander.');
  await expectNoAxeViolations(page, 'decision form');
  await form.getByRole('button', { name: 'Besluit opslaan' }).click();

  // The case goes back to the lower table, out of the national table's sight.
  await expect(
    page.getByRole('heading', { level: 1, name: 'U kunt dit dossier niet meer inzien' }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'case out of scope after the decision');
  await logOut(page);
});

test('the coordinator records a breakthrough of 1.200 homes; the Doorbraken page counts it', async ({
  page,
}) => {
  await logIn(page, ACCOUNTS.coordinator);

  // The total before, to check the 1.200 homes are added to it.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Doorbraken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Doorbraken' })).toBeFocused();
  const totalFigure = page.locator('.key-figure').filter({ hasText: 'woningen vrijgespeeld' });
  await expect(totalFigure).toBeVisible();
  const before = parseDutchNumber((await totalFigure.locator('.key-figure__value').textContent()) ?? '');

  await page.goto(detailUrl);
  const ladder = page.getByRole('region', { name: 'Ladder' });
  await expect(ladder.locator('[aria-current="step"]')).toContainText('Woondealtafel');
  await expect(ladder.getByText('Teruggelegd', { exact: true })).toBeVisible();
  await expect(ladder.getByText(/regionale tafel regelt netbewust aansluiten/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Tijdlijn' }).getByText('Besluit over de opschaling: Teruggelegd.'),
  ).toBeVisible();

  const section = page.getByRole('region', { name: 'Doorbraak' });
  await section.getByRole('button', { name: 'Doorbraak vastleggen' }).click();
  const form = section.getByRole('form', { name: 'Doorbraak vastleggen' });
  await expect(form.getByLabel('Datum van de doorbraak')).toHaveValue(isoDay(0));
  await form.getByRole('textbox', { name: 'Vrijgespeelde woningen' }).fill('1.200');
  await form
    .getByRole('combobox', { name: 'Soort oplossing' })
    .selectOption({ label: 'Lokale netoplossing' });
  await form
    .getByRole('textbox', { name: 'Wat heeft het opgelost?' })
    .fill('Netbewust aansluiten met een buurtbatterij; Liander sluit de eerste 1.200 woningen aan.');
  await form.getByRole('checkbox', { name: 'Liander' }).check();
  await expectNoAxeViolations(page, 'breakthrough form');
  await form.getByRole('button', { name: 'Doorbraak opslaan' }).click();

  await expect(section.getByText('De doorbraak is vastgelegd.')).toBeVisible();
  await expect(section.getByText('1.200 woningen', { exact: true })).toBeVisible();
  await expect(page.locator('.case-status-line')).toContainText('Status: Doorbraak');
  await expectNoAxeViolations(page, 'case detail with its breakthrough');

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Doorbraken' }).click();
  const table = page.getByRole('table', { name: 'Doorbraken, meeste woningen eerst' });
  const row = table.getByRole('row', { name: new RegExp(projectName) });
  await expect(row.getByRole('cell', { name: '1.200', exact: true })).toBeVisible();
  await expect(totalFigure.locator('.key-figure__value')).toHaveText(
    new Intl.NumberFormat('nl-NL').format(before + 1200),
  );
  // Sorted by homes: De Stationstuinen (3.500) comes before this one whenever it is listed.
  const projects = await table.getByRole('rowheader').allTextContents();
  const stationstuinen = projects.indexOf('De Stationstuinen');
  if (stationstuinen >= 0) {
    expect(stationstuinen).toBe(0);
    expect(stationstuinen).toBeLessThan(projects.indexOf(projectName));
  }
  await expectNoAxeViolations(page, 'Doorbraken page');
});

test('the case list keeps its filters in the URL and offers saved views', async ({ page }) => {
  await logIn(page, ACCOUNTS.coordinator);
  const views = page.getByRole('navigation', { name: 'Opgeslagen weergaven' });
  await views.getByRole('link', { name: 'Netcongestie' }).click();
  await expect(page).toHaveURL(/\/dossiers\?knelpuntType=grid_congestion$/);
  await expect(views.getByRole('link', { name: 'Netcongestie' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('row', { name: new RegExp(projectName) })).toBeVisible();

  await page.getByRole('checkbox', { name: 'Doorbraak' }).check();
  await page.getByRole('combobox', { name: 'Sorteren op' }).selectOption({ label: 'Meeste woningen' });
  await page.getByRole('button', { name: 'Toepassen' }).click();
  await expect(page).toHaveURL(/\?status=breakthrough&knelpuntType=grid_congestion&sort=homes$/);
  await expect(page.getByRole('row', { name: new RegExp(projectName) })).toBeVisible();
  await expectNoAxeViolations(page, 'case list with filters');

  // The URL is the view: opening it again gives the same list.
  await page.goto(page.url());
  await expect(page.getByRole('checkbox', { name: 'Doorbraak' })).toBeChecked();
  await expect(page.getByRole('row', { name: new RegExp(projectName) })).toBeVisible();
});

test('Melden works on a 360 px wide screen, and a draft can be deleted', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, ACCOUNTS.barendrecht);
  await page.goto('/dossiers/nieuw');
  const noSideways = async (name: string) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, `${name} at 360 px`);
  };
  const next = () => page.getByRole('button', { name: 'Volgende stap' }).click();

  await page.getByRole('textbox', { name: 'Projectnaam' }).fill('Smal scherm');
  await noSideways('Melden step 1');
  await next();
  const combobox = page.getByRole('combobox', { name: 'Gemeente' });
  await combobox.fill('s');
  await expect(page.getByRole('listbox', { name: 'Gemeente' })).toBeVisible();
  await noSideways('Melden municipality list');
  await page.getByRole('option', { name: /^Súdwest-Fryslân/ }).click();
  await expect(combobox).toHaveValue('Súdwest-Fryslân');
  await next();
  await page.getByRole('textbox', { name: 'Aantal woningen' }).fill('40');
  await next();
  await page.getByRole('checkbox', { name: 'Stikstof' }).check();
  await next();
  await next();
  await expect(page.getByRole('heading', { level: 2, name: /Stap 6 van 6/ })).toBeVisible();
  await noSideways('Melden summary');

  await page.getByRole('button', { name: 'Concept verwijderen' }).click();
  await page.getByRole('button', { name: 'Ja, concept verwijderen' }).click();
  await expect(page.getByText('Het concept is verwijderd.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Stap 1 van 6/ })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Projectnaam' })).toHaveValue('');
});
