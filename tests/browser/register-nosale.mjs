// The register UI's No sale: the cashier opens the drawer without a sale for a reason picked from the list, then for
// one typed in (no reason is refused first), and the Z-report counts both. Before that a gift card sale leases an
// offline allowance on the card, which the status bar shows (what the register can spend from it offline).
// Run by ChainPos.StoreAgent.Tests.RegisterNoSaleUiTests against a real agent (fake network printer) and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
//   REGISTER_GIFT_CARD  a gift card code with 50.00 on it
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const giftCard = required('REGISTER_GIFT_CARD');

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  await page.fill('[data-testid=employee]', employee);
  await page.fill('[data-testid=pin]', pin);
  await page.fill('[data-testid=float]', '100.00');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');
  check(await page.isVisible('[data-testid=no-sale]'), 'signed in: the No sale button is there');
  check(await page.isHidden('[data-testid=allowances]'), 'no allowance leased yet: no allowance bar');

  // A pen paid with the gift card: the agent then leases what is left on the card for offline spending.
  await page.fill('[data-testid=scan]', 'PEN');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  page.once('dialog', (dialog) => dialog.accept(giftCard));
  await page.click('[data-testid=pay-gift]');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  await page.click('[data-testid=new-sale]');
  await page.waitForSelector('[data-testid=allowance][data-kind=giftcard]', { timeout: 20000 });
  const chip = await page.textContent('[data-testid=allowance][data-kind=giftcard]');
  check(chip.includes('****9012') && chip.includes('48.50'), `the status bar shows the gift card allowance (${chip})`);
  await screenshot(page, '01-allowance');

  await page.click('[data-testid=no-sale]');
  await page.waitForSelector('[data-testid=nosale][open]');
  await page.waitForSelector('[data-testid=nosale-reason]');
  await page.click('[data-testid=nosale-ok]');
  check((await page.textContent('[data-testid=nosale-error]')).includes('reason'), 'no reason: refused, the dialog stays');
  await page.click('[data-testid=nosale-reason]:text-is("Give change")');
  await screenshot(page, '02-no-sale-reason');
  await page.click('[data-testid=nosale-ok]');
  await page.waitForSelector('[data-testid=nosale]', { state: 'hidden' });
  const note = await page.textContent('[data-testid=drawer-note]');
  check(note.includes('Drawer opened') && note.includes('Give change'), `drawer opened for the picked reason (${note})`);
  await screenshot(page, '03-drawer-opened');

  await page.click('[data-testid=no-sale]');
  await page.waitForSelector('[data-testid=nosale][open]');
  await page.fill('[data-testid=nosale-other]', 'Customer wanted coins');
  await page.click('[data-testid=nosale-ok]');
  await page.waitForSelector('[data-testid=nosale]', { state: 'hidden' });
  check((await page.textContent('[data-testid=drawer-note]')).includes('Customer wanted coins'), 'drawer opened for a typed reason');

  page.once('dialog', (dialog) => dialog.accept('100.00'));
  await page.click('[data-testid=close-shift]');
  await page.waitForSelector('#z:not([hidden])');
  const z = await page.textContent('[data-testid=z-report]');
  check(z.includes('No sale 2'), 'the Z-report counts both no-sales');
  await screenshot(page, '04-z-report');
});
