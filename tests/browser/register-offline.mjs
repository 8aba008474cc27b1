// The register UI with the platform unreachable: the cashier signs in again (offline, cached PIN), the
// badge says offline, the status area shows the stock quota held, a cash sale completes offline and is queued, and the badge shows the backlog; then a
// 20 % line discount (above the cashier's limit) is approved by a supervisor on the register (a wrong PIN is
// refused first) and that sale is queued too.
// Run by ChainPos.StoreAgent.Tests.RegisterUiTests after it stopped the node; on a tablet-sized portrait screen.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier who opened the shift
//   REGISTER_SUPERVISOR, REGISTER_SUPERVISOR_PIN  a supervisor of the store
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const supervisor = required('REGISTER_SUPERVISOR');
const supervisorPin = required('REGISTER_SUPERVISOR_PIN');

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('#signin:not([hidden])');
  check(await page.isHidden('[data-testid=float]'), 'the shift is open: no float asked');
  await page.fill('[data-testid=employee]', employee);
  await page.fill('[data-testid=pin]', pin);
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');
  await page.waitForSelector('[data-testid=link][data-online=false]');
  check((await page.textContent('[data-testid=link]')).startsWith('Offline'), 'badge says Offline');
  await page.waitForSelector('[data-testid=quotas]:not([hidden])');
  check((await page.textContent('[data-testid=quotas]')).includes('APPLE 2 left until'), 'the status area shows the APPLE quota held');

  await page.fill('[data-testid=scan]', 'PEN');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  await page.click('[data-testid=line] button.plus');
  await page.waitForFunction(() => document.getElementById('total').textContent === '3.00');
  await page.fill('[data-testid=amount]', '5');
  await page.click('[data-testid=pay-cash]');
  await screenshot(page, '01-offline-basket');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  const title = await page.textContent('[data-testid=done-title]');
  check(title.includes('offline') && title.includes('S1-R1-OFF'), `completed offline and queued (${title})`);
  check((await page.textContent('[data-testid=done-change]')) === 'Change 2.00', 'change 2.00');
  check((await page.textContent('[data-testid=receipt]')).includes('Offline sale'), 'the receipt says it is an offline sale');
  await page.waitForSelector('[data-testid=link][data-backlog="1"]');
  check((await page.textContent('[data-testid=link]')).includes('1 queued'), 'badge shows 1 queued sale');
  await screenshot(page, '02-offline-receipt');

  // A discount above the cashier's 10 % limit while offline: the supervisor approves on this register.
  await page.click('[data-testid=new-sale]');
  await page.fill('[data-testid=scan]', '4006381333931');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  page.once('dialog', (dialog) => dialog.accept('20'));
  await page.click('[data-testid=line] button.disc');
  await page.waitForFunction(() => document.getElementById('total').textContent === '15.99');
  check(true, 'T-shirt 19.99 less 20 %: total 15.99');
  await page.click('[data-testid=pay-cash]');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('[data-testid=approval][open]');
  check((await page.textContent('[data-testid=approval-why]')).toLowerCase().includes('supervisor'), 'the register asks for a supervisor');
  await page.fill('[data-testid=approval-id]', supervisor);
  await page.fill('[data-testid=approval-pin]', '0000');
  await screenshot(page, '03-offline-approval');
  await page.click('[data-testid=approval-ok]');
  await page.waitForFunction(() => document.getElementById('approval').open && document.getElementById('approval-why').textContent.includes('refused'));
  check(true, 'a wrong supervisor PIN is refused offline and the approval is asked again');
  check((await page.inputValue('[data-testid=approval-pin]')) === '', 'the PIN field is cleared');
  await page.fill('[data-testid=approval-id]', supervisor);
  await page.fill('[data-testid=approval-pin]', supervisorPin);
  await page.click('[data-testid=approval-ok]');
  await page.waitForSelector('#done:not([hidden])');
  const approved = await page.textContent('[data-testid=done-title]');
  check(approved.includes('offline') && approved.includes('S1-R1-OFF'), `the approved sale completed offline (${approved})`);
  await page.waitForSelector('[data-testid=link][data-backlog="2"]');
  check(true, 'badge shows 2 queued sales');
  await screenshot(page, '04-offline-approved');
}, { viewport: { width: 768, height: 1024 } });
