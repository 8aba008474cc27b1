// The register UI, a full sale online: PIN sign-in opening the shift, scan by barcode, search by name,
// quantities, a line discount, a split cash + card payment with change, and the printed receipt.
// Run by ChainPos.StoreAgent.Tests.RegisterUiTests against a real agent and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');

await run(async (page) => {
  page.on('dialog', (dialog) => dialog.accept('10')); // the line discount prompt: 10 %
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  check(await page.isVisible('[data-testid=float]'), 'no shift open: sign-in asks for the opening float');
  await page.fill('[data-testid=employee]', employee);
  for (const digit of pin) await page.click(`.keypad[data-target=pin] button:text-is("${digit}")`);
  await page.fill('[data-testid=float]', '100.00');
  await screenshot(page, '01-sign-in');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');
  check((await page.textContent('[data-testid=cashier]')).includes('Cara'), 'signed in as the cashier');

  await page.fill('[data-testid=scan]', '4006381333931');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  check((await page.textContent('[data-testid=total]')) === '19.99', 'scanned T-shirt: total 19.99');

  await page.fill('[data-testid=scan]', 'mug');
  await page.click('[data-testid=results] button[data-sku=MUG]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 2);
  await page.click('[data-testid=line]:nth-child(2) button.plus');
  await page.waitForFunction(() => document.getElementById('total').textContent === '37.97');
  check(true, 'searched mug, quantity 2: total 37.97');

  await page.click('[data-testid=line]:nth-child(1) button.disc');
  await page.waitForFunction(() => document.getElementById('total').textContent === '35.97');
  check((await page.textContent('[data-testid=discounts]')) === '2.00', '10 % off the T-shirt: discount 2.00, total 35.97');
  await screenshot(page, '02-basket');

  await page.fill('[data-testid=amount]', '20');
  await page.click('[data-testid=pay-card]');
  await page.fill('[data-testid=amount]', '20');
  await page.click('[data-testid=pay-cash]');
  check((await page.textContent('[data-testid=paid]')) === '40.00', 'split: 20.00 card + 20.00 cash');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  const title = await page.textContent('[data-testid=done-title]');
  check(title.includes('S1-R1-000001') && !title.includes('offline'), `completed online as S1-R1-000001 (${title})`);
  check((await page.textContent('[data-testid=done-change]')) === 'Change 4.03', 'change 4.03 from the cash');
  const receipt = await page.textContent('[data-testid=receipt]');
  check(receipt.includes('T-shirt') && receipt.includes('Mug') && receipt.includes('35.97') && receipt.includes('****'), 'receipt shows items, total and the masked card');
  await screenshot(page, '03-receipt');
  await page.click('[data-testid=new-sale]');
  check((await page.textContent('[data-testid=total]')) === '0.00', 'new sale starts empty');
}, { viewport: { width: 1024, height: 768 } });
