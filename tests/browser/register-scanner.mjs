// The register UI with a scanner on the agent (a line-based scanner on TCP, not a keyboard wedge) and the virtual customer
// display: the .NET test sends the T-shirt's barcode to the agent's TCP scanner once this page listens, and the item lands in
// the basket as if typed into the scan box; a SKU typed into the scan box still works; the customer display (GET /api/display)
// follows the basket, shows the total at tender and the change after the cash sale.
// Run by ChainPos.StoreAgent.Tests.RegisterScannerUiTests against a real agent (fake TCP scanner) and node.
//   REGISTER_EMPLOYEE, REGISTER_PIN  the cashier
import { run, check, screenshot, baseUrl, required } from './lib/browser.mjs';

const employee = required('REGISTER_EMPLOYEE');
const pin = required('REGISTER_PIN');

// Polls the agent until the customer display shows these two rows (each 20 characters); false after 20 s.
async function displayShows(line1, line2) {
  const deadline = Date.now() + 20000;
  let shown = null;
  while (Date.now() < deadline) {
    shown = await (await fetch(`${baseUrl}/api/display`)).json();
    if (shown.line1 === line1.padEnd(20) && shown.line2 === line2.padEnd(20)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`the display shows ${JSON.stringify(shown)}`);
  return false;
}

await run(async (page) => {
  await page.goto(baseUrl + '/');
  await page.waitForSelector('[data-testid=link][data-online=true]');
  await page.fill('[data-testid=employee]', employee);
  await page.fill('[data-testid=pin]', pin);
  await page.fill('[data-testid=float]', '100.00');
  await page.click('[data-testid=signin-go]');
  await page.waitForSelector('#sell:not([hidden])');

  // The barcode comes from the scanner on the agent, not from the keyboard.
  await page.waitForSelector('[data-testid=line]', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('total').textContent === '19.99');
  check((await page.textContent('[data-testid=line] .name')) === 'T-shirt', 'the scanned barcode added the T-shirt: total 19.99');
  check((await page.inputValue('[data-testid=scan]')) === '', 'the scan box is cleared, as after a typed scan');
  check(await displayShows('T-shirt        19.99', 'TOTAL         €19.99'), 'the display shows the T-shirt and the running total');
  await screenshot(page, '01-scanned-by-the-scanner');

  await page.fill('[data-testid=scan]', 'MUG');
  await page.press('[data-testid=scan]', 'Enter');
  await page.waitForFunction(() => document.getElementById('total').textContent === '28.98');
  check((await page.$$('[data-testid=line]')).length === 2, 'a SKU typed into the scan box still adds the mug: total 28.98');
  check(await displayShows('Mug             8.99', 'TOTAL         €28.98'), 'the display shows the mug and the running total');

  await page.fill('[data-testid=amount]', '30');
  await page.click('[data-testid=pay-cash]');
  check(await displayShows('TOTAL         €28.98', ''), 'at tender the display shows the total');
  await page.click('[data-testid=complete]');
  await page.waitForSelector('#done:not([hidden])');
  check((await page.textContent('[data-testid=done-change]')) === 'Change 1.02', 'sale complete, change 1.02');
  check(await displayShows('PAID          €30.00', 'CHANGE         €1.02'), 'the display shows paid and change');
  await screenshot(page, '02-change');
});
