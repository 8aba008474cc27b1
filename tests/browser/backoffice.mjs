// Browser test of the back-office page (/backoffice/ on the node's HTTP port), run by
// ChainPos.Reports.Tests.BackofficePageTests against the real app, which has already rung sales through gRPC.
//
// Environment (besides CHAINPOS_BASE_URL and CHAINPOS_SCREENSHOT_DIR):
//   CHAINPOS_ADMIN_TOKEN   the admin credential to sign in with
//   CHAINPOS_DAY           the business day of the sales (yyyy-MM-dd)
//   EXPECT_B1_TOTAL        store B1's sales total in minor units when the page opens
//   EXPECT_B2_TOTAL        store B2's sales total
//   EXPECT_B1_LATER        B1's total after the test rings one more sale
//   CHAINPOS_READY_FILE    written once the first figures are checked; the test then rings that sale
//   EXPECT_LOW_SKU         a SKU of B1 under its reorder point, listed in the low-stock table
//   EXPECT_LOW_SUGGESTED   its suggested reorder quantity
//   EXPECT_MOVEMENT_REFERENCE  the sale id its movement history shows as the newest sale
//   EXPECT_PO_SUPPLIER     a supplier with a draft purchase order at B1 (the low SKU has no supplier)
//   EXPECT_PO_CSV          that draft's CSV, byte for byte, as the page's download button saves it
import { readFileSync, writeFileSync } from 'node:fs';
import { baseUrl, check, required, run, screenshot } from './lib/browser.mjs';

const token = required('CHAINPOS_ADMIN_TOKEN');
const day = required('CHAINPOS_DAY');
const b1 = Number(required('EXPECT_B1_TOTAL'));
const b2 = Number(required('EXPECT_B2_TOTAL'));
const b1Later = Number(required('EXPECT_B1_LATER'));
const readyFile = required('CHAINPOS_READY_FILE');
const lowSku = required('EXPECT_LOW_SKU');
const lowSuggested = required('EXPECT_LOW_SUGGESTED');
const movementReference = required('EXPECT_MOVEMENT_REFERENCE');
const poSupplier = required('EXPECT_PO_SUPPLIER');
const poCsv = required('EXPECT_PO_CSV');
const money = (minor) => (minor / 100).toFixed(2);
const bar = (chart, key) => `#chart-${chart} svg [data-key="${key}"]`;

async function valueOf(page, selector) {
  return Number(await page.getAttribute(selector, 'data-value'));
}

await run(async (page) => {
  await page.goto(`${baseUrl}/backoffice/?day=${day}&poll=500`);
  check(await page.isVisible('#signin'), 'the page asks for a credential first');
  check(await page.isHidden('#dashboard'), 'no figures are shown before signing in');
  await screenshot(page, '1-sign-in');

  await page.fill('#token', 'not-the-secret');
  await page.click('#signin button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#signin-error').textContent.length > 0);
  check((await page.textContent('#signin-error')).includes('not known'), 'a wrong credential is refused with a clear message');
  check(await page.isHidden('#dashboard'), 'a wrong credential shows no figures');

  await page.fill('#token', token);
  await page.click('#signin button[type=submit]');
  await page.waitForSelector(bar('stores', 'B1'));
  await page.waitForSelector(bar('stores', 'B2'));
  check(await page.evaluate(() => sessionStorage.getItem('chainpos.backoffice.token') !== null), 'the credential is kept in sessionStorage');
  check(await valueOf(page, bar('stores', 'B1')) === b1, `store chart: B1 sold ${money(b1)}`);
  check(await valueOf(page, bar('stores', 'B2')) === b2, `store chart: B2 sold ${money(b2)}`);
  check((await page.textContent('#chart-stores svg')).includes(money(b1)), 'store chart labels B1 with its amount');

  const hourBars = await page.$$eval('#chart-hours svg rect[data-key]', (rects) => rects.map((r) => Number(r.dataset.value)));
  check(hourBars.length === 24, 'hour chart has 24 bars');
  const chainTotal = Math.round(Number(await page.textContent('#kpi-total')) * 100);
  check(hourBars.reduce((a, b) => a + b, 0) === chainTotal, 'hour bars add up to the revenue figure');
  check(chainTotal >= b1 + b2, 'revenue includes both stores');
  const tenders = await page.$$eval('#chart-tenders svg [data-key]', (shapes) => shapes.map((s) => s.dataset.key));
  check(tenders.includes('cash') && tenders.includes('card'), 'tender mix shows cash and card');
  check(await page.isVisible(bar('skus', 'TEE')), 'best sellers show the T-shirt');
  await page.waitForSelector('#outstanding-points');
  check((await page.textContent('#outstanding tr[data-currency="EUR"]')).includes('EUR'), 'outstanding liability lists the EUR gift card balances');
  // Gift card liability chart: one bar per currency of the table, each with the table's amount.
  const currencies = await page.$$eval('#outstanding tr[data-currency]', (rows) => rows.map((r) => [r.dataset.currency, r.children[1].textContent]));
  const liabilityBars = await page.$$eval('#chart-giftcards svg rect[data-key]', (rects) => rects.map((r) => [r.dataset.key, Number(r.dataset.value)]));
  check(liabilityBars.length === currencies.length && liabilityBars.length >= 1, `gift card chart has one bar per currency (${liabilityBars.length} bars, ${currencies.length} currencies)`);
  check(liabilityBars.every(([unit, value], i) => currencies[i][0] === unit && currencies[i][1] === money(value)),
    `gift card bars carry the table's amounts (bars ${JSON.stringify(liabilityBars)}, table ${JSON.stringify(currencies)})`);

  await page.selectOption('#store', 'B1');
  await page.waitForSelector('#shifts[data-store="B1"] tr[data-register="R2"]');
  const z = await page.$$eval('#shifts tr[data-register="R2"] td', (tds) => tds.map((td) => td.textContent));
  check(z[2] === 'Z (closed)' && z[7] === '-1.50', `Z-report of B1/R2 shows the cash variance -1.50 (got ${z.join(' | ')})`);
  check(await page.isVisible('#shifts td.neg'), 'a short drawer is highlighted');
  // Cash variance chart: one bar per closed shift (R1 is open, so only R2), red and left of zero for a short drawer.
  await page.waitForSelector('#chart-variance svg rect[data-key="R2"]');
  const varianceBars = await page.$$eval('#chart-variance svg rect[data-key]', (rects) => rects.map((r) => [r.dataset.key, Number(r.dataset.value), r.getAttribute('fill')]));
  check(JSON.stringify(varianceBars) === JSON.stringify([['R2', -150, '#dc2626']]), `variance chart shows R2 at -1.50 in red only (got ${JSON.stringify(varianceBars)})`);
  const x = await page.$$eval('#shifts tr[data-register="R1"] td', (tds) => tds.map((td) => td.textContent));
  check(x[2] === 'X (open)', 'the open shift of B1/R1 shows as an X-report');
  check((await page.textContent('#liability')).includes('Gift card liability change'), 'liability table is shown for B1');
  await page.waitForSelector('#journal tbody tr');
  const journal = await page.$$eval('#journal tbody tr', (rows) => rows.map((r) => r.firstChild.textContent));
  check(journal.includes('revenue') && journal.includes('tender') && journal.includes('total'), 'the journal of B1 is listed');

  // Stock: the low-stock list of B1 and the movement history of that SKU.
  await page.waitForSelector(`#lowstock tr[data-sku="${lowSku}"]`, { timeout: 30_000 });
  const low = await page.$$eval(`#lowstock tr[data-sku="${lowSku}"] td`, (tds) => tds.map((td) => td.textContent));
  check(low[5] === lowSuggested, `low stock lists ${lowSku} with a suggestion of ${lowSuggested} (got ${low.join(' | ')})`);
  check(Number(await page.textContent('#lowstock-total')) >= Number(lowSuggested), 'the draft purchase order includes the suggestion');
  // Draft purchase orders: one per supplier, the items without a supplier last, each downloadable as CSV.
  await page.waitForSelector(`#drafts tr[data-supplier="${poSupplier}"]`, { timeout: 30_000 });
  const drafts = await page.$$eval('#drafts tbody tr', (rows) => rows.map((r) => r.dataset.supplier));
  check(drafts.length === 2 && drafts[0] === poSupplier && drafts[1] === '', `drafts: ${poSupplier}, then the unassigned one (got ${JSON.stringify(drafts)})`);
  const lowRow = await page.$$eval(`#lowstock tr[data-sku="${lowSku}"] td`, (tds) => tds.map((td) => td.textContent));
  check(lowRow[6] === '—', `${lowSku} has no supplier (got ${lowRow[6]})`);
  const [po] = await Promise.all([page.waitForEvent('download'), page.click(`#drafts tr[data-supplier="${poSupplier}"] button`)]);
  check(po.suggestedFilename() === `purchase-order-B1-${poSupplier}.csv`, `the download is named after store and supplier (got ${po.suggestedFilename()})`);
  const saved = readFileSync(await po.path(), 'utf8');
  check(saved === poCsv, `the ${poSupplier} draft downloads as the exact CSV (got ${JSON.stringify(saved)})`);
  await page.fill('#movements-sku', lowSku);
  await page.click('#movements-form button[type=submit]');
  await page.waitForSelector('#movements tbody tr');
  const moves = await page.$$eval('#movements tbody tr', (rows) => rows.map((r) => [...r.children].map((td) => td.textContent)));
  check(moves.some((m) => m[1] === 'Sale' && m[2] === '-2' && m[4] === movementReference), `movements of ${lowSku} show the sale ${movementReference} taking 2 (got ${JSON.stringify(moves)})`);
  // On hand over time: one point per movement, oldest first, at the on hand after each (the table is newest first).
  await page.waitForSelector('#chart-onhand svg circle[data-key]');
  const onHand = await page.$$eval('#chart-onhand svg circle[data-key]', (dots) => dots.map((d) => Number(d.dataset.value)));
  const expectedOnHand = moves.map((m) => Number(m[3])).reverse();
  check(onHand.length === moves.length && JSON.stringify(onHand) === JSON.stringify(expectedOnHand),
    `on-hand chart has ${moves.length} points ${JSON.stringify(expectedOnHand)} (got ${JSON.stringify(onHand)})`);
  check(onHand[onHand.length - 1] === -2, `the chart ends at on hand -2 (got ${onHand[onHand.length - 1]})`);
  await screenshot(page, '2a-charts-stock-liability-variance');
  await page.fill('#movements-sku', 'NO-SUCH-SKU');
  await page.click('#movements-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#movements-error').textContent.length > 0);
  check(await page.$$eval('#movements tbody tr', (rows) => rows.length) === 0, 'an unknown SKU shows an error and no rows');
  await screenshot(page, '2-dashboard');

  // Live: the test rings one more sale at B1 now; the page must show it without a reload.
  const countBefore = Number(await page.textContent('#kpi-count'));
  writeFileSync(readyFile, 'ready');
  await page.waitForFunction(
    ([selector, expected]) => Number(document.querySelector(selector)?.dataset.value) === expected,
    [bar('stores', 'B1'), b1Later],
    { timeout: 60_000 },
  );
  check(await valueOf(page, bar('stores', 'B1')) === b1Later, `after one more sale the B1 bar shows ${money(b1Later)} without a reload`);
  check(Number(await page.textContent('#kpi-count')) > countBefore, 'the sales count went up');
  // That sale took one more T-shirt: the on-hand chart now steps from -2 to -3.
  await page.fill('#movements-sku', lowSku);
  await page.click('#movements-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#chart-onhand svg circle[data-key]').length === 2, null, { timeout: 30_000 });
  const stepped = await page.$$eval('#chart-onhand svg circle[data-key]', (dots) => dots.map((d) => Number(d.dataset.value)));
  check(JSON.stringify(stepped) === '[-2,-3]', `on-hand chart after the live sale is [-2,-3] (got ${JSON.stringify(stepped)})`);
  await screenshot(page, '3-after-live-sale');

  await page.reload();
  await page.waitForSelector(bar('stores', 'B1'));
  check(await page.isHidden('#signin'), 'a reload stays signed in for the browser session');
  await page.click('#signout');
  check(await page.isVisible('#signin'), 'signing out shows the sign-in form');
  check(await page.evaluate(() => sessionStorage.getItem('chainpos.backoffice.token') === null), 'signing out forgets the credential');
}, { viewport: { width: 1280, height: 900 } });
