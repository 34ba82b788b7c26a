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

export interface MeldenInput {
  projectName: string;
  homesTotal: string;
  knelpunten: string[];
  description?: string;
  /** Typed into the municipality combobox and chosen; left out, the preselected one stays. */
  municipality?: string;
  attachments?: { name: string; mimeType: string; buffer: Buffer }[];
}

/**
 * Melden through its six steps with the mouse-free basics of Playwright (fill, check, click), from
 * the page's first step to the case page. With `axe`, every step is checked (and screenshotted).
 */
export async function meldKnelpunt(page: Page, input: MeldenInput, { axe = false } = {}) {
  const step = (number: number, title: string) =>
    expect(page.getByRole('heading', { level: 2, name: `Stap ${number} van 6 ${title}` })).toBeVisible();
  const next = () => page.getByRole('button', { name: 'Volgende stap' }).click();
  const check = async (name: string) => {
    if (axe) await expectNoAxeViolations(page, name);
  };

  await step(1, 'Project');
  await check('Melden step 1 project');
  await page.getByRole('textbox', { name: 'Projectnaam' }).fill(input.projectName);
  await next();
  await step(2, 'Gemeente');
  if (input.municipality) {
    const combobox = page.getByRole('combobox', { name: 'Gemeente' });
    await combobox.fill(input.municipality);
    await page.getByRole('option', { name: new RegExp(`^${input.municipality}`) }).click();
  }
  await check('Melden step 2 municipality');
  await next();
  await step(3, 'Woningen');
  await page.getByRole('textbox', { name: 'Aantal woningen' }).fill(input.homesTotal);
  await check('Melden step 3 homes');
  await next();
  await step(4, 'Knelpunt');
  for (const knelpunt of input.knelpunten) await page.getByRole('checkbox', { name: knelpunt }).check();
  if (input.description) await page.getByRole('textbox', { name: /Toelichting/ }).fill(input.description);
  await check('Melden step 4 knelpunt');
  await next();
  await step(5, 'Bijlagen');
  if (input.attachments?.length) {
    await page.getByLabel(/Bestanden kiezen/).setInputFiles(input.attachments);
  }
  await check('Melden step 5 attachments');
  await next();
  await step(6, 'Controleren en versturen');
  await expect(page.getByRole('definition').filter({ hasText: input.projectName })).toBeVisible();
  await check('Melden step 6 summary');
  await page.getByRole('button', { name: 'Knelpunt melden' }).click();
  await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
}
