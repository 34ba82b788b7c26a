import { expect, test } from '@playwright/test';
import { ACCOUNTS, expectNoAxeViolations, logIn, logOut } from './support';

const TOKEN = /\/actie\/([A-Za-z0-9_-]{43})/;

/**
 * A contact without an account answers from the reminder email: the demo's overdue actions send
 * reminders with signed links at start (the embedded mail catcher keeps them); the page passes axe
 * in each state, works by keyboard, and answers once.
 */
test('a contact answers once through the signed link in a reminder; the page passes axe', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await logIn(page, ACCOUNTS.admin);
  // The sweeper runs at start and every minute; wait for the reminders with a link.
  let tokens: string[] = [];
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/dev/mailbox');
        const { items } = (await response.json()) as { items: { text: string }[] };
        tokens = items.map((m) => TOKEN.exec(m.text)?.[1]).filter((t): t is string => Boolean(t));
        return tokens.length;
      },
      { timeout: 120_000, intervals: [1_000, 2_000, 5_000] },
    )
    .toBeGreaterThan(0);
  await logOut(page);

  // The newest email of a contact holds the link that still works (each supersedes the one before).
  let token: string | undefined;
  for (const candidate of tokens.reverse()) {
    const response = await page.request.get(`/api/links/${candidate}`);
    if (response.ok() && ((await response.json()) as { canAct: boolean }).canAct) {
      token = candidate;
      break;
    }
  }
  expect(token, 'a usable link in the mailbox').toBeDefined();

  // No session at all: a fresh browser context, as the contact opening the email.
  const context = await browser.newContext({ locale: 'nl-NL' });
  const contact = await context.newPage();
  await contact.goto(`/actie/${token}`);
  await expect(contact.getByRole('heading', { level: 1, name: /Gevraagde actie$/ })).toBeVisible();
  const form = contact.getByRole('region', { name: 'Uw antwoord' });
  await expect(form).toBeVisible();
  await expectNoAxeViolations(contact, 'actielink formulier');

  // Nothing filled in: the error summary takes focus and names the problem.
  await form.getByRole('button', { name: 'Antwoord versturen' }).click();
  const summary = contact.getByRole('alert').filter({ hasText: 'Er is een probleem' });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Geef minstens één antwoord');
  await expectNoAxeViolations(contact, 'actielink foutmelding');

  // By keyboard: the summary's link leads to the first field; Tab moves on through the form.
  await contact.keyboard.press('Tab');
  await contact.keyboard.press('Enter');
  await expect(form.getByLabel('Status van de actie')).toBeFocused();
  await contact.keyboard.press('Tab');
  await expect(form.getByLabel(/Toelichting op de voortgang/)).toBeFocused();
  await contact.keyboard.type('Offerte ligt bij de corporatie.');
  const days = form.getByLabel('Aantal extra werkdagen');
  if (await days.count()) {
    await days.fill('5');
    await form.getByLabel('Waarom is meer tijd nodig?').fill('Wacht op het besluit van de gemeente.');
  }
  await form.getByLabel(/Notitie voor de tafel/).fill('Bel gerust als er vragen zijn.');
  await form.getByRole('button', { name: 'Antwoord versturen' }).focus();
  await contact.keyboard.press('Enter');

  const answered = contact.getByRole('status').filter({ hasText: 'via deze link geantwoord' });
  await expect(answered).toBeFocused();
  await expect(contact.getByRole('region', { name: 'Uw antwoord' })).toHaveCount(0);
  await expect(
    contact.getByRole('region', { name: /gevraagd wordt$/ }).getByText('Offerte ligt bij de corporatie.'),
  ).toBeVisible();
  await expectNoAxeViolations(contact, 'actielink beantwoord');

  // A second answer with the same token is refused (a replay) and changes nothing.
  const replay = await contact.request.post(`/api/links/${token}/response`, {
    data: { note: 'Nog een keer' },
  });
  expect(replay.status()).toBe(409);
  expect(((await replay.json()) as { type: string }).type).toBe('https://doorbraak.nl/problems/link-used');
  await contact.reload();
  await expect(contact.getByText(/via deze link geantwoord/)).toBeVisible();
  await context.close();
});
