import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, logIn } from './support';

/** A party's home page lists the actions asked of it, by urgency; it and the profile pass axe. */
test('Mijn werk shows Liander its actions, and Mijn werk and Profiel pass axe', async ({ page }) => {
  await logIn(page, ACCOUNTS.liander);

  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  const myWork = nav.getByRole('link', { name: /^Mijn werk/ });
  await myWork.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mijn werk' })).toBeFocused();

  // The demo asks Liander for several actions, some of them late.
  const sections = ['Te laat', 'Binnenkort (≤ 5 werkdagen)', 'Overig'];
  for (const name of sections) {
    await expect(
      page.getByRole('heading', {
        level: 2,
        name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} \\(\\d+\\)$`),
      }),
    ).toBeVisible();
  }
  const caseLinks = page.getByRole('main').getByRole('rowheader').getByRole('link');
  await expect(caseLinks.first()).toBeVisible();
  expect(await caseLinks.count()).toBeGreaterThan(0);
  await expect(myWork).toHaveAccessibleName(/^Mijn werk( \(\d+ te laat\))?$/);
  await expectNoAxeViolations(page, 'mijn werk');

  await page.getByRole('link', { name: 'Pieter Jansen (profiel)' }).click();
  await expect(page).toHaveURL(/\/profiel$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Profiel' })).toBeFocused();
  await expect(
    page.getByRole('group', { name: 'Taal' }).getByRole('radio', { name: 'Nederlands' }),
  ).toBeChecked();
  await expectNoAxeViolations(page, 'profiel');
});
