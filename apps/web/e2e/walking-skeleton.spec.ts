import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, expectNoAxeViolations, logIn, meldKnelpunt } from './support';

/**
 * The walking skeleton end to end: the built web app served by the built api, in Chromium.
 * Every page on the way is checked with axe against WCAG 2.1 A and AA.
 */
const BARENDRECHT = ACCOUNTS.barendrecht;
const ADMIN = ACCOUNTS.admin;

test('a municipality reports a knelpunt, finds it in the list and opens it', async ({ page }) => {
  const projectName = `E2E Stationstuinen ${Date.now()}`;

  await page.goto('/');
  await expect(page).toHaveURL(/\/inloggen/);
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  await expectNoAxeViolations(page, 'login page');

  // A wrong password gives the Dutch error summary.
  await page.getByLabel('E-mailadres').fill(BARENDRECHT);
  await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.getByRole('link', { name: 'E-mailadres of wachtwoord onjuist' })).toBeVisible();
  await expectNoAxeViolations(page, 'login page with errors');

  await logIn(page, BARENDRECHT);
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
  await expect(page.getByText(/Ingelogd als .*Barendrecht/)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /dossiers getoond|geen dossiers/ })).toBeVisible();
  await expectNoAxeViolations(page, 'case list');

  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Nieuw knelpunt melden' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw knelpunt melden' })).toBeFocused();
  await expectNoAxeViolations(page, 'new case form');

  // Invalid first: the summary lists the problem in Dutch.
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('link', { name: 'Vul de projectnaam in.' })).toBeVisible();
  await expectNoAxeViolations(page, 'new case form with errors');

  // The municipality of the user is preselected in step 2.
  await page.getByRole('textbox', { name: 'Projectnaam' }).fill(projectName);
  await page.getByRole('button', { name: 'Volgende stap' }).click();
  await expect(page.getByRole('combobox', { name: 'Gemeente' })).toHaveValue('Barendrecht');
  await page.getByRole('button', { name: 'Vorige stap' }).click();
  await meldKnelpunt(page, {
    projectName,
    homesTotal: '3500',
    knelpunten: ['Netcongestie'],
    description: 'Wacht op een netaansluiting voor de warmtepompen.',
  });

  await expect(page).toHaveURL(/\/dossiers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeVisible();
  await expect(page.getByText('3.500 woningen')).toBeVisible();
  await expectNoAxeViolations(page, 'case detail');
  const detailUrl = page.url();

  await page.getByRole('link', { name: 'Terug naar dossiers' }).click();
  await page.getByRole('searchbox', { name: 'Zoeken in dossiers' }).fill(projectName);
  await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(page).toHaveURL(/\?q=/);
  const row = page.getByRole('row', { name: new RegExp(projectName) });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell', { name: '3.500' })).toBeVisible();
  await row.getByRole('link', { name: projectName }).click();
  await expect(page).toHaveURL(detailUrl);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(projectName) })).toBeFocused();

  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen/);
  await page.goto('/dossiers');
  await expect(page).toHaveURL(/\/inloggen/);
});

test('the login page works with the keyboard only', async ({ page }) => {
  await page.goto('/inloggen');
  await expect(page.getByRole('heading', { level: 1, name: 'Inloggen' })).toBeVisible();
  const email = page.getByLabel('E-mailadres');

  // The skip link comes first.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();

  for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(BARENDRECHT);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Wachtwoord')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/dossiers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dossiers' })).toBeVisible();
});

test('unknown pages and the accessibility statement', async ({ page }) => {
  await page.goto('/bestaat-niet');
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await page.getByRole('link', { name: 'Toegankelijkheid' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Toegankelijkheid' })).toBeVisible();
  await expectNoAxeViolations(page, 'accessibility statement');
});

test('an admin opens the mailbox of the embedded mail catcher', async ({ page }) => {
  await logIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mailbox' }).click();

  await expect(page).toHaveURL(/\/mailbox$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Vernieuwen' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: /in de mailbox|Nog geen e-mails verstuurd/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'mailbox');

  // A fresh demo has sent no mail yet; stub the answer to check the table and an open message too.
  await page.route('**/api/dev/mailbox', (route) =>
    route.fulfill({
      json: {
        items: [
          {
            id: 'e2e-1',
            receivedAt: new Date().toISOString(),
            messageId: '<e2e-1@doorbraak.local>',
            from: 'Doorbraak <noreply@doorbraak.local>',
            to: [BARENDRECHT],
            subject: 'Herinnering: De Stationstuinen wacht op u',
            text: 'Beste Bea,\n\nHet knelpunt wacht op uw reactie: https://doorbraak.example/dossiers/een-heel-lange-link-die-moet-afbreken\n',
            html: '<p>Beste Bea,</p>',
            headers: {},
          },
        ],
      },
    }),
  );
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  const table = page.getByRole('table', { name: 'Verstuurde e-mails, nieuwste eerst' });
  await table.getByRole('link', { name: 'Herinnering: De Stationstuinen wacht op u' }).click();
  await expect(page).toHaveURL(/\/mailbox\?bericht=e2e-1$/);
  await expect(
    page.getByRole('heading', { level: 2, name: 'Herinnering: De Stationstuinen wacht op u' }),
  ).toBeFocused();
  await expect(page.getByText('Het knelpunt wacht op uw reactie', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page, 'mailbox with an open message');
});
