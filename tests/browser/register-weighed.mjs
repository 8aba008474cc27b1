// The register UI and products sold by weight: a weight label adds the package with its weight and amount, a misread label
// is refused, a loose item picked by search is weighed and its weight typed on the touch keypad, and the sale completes
// online with the weights on the receipt.
// Run by ChainPos.StoreAgent.Tests.RegisterWeighedUiTests against a real agent and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
//   REGISTER_WEIGHT_LABEL            a valid weight label of a product at 5.98/kg carrying 512 g
//   REGISTER_BAD_LABEL               the same label with a wrong check digit
//   REGISTER_SEARCH                  text that finds that product by name
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const label = required('REGISTER_WEIGHT_LABEL');
const badLabel = required('REGISTER_BAD_LABEL');
const search = required('REGISTER_SEARCH');

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  await page.fill('[data-testid=employee]', employee);
  for (const digit of pin) await page.click(`.keypad[data-target=pin] button:text-is("${digit}")`);
  await page.fill('[data-testid=float]', '100.00');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');

  await page.fill('[data-testid=scan]', badLabel);
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('sell-error').textContent.includes('wrong check digit'));
  check(true, 'a misread weight label is refused: wrong check digit');
  await page.fill('[data-testid=scan]', label);
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('total').textContent === '3.06');
  const first = page.locator('[data-testid=line]').nth(0);
  check((await first.locator('.name').textContent()).includes('0.512 kg @ 5.98/kg'), 'weight label: the line shows 0.512 kg @ 5.98/kg');
  check((await first.locator('.amount').textContent()) === '3.06', 'and its amount 3.06 (5.98 × 0.512 = 3.06176)');
  check(await first.locator('.qty').isHidden(), 'a weighed line has no quantity buttons');

  await page.fill('[data-testid=scan]', search);
  await page.locator('[data-testid=results] button', { hasText: '/kg' }).first().click();
  await page.waitForSelector('[data-testid=weigh][open]');
  check((await page.textContent('[data-testid=weigh-price]')) === '5.98 per kg', 'picked by search: the weigh dialog shows the price per kg');
  for (const key of '0.25') await page.click(`.keypad[data-target=weigh-kg] button:text-is("${key}")`);
  await screenshot(page, '01-weigh');
  await page.click('[data-testid=weigh-ok]');
  await page.waitForFunction(() => document.getElementById('total').textContent === '4.56');
  const second = page.locator('[data-testid=line]').nth(1);
  check((await second.locator('.name').textContent()).includes('0.250 kg @ 5.98/kg'), 'typed weight: the line shows 0.250 kg');
  check((await second.locator('.amount').textContent()) === '1.50', 'and its amount 1.50 (1.495 rounds half up)');
  await screenshot(page, '02-basket');

  await page.fill('[data-testid=amount]', '5');
  await page.click('[data-testid=pay-cash]');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  const title = await page.textContent('[data-testid=done-title]');
  check(title.includes('S1-R1-000001') && !title.includes('offline'), `completed online (${title})`);
  check((await page.textContent('[data-testid=done-change]')) === 'Change 0.44', 'change 0.44');
  const receipt = await page.textContent('[data-testid=receipt]');
  check(receipt.includes('0.512 kg @ 5.98/kg') && receipt.includes('0.250 kg @ 5.98/kg') && receipt.includes('4.56'), 'the receipt shows both weights and the total');
  await screenshot(page, '03-receipt');
}, { viewport: { width: 1024, height: 768 } });
