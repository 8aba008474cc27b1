// The register UI's counter work, online: suspend a basket and resume it, sell it, reprint and print a gift
// receipt, then return one item against the receipt and refund it in cash. Tablet portrait.
// Run by ChainPos.StoreAgent.Tests.RegisterUiTests against a real agent and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
//   REGISTER_SUPERVISOR, REGISTER_SUPERVISOR_PIN  a supervisor of the store (the return without receipt)
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const supervisor = required('REGISTER_SUPERVISOR');
const supervisorPin = required('REGISTER_SUPERVISOR_PIN');

await run(async (page) => {
  page.on('dialog', (dialog) => dialog.accept('Ada')); // the suspended basket's label
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  await page.fill('[data-testid=employee]', employee);
  for (const digit of pin) await page.click(`.keypad[data-target=pin] button:text-is("${digit}")`);
  await page.fill('[data-testid=float]', '100.00');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');

  await page.fill('[data-testid=scan]', '4006381333931');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  await page.fill('[data-testid=scan]', 'mug');
  await page.click('[data-testid=results] button[data-sku=MUG]');
  await page.waitForFunction(() => document.getElementById('total').textContent === '28.98');
  await page.click('[data-testid=suspend]');
  await page.waitForFunction(() => document.getElementById('sell-error').textContent.includes('suspended'));
  check((await page.textContent('[data-testid=total]')) === '0.00' && (await page.$$('[data-testid=line]')).length === 0, 'suspended: the basket is cleared');
  await screenshot(page, '01-suspended');

  await page.click('[data-testid=show-parked]');
  await page.waitForSelector('[data-testid=parked-list] button');
  const parked = await page.textContent('[data-testid=parked-list] button');
  check(parked.includes('Ada') && parked.includes('2 items'), `the parked basket is listed (${parked})`);
  await screenshot(page, '02-parked');
  await page.click('[data-testid=parked-list] button');
  await page.waitForFunction(() => document.getElementById('total').textContent === '28.98');
  const names = await page.$$eval('[data-testid=line] .name', (cells) => cells.map((c) => c.textContent));
  check(names.join('|') === 'T-shirt|Mug', `resumed: the same lines (${names.join(', ')}) and total 28.98`);
  await screenshot(page, '03-resumed');

  await page.click('[data-testid=pay-card]');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  check((await page.textContent('[data-testid=done-title]')).includes('S1-R1-000001'), 'sold as S1-R1-000001');
  await page.click('[data-testid=reprint]');
  await page.waitForFunction(() => document.getElementById('receipt').textContent.includes('REPRINT'));
  check((await page.textContent('[data-testid=receipt]')).includes('Receipt S1-R1-000001'), 'reprint: REPRINT and the same receipt number');
  await screenshot(page, '04-reprint');
  await page.click('[data-testid=gift-receipt]');
  await page.waitForFunction(() => document.getElementById('receipt').textContent.includes('GIFT RECEIPT'));
  const gift = await page.textContent('[data-testid=receipt]');
  check(gift.includes('T-shirt') && !/\d[.,]\d\d(?!\d)/.test(gift), 'gift receipt: items, no prices');
  await screenshot(page, '05-gift-receipt');

  await page.click('[data-testid=new-sale]');
  await page.click('[data-testid=open-returns]');
  await page.fill('[data-testid=return-receipt]', 'S1-R1-000001');
  await page.press('[data-testid=return-receipt]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=return-line]').length === 2);
  await page.click('[data-testid=return-line]:nth-child(1) button.plus');
  await page.waitForFunction(() => document.getElementById('refund-total').textContent.includes('card 19.99'));
  check(true, 'one T-shirt back to the original card: refund 19.99');
  await page.click('[data-testid=refund-cash]');
  await page.waitForFunction(() => document.getElementById('refund-total').textContent === 'Refund 19.99 · cash 19.99');
  check(true, 'refund to cash instead');
  await screenshot(page, '06-return');
  await page.click('[data-testid=return-go]');
  await page.waitForSelector('#done:not([hidden])');
  check((await page.textContent('[data-testid=done-title]')) === 'Refund complete (S1-R1-000002)', 'refund receipt S1-R1-000002');
  check((await page.textContent('[data-testid=receipt]')).includes('REFUND'), 'the refund slip printed');
  await screenshot(page, '07-refunded');

  // A return without receipt: scan the item, today's price back in cash, a supervisor approves (the platform checks the PIN).
  await page.click('[data-testid=new-sale]');
  await page.click('[data-testid=open-returns]');
  await page.click('[data-testid=mode-noreceipt]');
  check(await page.isHidden('[data-testid=return-receipt]'), 'no receipt: no receipt field');
  check((await page.textContent('[data-testid=noreceipt-rules]')).includes('cash'), 'the screen says the refund is in cash');
  await page.fill('[data-testid=noreceipt-scan]', '4006381333931');
  await page.press('[data-testid=noreceipt-scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('refund-total').textContent === 'Refund 19.99 · cash 19.99');
  check((await page.textContent('[data-testid=return-line] .name')) === 'T-shirt', 'the scanned T-shirt at today\'s price: refund 19.99 in cash');
  await page.fill('[data-testid=return-reason]', 'unworn, no receipt');
  await screenshot(page, '08-no-receipt');
  await page.click('[data-testid=return-go]');
  await page.waitForSelector('[data-testid=approval][open]');
  await page.fill('[data-testid=approval-id]', supervisor);
  await page.fill('[data-testid=approval-pin]', '0000');
  await page.click('[data-testid=approval-ok]');
  await page.waitForFunction(() => document.getElementById('return-error').textContent.includes('refused'));
  check(true, 'a wrong supervisor PIN: refused, nothing refunded');
  await page.click('[data-testid=return-go]');
  await page.waitForSelector('[data-testid=approval][open]');
  await page.fill('[data-testid=approval-id]', supervisor);
  await page.fill('[data-testid=approval-pin]', supervisorPin);
  await screenshot(page, '09-no-receipt-approval');
  await page.click('[data-testid=approval-ok]');
  await page.waitForSelector('#done:not([hidden])');
  check((await page.textContent('[data-testid=done-title]')) === 'Refund complete (S1-R1-000003)', 'no-receipt refund receipt S1-R1-000003');
  check((await page.textContent('[data-testid=done-change]')) === 'Refund 19.99 · cash 19.99', 'refunded 19.99 in cash');
  await screenshot(page, '10-no-receipt-refunded');
}, { viewport: { width: 768, height: 1024 } });
