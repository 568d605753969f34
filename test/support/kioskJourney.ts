import type { Page } from 'playwright-core';
import type { UserType } from '../../src/contract/vocabulary.js';

/**
 * The visitor's way to a ticket on the kiosk page, for every e2e test that takes tickets by touch:
 * the information board, who they are, "do you have a SIAPkerja account?", the identify screen,
 * their need (or "I already know my desk" and the desk list), the confirm screen, the ticket.
 */

/** From the information board to the needs screen: board → user type → "yes, I have an account" → skip. */
export async function startVisit(page: Page, userType: UserType = 'masyarakat'): Promise<void> {
  await page.getByTestId('info-board').waitFor();
  await page.getByTestId('board-wake').tap();
  await page.getByTestId(`user-type-${userType}`).tap();
  await page.getByTestId('account-yes').tap();
  await page.getByTestId('identify-skip').tap();
  // Job seekers and workers are asked for the visit data: these visits decline.
  if (userType === 'pencari_kerja' || userType === 'pekerja') await page.getByTestId('consent-decline').tap();
  await page.getByTestId('needs').waitFor();
}

/** From the information board to the old desk list, by "I already know my desk". */
export async function toDeskList(page: Page, userType: UserType = 'masyarakat'): Promise<void> {
  await startVisit(page, userType);
  await page.getByTestId('need-know-desk').tap();
  await page.locator('button[data-desk]').first().waitFor();
}

/** From the desk list: the desk, then "take a queue number" on the confirm screen; returns the number shown. */
export async function takeTicketAt(page: Page, deskId: number): Promise<string> {
  await page.locator(`button[data-desk="${deskId}"]`).tap();
  await page.getByTestId('confirm').waitFor();
  await page.getByTestId('confirm-issue').tap();
  const number = page.getByTestId('ticket-number');
  await number.waitFor();
  return (await number.textContent()) ?? '';
}

/** The button that ends the ticket screen, in either language. */
export function doneButton(page: Page) {
  return page.getByRole('button', { name: /^(Selesai|Done)$/ });
}

/** From the ticket screen: "Selesai" back to the information board, then on to the desk list for the next visitor. */
export async function backToDeskList(page: Page, userType: UserType = 'masyarakat'): Promise<void> {
  await doneButton(page).tap();
  await page.getByTestId('info-board').waitFor();
  await toDeskList(page, userType);
}
