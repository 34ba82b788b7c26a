import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, logIn } from './support';

/**
 * The case list with more than 200 rows loaded: only the rows near the viewport are in the DOM,
 * the table keeps its semantics (aria-rowcount, aria-rowindex) and axe finds nothing. The demo
 * holds fewer cases, so the api's answer is stubbed with pages of made-up ones.
 */
test('a long case list is virtualized and stays an accessible table', async ({ page }) => {
  await logIn(page, ACCOUNTS.coordinator);
  await page.route('**/api/cases?*', async (route) => {
    const url = new URL(route.request().url());
    const from = Number(url.searchParams.get('cursor') ?? '0');
    const items = Array.from({ length: 150 }, (_, i) => {
      const n = from + i;
      return {
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        reference: `DB-2026-${String(n).padStart(4, '0')}`,
        projectName: `Voorbeeld ${n}`,
        municipalityCode: 'GM0489',
        municipalityName: 'Barendrecht',
        provinceCode: 'PV28',
        provinceName: 'Zuid-Holland',
        homesTotal: 100 + n,
        knelpuntTypes: n % 3 === 0 ? ['grid_congestion', 'nitrogen', 'municipal_capacity'] : ['procedures'],
        status: 'in_progress',
        levelCode: 'regional_table',
        isExample: true,
        createdAt: '2026-11-20T10:00:00.000Z',
        updatedAt: '2026-11-20T10:00:00.000Z',
      };
    });
    await route.fulfill({ json: { items, nextCursor: from === 0 ? '150' : null } });
  });
  await page.goto('/dossiers?sort=oldest');

  const table = page.getByRole('table', { name: 'Dossiers die u mag inzien' });
  await expect(table.getByRole('row')).toHaveCount(151);
  await page.getByRole('button', { name: 'Meer laden' }).click();
  await expect(page.getByText('300 dossiers getoond')).toBeVisible();

  await expect(table).toHaveAttribute('aria-rowcount', '301');
  await expect.poll(async () => table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(100);
  // "Meer laden" sits below the table: back to the top, where the first rows are rendered again.
  const first = table.getByRole('row', { name: /Voorbeeld 0\b/ });
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(first).toHaveAttribute('aria-rowindex', '2', { timeout: 1_000 });
  }).toPass();
  await expectNoAxeViolations(page, 'virtualized case list');

  // Scrolling to the end brings the last rows into the DOM, at their place in the table.
  const last = table.getByRole('row', { name: /Voorbeeld 299\b/ });
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(last).toHaveAttribute('aria-rowindex', '301', { timeout: 1_000 });
  }).toPass();
  await expect(last).toBeVisible();
  await expect(table.getByRole('row', { name: /Voorbeeld 0\b/ })).toHaveCount(0);

  // Keyboard: Shift+Tab from the last row's link reaches the row before it.
  await last.getByRole('link').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(table.getByRole('row', { name: /Voorbeeld 298\b/ }).getByRole('link')).toBeFocused();
});

test('the list works in English, loaded on demand', async ({ page }) => {
  await logIn(page, ACCOUNTS.coordinator);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Saved views' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main menu' })
    .getByRole('link', { name: 'Breakthroughs' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Breakthroughs' })).toBeFocused();
  await expect(page.getByText('homes unblocked', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, 'Breakthroughs page in English');
});
