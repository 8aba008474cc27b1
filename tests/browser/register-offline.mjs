// The register UI with the platform unreachable: the cashier signs in again (offline, cached PIN), the
// badge says offline, a cash sale completes offline and is queued, and the badge shows the backlog.
// Run by ChainPos.StoreAgent.Tests.RegisterUiTests after it stopped the node; on a tablet-sized portrait screen.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier who opened the shift
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');

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
}, { viewport: { width: 768, height: 1024 } });
