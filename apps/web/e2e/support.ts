import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Helpers shared by the e2e specs (not a spec itself: playwright.config.ts matches `*.spec.ts`). */
export const DEMO_PASSWORD = 'Doorbraak-demo-2026';

export const ACCOUNTS = {
  barendrecht: 'gemeente.barendrecht@demo.doorbraak.nl',
  coordinator: 'coordinator.zh@demo.doorbraak.nl',
  liander: 'liander@demo.doorbraak.nl',
  national: 'landelijk@demo.doorbraak.nl',
  admin: 'admin@demo.doorbraak.nl',
} as const;

/**
 * axe against WCAG 2.1 A and AA; any violation fails the test with a readable summary. Each checked
 * state is also kept as a full-page screenshot in the test's output and the HTML report.
 */
export async function expectNoAxeViolations(page: Page, name: string) {
  const path = test.info().outputPath(`${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

export async function logIn(page: Page, email: string) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/dossiers$/);
}

export async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen/);
}

/** `YYYY-MM-DD`, `days` from today in the Netherlands. */
export function isoDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** "5.300" → 5300. */
export function parseDutchNumber(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}
