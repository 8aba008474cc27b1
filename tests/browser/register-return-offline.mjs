// The register UI's Returns screen with the platform unreachable: the note says what is taken offline, cash is preselected,
// a refund back to the card is refused with the agent's reason (and the Refund button stays off), the same goods refunded in
// cash complete as an offline refund, and a receipt this register does not hold is refused with the reason.
// Run by ChainPos.StoreAgent.Tests.RegisterOfflineReturnUiTests after it sold a mug by card online and stopped the node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier who opened the shift
//   REGISTER_SALE  the card sale's receipt code (its sale id)
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const sale = required('REGISTER_SALE');

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('#signin:not([hidden])');
  await page.fill('[data-testid=employee]', employee);
  await page.fill('[data-testid=pin]', pin);
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');
  await page.waitForSelector('[data-testid=link][data-online=false]');

  await page.click('[data-testid=open-returns]');
  await page.waitForSelector('#returns:not([hidden])');
  const note = await page.textContent('[data-testid=returns-offline]');
  check(await page.isVisible('[data-testid=returns-offline]') && note.includes('only in cash'), `the offline note says cash only (${note})`);

  await page.fill('[data-testid=return-receipt]', sale);
  await page.click('[data-testid=return-find]');
  await page.waitForSelector('[data-testid=return-line]');
  check(await page.evaluate(() => document.getElementById('refund-cash').classList.contains('on')), 'offline: refund in cash is preselected');
  await page.click('[data-testid=return-line] button.plus');
  await page.waitForFunction(() => document.getElementById('refund-total').textContent.includes('cash 8.99'));
  check(await page.isEnabled('[data-testid=return-go]'), 'a cash refund can go ahead offline');

  await page.click('[data-testid=refund-original]');
  await page.waitForFunction(() => document.getElementById('return-error').textContent.includes('cash only'));
  check(await page.isDisabled('[data-testid=return-go]'), 'a refund to the card is refused offline: the Refund button stays off');
  await screenshot(page, '01-card-refund-refused');

  await page.click('[data-testid=refund-cash]');
  await page.waitForFunction(() => document.getElementById('refund-total').textContent.includes('cash 8.99'));
  check((await page.textContent('[data-testid=return-error]')) === '', 'back to cash: the reason is cleared');
  await page.click('[data-testid=return-go]');
  await page.waitForSelector('#done:not([hidden])');
  const title = await page.textContent('[data-testid=done-title]');
  check(title.includes('offline') && title.includes('ROFF'), `refunded offline, recorded when the link is back (${title})`);
  check((await page.textContent('[data-testid=receipt]')).includes('Offline refund'), 'the slip says offline refund');
  await screenshot(page, '02-offline-refund');

  await page.click('[data-testid=open-returns]');
  await page.fill('[data-testid=return-receipt]', 'S1-R2-000001');
  await page.click('[data-testid=return-find]');
  await page.waitForFunction(() => document.getElementById('return-error').textContent.includes('cannot be reached'));
  check(await page.isDisabled('[data-testid=return-go]'), "another register's receipt: refused offline with the reason");
  await screenshot(page, '03-other-register-refused');
});
