import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, logIn, logOut, parseDutchNumber } from './support';

/**
 * The dashboard ("Inzicht") on the demo data: every figure respects the user's scope, the filters
 * live in the URL and work by keyboard, the exports download, and axe finds nothing (with every
 * table alternative opened).
 */
async function keyFigure(page: Page, label: string): Promise<number> {
  const value = page
    .locator('.key-figure')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('.key-figure__value');
  return parseDutchNumber(await value.innerText());
}

async function figures(page: Page) {
  await expect(page.getByRole('region', { name: 'Kerncijfers' })).toBeVisible();
  return {
    homesAtStake: await keyFigure(page, 'woningen in open dossiers'),
    homesUnblocked: await keyFigure(page, 'woningen vrijgespeeld door doorbraken'),
    openCases: await keyFigure(page, 'open dossiers'),
    breakthroughs: await keyFigure(page, 'doorbraken'),
  };
}

/** Opens every "Cijfers als tabel" so axe checks the tables too. */
async function openAllTables(page: Page) {
  const toggles = page.locator('summary', { hasText: 'Cijfers als tabel' });
  for (let i = 0; i < (await toggles.count()); i += 1) await toggles.nth(i).click();
}

test('the dashboard shows each user the figures of their own scope, accessibly', async ({ page }) => {
  await logIn(page, ACCOUNTS.coordinator);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inzicht' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inzicht' })).toBeFocused();
  const coordinator = await figures(page);
  // De Stationstuinen (Barendrecht, 3,500 homes) is in the coordinator's province.
  expect(coordinator.homesUnblocked).toBeGreaterThanOrEqual(3_500);

  // The map: twelve provinces; the coordinator's scope is Zuid-Holland only.
  const map = page.getByRole('img', { name: /Kaart: woningen in open dossiers per provincie/ });
  await expect(map.locator('path[data-province]')).toHaveCount(12);
  await expect(map.locator('path[data-province="PV28"]')).not.toHaveAttribute('data-value', '0');
  await expect(map.locator('path[data-province="PV27"]')).toHaveAttribute('data-value', '0');
  await expect(page.getByText(/CBS \/ PDOK, via cartomap\/nl, licentie CC BY 4\.0/)).toBeVisible();
  const provinces = page.getByRole('table', { name: 'Woningen per provincie: open dossiers en doorbraken' });
  await expect(provinces.getByRole('rowheader', { name: 'Zuid-Holland' })).toBeVisible();
  await expect(provinces.getByRole('rowheader', { name: 'Noord-Holland' })).toHaveCount(0);

  await openAllTables(page);
  await expectNoAxeViolations(page, 'dashboard coordinator');

  // Filters by keyboard: open the panel, tick a knelpunt, apply with Enter; the URL holds them.
  await page.getByText('Filters', { exact: true }).and(page.locator('summary')).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('checkbox', { name: 'Netcongestie' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('textbox', { name: 'Vanaf' }).fill('2020-01');
  await page.getByRole('button', { name: 'Filters toepassen' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/inzicht\?knelpuntType=grid_congestion&from=2020-01$/);
  await expect(page.getByText('Filters (2 actief)')).toBeVisible();
  const filtered = await figures(page);
  expect(filtered.openCases).toBeLessThanOrEqual(coordinator.openCases);

  // A period the api would refuse gets a Dutch message at the field.
  await page.getByRole('textbox', { name: 'Tot en met' }).fill('2020-13');
  await page.getByRole('button', { name: 'Filters toepassen' }).click();
  await expect(page.getByRole('textbox', { name: 'Tot en met' })).toHaveAccessibleDescription(
    /Geef een maand \(JJJJ-MM\) of een datum \(JJJJ-MM-DD\)/,
  );
  await expectNoAxeViolations(page, 'dashboard period error');

  // The export of the filtered cases downloads as CSV.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Dossiers als CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^doorbraak-dossiers-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(download.url()).toContain('/api/exports/cases.csv?knelpuntType=grid_congestion');

  await logOut(page);

  // The municipality sees only its own cases: other figures than the coordinator's.
  await logIn(page, ACCOUNTS.barendrecht);
  await page.goto('/inzicht');
  const municipality = await figures(page);
  expect(municipality).not.toEqual(coordinator);
  expect(municipality.openCases).toBeLessThan(coordinator.openCases);
  expect(municipality.homesAtStake).toBeLessThanOrEqual(coordinator.homesAtStake);
  expect(municipality.homesUnblocked).toBeGreaterThanOrEqual(3_500);
  await openAllTables(page);
  await expectNoAxeViolations(page, 'dashboard municipality');
});
