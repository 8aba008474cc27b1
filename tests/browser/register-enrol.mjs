// The register UI, loyalty enrolment and scale labels: the cashier enrols a new customer at the till (bad input is refused
// with a clear message), the customer is attached to the sale, a price-embedded barcode adds a package at its label price,
// a misread label is refused, and the sale completes online for the new customer.
// Run by ChainPos.StoreAgent.Tests.RegisterEnrolUiTests against a real agent and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
//   REGISTER_LABEL                   a valid price-embedded EAN-13 of a product (2.50 on its label)
//   REGISTER_BAD_LABEL               the same label with a wrong check digit
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');
const label = required('REGISTER_LABEL');
const badLabel = required('REGISTER_BAD_LABEL');

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  await page.fill('[data-testid=employee]', employee);
  for (const digit of pin) await page.click(`.keypad[data-target=pin] button:text-is("${digit}")`);
  await page.fill('[data-testid=float]', '100.00');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');

  await page.click('[data-testid=enrol-open]');
  await page.waitForSelector('[data-testid=enrol][open]');
  const customerId = await page.inputValue('[data-testid=enrol-id]');
  check(/^C-[0-9A-F]{12}$/.test(customerId), `the form made a customer id (${customerId})`);
  await page.click('[data-testid=enrol-ok]');
  check((await page.textContent('[data-testid=enrol-error]')) === "Enter the customer's name.", 'no name: refused before anything is sent');
  await page.fill('[data-testid=enrol-name]', 'Grace Hopper');
  await page.fill('[data-testid=enrol-email]', 'grace-at-example');
  await page.click('[data-testid=enrol-ok]');
  check((await page.textContent('[data-testid=enrol-error]')).startsWith('That is not an e-mail address'), 'bad e-mail: refused with a clear message');
  await page.fill('[data-testid=enrol-email]', 'grace@example.com');
  await screenshot(page, '01-enrol-form');
  await page.click('[data-testid=enrol-ok]');
  await page.waitForSelector('[data-testid=enrol]', { state: 'hidden' });
  check((await page.textContent('[data-testid=customer-info]')).startsWith('Grace Hopper · enrolled'), 'enrolled and attached to the sale');
  check((await page.inputValue('[data-testid=customer]')) === customerId, 'the customer field holds the new id');

  await page.fill('[data-testid=scan]', badLabel);
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('sell-error').textContent.includes('wrong check digit'));
  check(true, 'a misread label is refused: wrong check digit');
  await page.fill('[data-testid=scan]', label);
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForSelector('[data-testid=line]');
  await page.waitForFunction(() => document.getElementById('total').textContent === '2.50');
  check((await page.textContent('[data-testid=line] .name')).includes('label 2.50'), 'scale label: one package at its label price 2.50');
  await page.fill('[data-testid=scan]', '4006381333931');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('total').textContent === '22.49');
  check(true, 'and a T-shirt: total 22.49');
  await screenshot(page, '02-basket');

  await page.fill('[data-testid=amount]', '25');
  await page.click('[data-testid=pay-cash]');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  const title = await page.textContent('[data-testid=done-title]');
  check(title.includes('S1-R1-000001') && !title.includes('offline'), `completed online (${title})`);
  check((await page.textContent('[data-testid=done-change]')) === 'Change 2.51', 'change 2.51');
  const receipt = await page.textContent('[data-testid=receipt]');
  check(receipt.includes('Cheese by weight') && receipt.includes('22.49'), 'receipt shows the cheese and the total');
  await screenshot(page, '03-receipt');
  console.log(`customer: ${customerId}`);
}, { viewport: { width: 1024, height: 768 } });
