// ChainPos register UI: plain JavaScript, no framework, no build step. Talks only to the local agent's
// JSON API (docs/store-agent.md); money is integer minor units everywhere, formatted only for display.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { token: sessionStorage.getItem('token'), status: null, lines: [], basketDiscountBp: 0, customerId: null, tenders: [], priced: null, saleId: newId(), supervisor: null };

function newId() {
  return (crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));
}

function money(minor) {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function parseMoney(text) {
  const m = /^\s*(\d+)(?:[.,](\d{1,2}))?\s*$/.exec(text || '');
  return m ? Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0')) : null;
}

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (state.token) headers['X-Session'] = state.token;
  const response = await fetch(`/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401 && path !== 'signin') { signOut(); }
  if (!response.ok) { const e = new Error((data && data.error) || `HTTP ${response.status}`); e.status = response.status; throw e; }
  return data;
}

function show(section) {
  for (const id of ['signin', 'sell', 'done', 'z', 'parked', 'returns']) $(id).hidden = id !== section;
  const signedIn = section !== 'signin';
  $('close-shift').hidden = !signedIn || section === 'z';
  $('open-returns').hidden = !signedIn || section === 'z';
  $('no-sale').hidden = !signedIn || section === 'z';
  $('sign-out').hidden = !signedIn;
}

async function refreshStatus() {
  try {
    const s = state.status = await api('GET', 'status');
    $('store').textContent = `${s.storeName || s.storeId} · register ${s.registerId}`;
    const b = s.backlog;
    const badge = $('link');
    badge.className = `badge ${s.online ? 'online' : 'offline'}`;
    const age = b.oldestAgeSeconds >= 60 ? `${Math.floor(b.oldestAgeSeconds / 60)} min` : `${b.oldestAgeSeconds} s`;
    badge.textContent = (s.online ? 'Online' : 'Offline') + (b.sales > 0 ? ` · ${b.sales} queued · oldest ${age}` : '') + (b.rejected > 0 ? ` · ${b.rejected} rejected` : '');
    badge.dataset.online = String(s.online);
    badge.dataset.backlog = String(b.sales);
    // Limited items: what this register may still sell of each while offline, and until when.
    const quotas = s.quotas || [];
    $('quotas').hidden = quotas.length === 0;
    $('quotas').textContent = 'Offline quota: ' + quotas.map(q => q.leaseId && q.expiresAt
      ? `${q.sku} ${q.left} left until ${new Date(q.expiresAt).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}`
      : `${q.sku} none held`).join(' · ');
    $('float-row').hidden = !!s.shift;
    $('returns-offline').hidden = s.online;
    $('suspend').title = $('show-parked').title = s.online ? '' : 'Needs the link to the platform';
    if (typeof renderAllowances === 'function') renderAllowances(s);
  } catch { /* the agent itself is restarting: keep the last badge */ }
}

// Sign-in
async function signIn() {
  $('signin-error').textContent = '';
  try {
    const openingFloat = $('float-row').hidden ? null : parseMoney($('float').value || '0');
    const r = await api('POST', 'signin', { employeeId: $('employee').value.trim(), pin: $('pin').value, openingFloat });
    state.token = r.token;
    sessionStorage.setItem('token', r.token);
    $('cashier').textContent = r.cashier;
    $('pin').value = '';
    newSale();
  } catch (e) {
    $('signin-error').textContent = e.message;
  }
}

function signOut() {
  if (state.token) fetch('/api/signout', { method: 'POST', headers: { 'X-Session': state.token } }).catch(() => {});
  state.token = null;
  sessionStorage.removeItem('token');
  $('cashier').textContent = '';
  show('signin');
  refreshStatus();
}

// Basket
function newSale() {
  Object.assign(state, { lines: [], basketDiscountBp: 0, customerId: null, tenders: [], priced: null, saleId: newId(), supervisor: null });
  $('customer').value = '';
  $('customer-info').textContent = '';
  $('sell-error').textContent = '';
  $('results').replaceChildren();
  show('sell');
  render();
  $('scan').focus();
  if (typeof displayIdle === 'function') displayIdle();
}

// Grams as kilograms with three decimals: 512 is "0.512".
function kg(grams) {
  return `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}

// "0.512" or "1,2" kg typed on the keypad, in grams; null when it is not a weight.
function parseKg(text) {
  const m = /^\s*(\d{1,3})?(?:[.,](\d{1,3}))?\s*$/.exec(text || '');
  return m && (m[1] || m[2]) ? Number(m[1] || '0') * 1000 + Number((m[2] || '0').padEnd(3, '0')) : null;
}

function weighedName(product, grams) {
  return `${product.name} ${kg(grams)} kg @ ${money(product.price)}/kg`;
}

function add(product) {
  // An item sold by weight is one line per weighing: from its weight label, or weighed and typed in by the cashier.
  if (product.soldByWeight && !product.weightGrams) { askWeight(product); return; }
  // A scale label (price-embedded barcode) is one package at its own price: always a line of its own.
  const line = !product.barcode && !product.soldByWeight && state.lines.find((l) => l.sku === product.sku && !l.discountBasisPoints && !l.barcode && !l.weightGrams);
  if (line) line.quantity++;
  else if (product.weightGrams) state.lines.push({ sku: product.sku, name: weighedName(product, product.weightGrams), quantity: 1, discountBasisPoints: 0, barcode: product.barcode || null, weightGrams: product.weightGrams });
  else if (product.barcode) state.lines.push({ sku: product.sku, name: `${product.name} (label ${money(product.embeddedPrice)})`, quantity: 1, discountBasisPoints: 0, barcode: product.barcode });
  else state.lines.push({ sku: product.sku, name: product.name, quantity: 1, discountBasisPoints: 0 });
  state.lastAdded = product.sku;
  $('results').replaceChildren();
  $('scan').value = '';
  reprice();
}

function basket() {
  return {
    // A weight label carries its own weight; a typed weight travels as weightGrams.
    lines: state.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, discountBasisPoints: l.discountBasisPoints, barcode: l.barcode || null, weightGrams: l.barcode ? null : (l.weightGrams || null) })),
    discountBasisPoints: state.basketDiscountBp,
    customerId: state.customerId,
  };
}

async function reprice() {
  state.tenders = [];
  $('sell-error').textContent = '';
  if (state.lines.length === 0) { state.priced = null; render(); if (typeof displayBasket === 'function') displayBasket(); return; }
  try {
    state.priced = await api('POST', 'basket/price', basket());
  } catch (e) {
    $('sell-error').textContent = e.message;
  }
  render();
  if (typeof displayBasket === 'function') displayBasket();
}

function render() {
  const tbody = $('basket').tBodies[0];
  tbody.replaceChildren();
  const priced = state.priced;
  state.lines.forEach((line, i) => {
    const p = priced && priced.lines[i];
    const tr = document.createElement('tr');
    tr.dataset.testid = 'line';
    tr.innerHTML = `<td class="name"></td><td><span class="qty"><button class="small minus">−</button><b class="q"></b><button class="small plus">+</button></span></td>`
      + `<td class="num amount"></td><td><button class="small disc">%</button> <button class="small del">✕</button></td>`;
    tr.querySelector('.name').textContent = line.name + (p && p.discount ? ` (−${money(p.discount)})` : '');
    tr.querySelector('.q').textContent = line.quantity;
    tr.querySelector('.amount').textContent = p ? money(p.net) : '';
    tr.querySelector('.minus').onclick = () => { if (line.quantity > 1) { line.quantity--; reprice(); } };
    tr.querySelector('.plus').onclick = () => { line.quantity++; reprice(); };
    if (line.barcode || line.weightGrams) tr.querySelector('.qty').hidden = true;
    tr.querySelector('.del').onclick = () => { state.lines.splice(i, 1); reprice(); };
    tr.querySelector('.disc').onclick = () => {
      const pct = prompt('Line discount in %', line.discountBasisPoints / 100);
      if (pct !== null) { line.discountBasisPoints = Math.round(Number(pct) * 100) || 0; reprice(); }
    };
    tbody.appendChild(tr);
  });
  const total = priced ? priced.total : 0;
  const paid = state.tenders.reduce((s, t) => s + t.amount, 0);
  $('subtotal').textContent = money(priced ? priced.subtotal : 0);
  $('discounts').textContent = money(priced ? priced.discountTotal : 0);
  $('tax').textContent = money(priced ? priced.taxTotal : 0);
  $('total').textContent = money(total);
  $('paid').textContent = money(paid);
  $('due').textContent = money(Math.max(0, total - paid));
  $('tender-list').replaceChildren(...state.tenders.map((t) => {
    const li = document.createElement('li');
    li.textContent = `${t.type} ${money(t.amount)}`;
    return li;
  }));
  $('complete').disabled = !(priced && total > 0 && paid >= total);
}

async function scan(event) {
  event.preventDefault();
  // A scanner types faster than the search-as-you-type delay: the scan, not a search for its digits, answers.
  clearTimeout(searchTimer);
  const code = $('scan').value.trim();
  if (!code) return;
  try {
    add(await api('GET', `products/scan/${encodeURIComponent(code)}`));
  } catch (e) {
    // A barcode with a wrong check digit is a misread: say so instead of searching for it.
    if (e.status === 400) { $('sell-error').textContent = e.message; $('scan').select(); } else search(code);
  }
}

let searchTimer;
function searchSoon() {
  clearTimeout(searchTimer);
  const q = $('scan').value.trim();
  if (q.length >= 2) searchTimer = setTimeout(() => search(q), 200);
}

async function search(q) {
  try {
    const products = await api('GET', `products?q=${encodeURIComponent(q)}`);
    $('results').replaceChildren(...products.map((p) => {
      const b = document.createElement('button');
      b.textContent = `${p.name} ${money(p.price)}${p.soldByWeight ? '/kg' : ''}`;
      b.dataset.sku = p.sku;
      b.onclick = () => add(p);
      return b;
    }));
    if (products.length === 0) $('sell-error').textContent = `Nothing found for "${q}".`;
  } catch (e) {
    $('sell-error').textContent = e.message;
  }
}

// Tenders and completion
function addTender(type) {
  if (!state.priced) return;
  const due = state.priced.total - state.tenders.reduce((s, t) => s + t.amount, 0);
  const typed = parseMoney($('amount').value);
  let amount = typed === null ? due : typed;
  if (type !== 'cash') amount = Math.min(amount, due);
  if (amount <= 0) return;
  const tender = { type, amount };
  if (type === 'giftcard') {
    tender.giftCardCode = prompt('Gift card number');
    if (!tender.giftCardCode) return;
  }
  if (type === 'points' && !state.customerId) { $('sell-error').textContent = 'Look up the loyalty customer first.'; return; }
  state.tenders.push(tender);
  $('amount').value = '';
  render();
  if (typeof displayTotal === 'function') displayTotal();
}

async function complete() {
  $('complete').disabled = true;
  $('sell-error').textContent = '';
  const sale = { saleId: state.saleId, basket: basket(), tenders: state.tenders, ...(state.supervisor || {}) };
  try {
    const r = await api('POST', 'sales', sale);
    $('done-title').textContent = r.mode === 'offline' ? `Sale complete — offline, queued (${r.receiptNumber})` : `Sale complete (${r.receiptNumber})`;
    $('done-change').textContent = r.change > 0 ? `Change ${money(r.change)}` : '';
    $('receipt').textContent = (r.receiptText || '') + (r.printerError ? `\n[printer: ${r.printerError}]` : '');
    state.lastSaleId = r.saleId;
    $('print-row').hidden = false;
    show('done');
    refreshStatus();
  } catch (e) {
    // No answer, or the agent or the platform failed (5xx): the sale may be journaled and the card charged, so the retry
    // must be the same sale (the agent records it once and the terminal answers the same reference with its first outcome).
    if (e.status === undefined || e.status >= 500) { $('sell-error').textContent = `${e.message} — tap Complete again (same sale).`; render(); return; }
    state.saleId = newId(); // the agent answered: this id is used up
    if (e.status === 403 && /supervisor/i.test(e.message)) {
      // Nothing was charged: the approval is asked before any tender is taken. Offline the agent checks the PIN itself.
      const approval = await askSupervisor(e.message);
      if (approval) {
        state.supervisor = approval;
        $('sell-error').textContent = '';
        return complete();
      }
    }
    state.tenders = [];
    $('sell-error').textContent = e.message;
    render();
    refreshStatus();
  }
}

async function lookUpCustomer() {
  const id = $('customer').value.trim();
  if (!id) { state.customerId = null; $('customer-info').textContent = ''; reprice(); return; }
  try {
    const c = await api('GET', `customers/${encodeURIComponent(id)}`);
    state.customerId = c.customerId;
    $('customer-info').textContent = `${c.displayName} · ${c.tier} · ${c.availablePoints} points`;
  } catch (e) {
    state.customerId = null;
    $('customer-info').textContent = e.message;
  }
  reprice();
}

async function closeShift() {
  const counted = prompt('Count the cash in the drawer');
  if (counted === null) return;
  try {
    const r = await api('POST', 'shift/close', { countedCash: parseMoney(counted) ?? -1 });
    const z = r.z;
    $('z-report').textContent = [
      `Shift ${z.shiftId}`, `Sales ${z.salesCount}  ${money(z.salesTotal)}`, `Refunds ${z.refundsCount}  ${money(z.refundsTotal)}`,
      ...z.tenders.map((t) => `${t.type} ${t.count}  ${money(t.amount)}`),
      `No sale ${z.noSaleCount}`, `Expected cash ${money(z.expectedCash)}`, `Counted ${money(z.countedCash)}`, `Variance ${money(z.cashVariance)}`,
      ...(z.lateSalesCount ? [`Late sales ${z.lateSalesCount}  ${money(z.lateSalesTotal)}`] : []),
      ...(r.queuedSales ? [`${r.queuedSales} sales still queued: the Z-report is corrected when they arrive`] : []),
    ].join('\n');
    state.token = null;
    sessionStorage.removeItem('token');
    show('z');
  } catch (e) {
    $('sell-error').textContent = e.message;
  }
}

function keypads() {
  for (const pad of document.querySelectorAll('.keypad')) {
    const target = $(pad.dataset.target);
    for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', pad.dataset.decimal ? '.' : 'C', '0', '⌫']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = key;
      b.onclick = () => {
        if (key === '⌫') target.value = target.value.slice(0, -1);
        else if (key === 'C') target.value = '';
        else target.value += key;
      };
      pad.appendChild(b);
    }
  }
}

// Suspend and resume: parked baskets live on the platform, shared by the store's registers.
async function suspend() {
  $('sell-error').textContent = '';
  if (state.lines.length === 0) { $('sell-error').textContent = 'The basket is empty.'; return; }
  if (state.tenders.length > 0) { $('sell-error').textContent = 'Tenders were taken: complete the sale or clear them first.'; return; }
  const label = prompt('Label for this basket (e.g. customer name)', '');
  if (label === null) return;
  try {
    await api('POST', 'suspended', { suspendId: newId(), label, basket: basket() });
    newSale();
    $('sell-error').textContent = `Basket "${label || 'Basket'}" suspended.`;
  } catch (e) {
    $('sell-error').textContent = e.message;
  }
}

async function showParked() {
  $('parked-error').textContent = '';
  $('parked-list').replaceChildren();
  show('parked');
  try {
    const list = await api('GET', 'suspended');
    $('parked-list').replaceChildren(...list.map((p) => {
      const b = document.createElement('button');
      b.textContent = `${p.label} · ${p.lines} items · register ${p.registerId} · ${new Date(p.suspendedAt).toLocaleTimeString()}`;
      b.dataset.suspendId = p.suspendId;
      b.onclick = () => resume(p.suspendId);
      return b;
    }));
    if (list.length === 0) $('parked-error').textContent = 'No suspended baskets in this store.';
  } catch (e) {
    $('parked-error').textContent = e.message;
  }
}

async function resume(suspendId) {
  try {
    const r = await api('POST', `suspended/${encodeURIComponent(suspendId)}/resume`, {});
    newSale();
    const products = {};
    for (const l of r.basket.lines) {
      if (!products[l.sku]) products[l.sku] = await api('GET', `products/scan/${encodeURIComponent(l.sku)}`).catch(() => ({ name: l.sku, price: 0 }));
    }
    state.lines = r.basket.lines.map((l) => ({
      sku: l.sku, name: l.weightGrams ? weighedName(products[l.sku], l.weightGrams) : products[l.sku].name, quantity: l.quantity,
      discountBasisPoints: l.discountBasisPoints, barcode: l.barcode || undefined, weightGrams: l.weightGrams || undefined,
    }));
    state.customerId = r.basket.customerId || null;
    $('customer').value = state.customerId || '';
    await reprice();
  } catch (e) {
    $('parked-error').textContent = e.message;
  }
}

// Reprint and gift receipt of the last sale
async function printAgain(gift) {
  try {
    const r = await api('POST', `sales/${encodeURIComponent(state.lastSaleId)}/print`, { gift });
    $('receipt').textContent = (r.receiptText || '') + (r.printerError ? `\n[printer: ${r.printerError}]` : '');
  } catch (e) {
    $('receipt').textContent = e.message;
  }
}

// Supervisor approval: a dialog (the PIN is never shown), resolved with { supervisorId, supervisorPin } or null.
function askSupervisor(why) {
  return new Promise((resolve) => {
    const dialog = $('approval');
    $('approval-why').textContent = why;
    $('approval-id').value = '';
    $('approval-pin').value = '';
    dialog.onclose = () => {
      const id = $('approval-id').value.trim();
      const pin = $('approval-pin').value;
      $('approval-pin').value = '';
      resolve(dialog.returnValue === 'ok' && id && pin ? { supervisorId: id, supervisorPin: pin } : null);
    };
    dialog.returnValue = '';
    dialog.showModal();
    $('approval-id').focus();
  });
}

// A product sold by weight picked by search or typed in: the cashier weighs it and types the weight in kg.
function askWeight(product) {
  const dialog = $('weigh');
  $('weigh-title').textContent = `Weigh: ${product.name}`;
  $('weigh-price').textContent = `${money(product.price)} per kg`;
  $('weigh-kg').value = '';
  dialog.onclose = () => {
    if (dialog.returnValue !== 'ok') return;
    const grams = parseKg($('weigh-kg').value);
    if (!grams || grams > 100000) { $('sell-error').textContent = 'Enter a weight between 0.001 and 100 kg.'; return; }
    add({ ...product, weightGrams: grams, barcode: null });
  };
  dialog.returnValue = '';
  dialog.showModal();
  $('weigh-kg').focus();
}

// Returns against a receipt, or without one. Offline: only receipts in this register's journal, refunded in cash only.
const ret = { sale: null, qty: {}, refundTo: 'original', returnId: newId(), noReceipt: false, items: [] };

function setReturnMode(noReceipt) {
  Object.assign(ret, { sale: null, qty: {}, refundTo: noReceipt ? 'cash' : 'original', returnId: newId(), noReceipt, items: [] });
  $('mode-receipt').classList.toggle('on', !noReceipt);
  $('mode-noreceipt').classList.toggle('on', noReceipt);
  $('return-form').hidden = noReceipt;
  $('noreceipt').hidden = !noReceipt;
  $('return-reason').value = '';
  $('return-sale').textContent = '';
  $('return-error').textContent = '';
  $('refund-to').hidden = true;
  renderReturn();
  $(noReceipt ? 'noreceipt-scan' : 'return-receipt').focus();
}

async function addNoReceiptItem(event) {
  event.preventDefault();
  $('return-error').textContent = '';
  const code = $('noreceipt-scan').value.trim();
  if (!code) return;
  try {
    const p = await api('GET', `products/scan/${encodeURIComponent(code)}`);
    if (!ret.items.some((i) => i.sku === p.sku)) ret.items.push({ sku: p.sku, name: p.name, price: p.price });
    ret.qty[p.sku] = (ret.qty[p.sku] || 0) + 1;
    ret.returnId = newId();
    $('noreceipt-scan').value = '';
    renderReturn();
  } catch (e) {
    $('return-error').textContent = e.message;
  }
}

function isOffline() {
  return !!state.status && !state.status.online;
}

function openReturns() {
  Object.assign(ret, { sale: null, qty: {}, refundTo: isOffline() ? 'cash' : 'original', returnId: newId(), noReceipt: false, items: [] });
  $('mode-receipt').classList.add('on');
  $('mode-noreceipt').classList.remove('on');
  $('return-form').hidden = false;
  $('noreceipt').hidden = true;
  $('return-receipt').value = '';
  $('return-sale').textContent = '';
  $('return-error').textContent = '';
  $('refund-total').textContent = '';
  $('refund-to').hidden = true;
  $('return-lines').tBodies[0].replaceChildren();
  $('return-go').disabled = true;
  show('returns');
  $('return-receipt').focus();
}

async function findReturnSale(event) {
  event.preventDefault();
  $('return-error').textContent = '';
  const code = $('return-receipt').value.trim();
  if (!code) return;
  try {
    ret.sale = await api('GET', `returns/sale/${encodeURIComponent(code)}`);
    ret.qty = {};
    ret.returnId = newId();
    if (isOffline()) ret.refundTo = 'cash';
    const s = ret.sale;
    $('return-sale').textContent = `Receipt ${s.receiptNumber}${s.registerId ? ` (register ${s.registerId})` : ''} · ${money(s.total)} · ${s.tenders.map((t) => t.type + (t.cardLast4 ? ` ****${t.cardLast4}` : '')).join(', ')}`;
    $('refund-to').hidden = false;
    renderReturn();
  } catch (e) {
    ret.sale = null;
    $('return-error').textContent = e.message;
    renderReturn();
  }
}

function returnLines() {
  return Object.entries(ret.qty).filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity }));
}

async function renderReturn() {
  const tbody = $('return-lines').tBodies[0];
  tbody.replaceChildren();
  for (const item of ret.noReceipt ? ret.items : []) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'return-line';
    tr.innerHTML = `<td class="name"></td><td class="num paid"></td><td><span class="qty"><button class="small minus">−</button><b class="q"></b><button class="small plus">+</button></span></td>`;
    const q = ret.qty[item.sku] || 0;
    tr.querySelector('.name').textContent = item.name;
    tr.querySelector('.paid').textContent = money(item.price);
    tr.querySelector('.q').textContent = q;
    tr.querySelector('.minus').onclick = () => { ret.qty[item.sku] = Math.max(0, q - 1); ret.returnId = newId(); renderReturn(); };
    tr.querySelector('.plus').onclick = () => { ret.qty[item.sku] = Math.min(9999, q + 1); ret.returnId = newId(); renderReturn(); };
    tbody.appendChild(tr);
  }
  for (const l of ret.sale ? ret.sale.lines : []) {
    const tr = document.createElement('tr');
    tr.dataset.testid = 'return-line';
    tr.innerHTML = `<td class="name"></td><td class="num paid"></td><td><span class="qty"><button class="small minus">−</button><b class="q"></b><button class="small plus">+</button></span></td><td class="returned"></td>`;
    const q = ret.qty[l.sku] || 0;
    const returnable = ret.sale.lines.filter((x) => x.sku === l.sku).reduce((s, x) => s + x.returnable, 0);
    tr.querySelector('.name').textContent = `${l.quantity} x ${l.name}`;
    tr.querySelector('.paid').textContent = money(l.net);
    tr.querySelector('.q').textContent = q;
    tr.querySelector('.returned').textContent = l.returned ? `${l.returned} returned` : '';
    tr.querySelector('.minus').onclick = () => { ret.qty[l.sku] = Math.max(0, q - 1); renderReturn(); };
    tr.querySelector('.plus').onclick = () => { ret.qty[l.sku] = Math.min(returnable, q + 1); renderReturn(); };
    tbody.appendChild(tr);
  }
  $('refund-original').classList.toggle('on', ret.refundTo === 'original');
  $('refund-cash').classList.toggle('on', ret.refundTo === 'cash');
  const lines = returnLines();
  $('return-go').disabled = true;
  $('refund-total').textContent = '';
  if ((!ret.sale && !ret.noReceipt) || lines.length === 0) return;
  try {
    const quote = await api('POST', 'returns/quote', { returnId: ret.returnId, receipt: ret.noReceipt ? null : ret.sale.saleId, lines, refundTo: ret.refundTo });
    $('refund-total').textContent = `Refund ${money(quote.refundTotal)} · ${quote.tenders.map((t) => `${t.type} ${money(t.amount)}`).join(' + ')}`;
    $('return-error').textContent = '';
    // Offline the agent refuses what it cannot refund (card, no receipt) already at the quote, with the reason shown below.
    $('return-go').disabled = false;
  } catch (e) {
    $('return-error').textContent = e.message;
  }
}

async function doReturn() {
  $('return-go').disabled = true;
  $('return-error').textContent = '';
  let approval = {};
  if (ret.noReceipt) {
    approval = await askSupervisor('A return without receipt needs a supervisor.');
    if (!approval) { $('return-go').disabled = false; return; }
  }
  try {
    const r = await api('POST', 'returns', {
      returnId: ret.returnId, receipt: ret.noReceipt ? null : ret.sale.saleId, lines: returnLines(), refundTo: ret.refundTo,
      reason: ret.noReceipt ? $('return-reason').value.trim() || null : null, ...approval,
    });
    $('done-title').textContent = `Refund complete (${r.receiptNumber})` + (r.mode === 'pending' ? ' · offline, recorded when the link is back' : '');
    $('done-change').textContent = `Refund ${money(r.refundTotal)} · ${r.tenders.map((t) => `${t.type} ${money(t.amount)}`).join(' + ')}`;
    $('receipt').textContent = (r.receiptText || '') + (r.printerError ? `\n[printer: ${r.printerError}]` : '');
    $('print-row').hidden = true;
    show('done');
  } catch (e) {
    // A 503 may have reached the platform: keep the same return id, so tapping Refund again refunds at most once.
    if (e.status !== undefined && e.status !== 503) ret.returnId = newId();
    $('return-error').textContent = e.message;
    $('return-go').disabled = false;
  }
}

$('signin-go').onclick = signIn;
$('pin').onkeydown = (e) => { if (e.key === 'Enter') signIn(); };
$('sign-out').onclick = signOut;
$('scan-form').onsubmit = scan;
$('scan').oninput = searchSoon;
$('pay-cash').onclick = () => addTender('cash');
$('pay-card').onclick = () => addTender('card');
$('pay-gift').onclick = () => addTender('giftcard');
$('pay-points').onclick = () => addTender('points');
$('complete').onclick = complete;
$('void-basket').onclick = newSale;
$('new-sale').onclick = newSale;
$('customer-go').onclick = lookUpCustomer;
$('basket-discount').onclick = () => {
  const pct = prompt('Basket discount in %', state.basketDiscountBp / 100);
  if (pct !== null) { state.basketDiscountBp = Math.round(Number(pct) * 100) || 0; reprice(); }
};
$('close-shift').onclick = closeShift;
$('suspend').onclick = suspend;
$('show-parked').onclick = showParked;
$('parked-back').onclick = () => show('sell');
$('reprint').onclick = () => printAgain(false);
$('gift-receipt').onclick = () => printAgain(true);
$('open-returns').onclick = openReturns;
$('return-form').onsubmit = findReturnSale;
$('refund-original').onclick = () => { ret.refundTo = 'original'; renderReturn(); };
$('refund-cash').onclick = () => { ret.refundTo = 'cash'; renderReturn(); };
$('return-go').onclick = doReturn;
$('returns-back').onclick = () => show('sell');
$('mode-receipt').onclick = () => setReturnMode(false);
$('mode-noreceipt').onclick = () => setReturnMode(true);
$('noreceipt-form').onsubmit = addNoReceiptItem;
$('z-ok').onclick = () => { show('signin'); refreshStatus(); };
keypads();
refreshStatus().then(() => (state.token ? newSale() : show('signin')));
setInterval(refreshStatus, 2000);
