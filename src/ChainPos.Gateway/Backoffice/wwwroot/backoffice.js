// ChainPos back office: signs in with a bearer credential (kept in sessionStorage), polls the JSON API under
// /backoffice/api/ and draws its charts as plain SVG. No framework, no build step, nothing from a CDN.
'use strict';

const TOKEN_KEY = 'chainpos.backoffice.token';
const POLL_MS = Number(new URLSearchParams(location.search).get('poll')) || 3000;
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

let timer = null;
// Bumped by every refresh: an answer that arrives after a newer refresh started is dropped (no stale store shown).
let generation = 0;

// Amounts are minor units; shown with two decimals (the chain's currencies all have cents).
const money = (minor) => (minor / 100).toFixed(2);

async function api(path) {
  const response = await fetch('/backoffice/api/' + path, {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) },
  });
  const isJson = (response.headers.get('content-type') || '').includes('json');
  const body = isJson ? await response.json() : await response.text();
  if (!response.ok) {
    const error = new Error((body && body.error) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(width, height, chart, rows) {
  const root = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-chart': chart, 'data-points': rows.length });
  return root;
}

function empty(container) {
  container.replaceChildren();
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = 'No sales yet.';
  container.append(p);
}

/** Vertical bars, one per row ({key, amount}); labels under every third bar. */
function columnChart(container, chart, rows) {
  const width = 480, height = 200, left = 40, bottom = 20;
  const max = Math.max(1, ...rows.map((r) => r.amount));
  const root = svg(width, height, chart, rows);
  const step = (width - left) / rows.length;
  root.append(el('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#9ca3af' }));
  root.append(el('text', { x: 0, y: 12, 'font-size': 10, fill: '#6b7280' }, money(max)));
  rows.forEach((r, i) => {
    const h = ((height - bottom - 10) * Math.max(0, r.amount)) / max;
    const bar = el('rect', {
      x: left + i * step + 2, y: height - bottom - h, width: Math.max(1, step - 4), height: h, fill: '#2563eb',
      'data-key': r.key, 'data-value': r.amount,
    });
    bar.append(el('title', {}, `${r.key}: ${money(r.amount)} (${r.count})`));
    root.append(bar);
    if (i % 3 === 0) root.append(el('text', { x: left + i * step + step / 2, y: height - 5, 'font-size': 10, 'text-anchor': 'middle', fill: '#374151' }, r.key));
  });
  container.replaceChildren(root);
}

/** Horizontal bars with a label and the amount, largest first as given. */
function barChart(container, chart, rows, emptyText) {
  if (rows.length === 0) return emptyText ? note(container, emptyText) : empty(container);
  const rowHeight = 22, width = 480, labelWidth = 140, valueWidth = 70;
  const max = Math.max(1, ...rows.map((r) => r.amount));
  const root = svg(width, rows.length * rowHeight + 4, chart, rows);
  rows.forEach((r, i) => {
    const y = i * rowHeight + 2;
    const w = ((width - labelWidth - valueWidth) * Math.max(0, r.amount)) / max;
    root.append(el('text', { x: 0, y: y + 15, 'font-size': 12, fill: '#111827' }, r.label));
    const bar = el('rect', { x: labelWidth, y, width: Math.max(1, w), height: rowHeight - 6, fill: '#059669', 'data-key': r.key, 'data-value': r.amount });
    bar.append(el('title', {}, `${r.label}: ${money(r.amount)}`));
    root.append(bar);
    root.append(el('text', { x: labelWidth + w + 6, y: y + 13, 'font-size': 12, fill: '#374151' }, money(r.amount)));
  });
  container.replaceChildren(root);
}

/** A donut of shares with a legend. */
function donutChart(container, chart, rows) {
  const positive = rows.filter((r) => r.amount > 0);
  if (positive.length === 0) return empty(container);
  const colours = ['#2563eb', '#059669', '#d97706', '#7c3aed', '#dc2626'];
  const total = positive.reduce((s, r) => s + r.amount, 0);
  const root = svg(480, 200, chart, positive);
  const cx = 100, cy = 100, radius = 80, inner = 48;
  let angle = -Math.PI / 2;
  positive.forEach((r, i) => {
    const sweep = (2 * Math.PI * r.amount) / total;
    const colour = colours[i % colours.length];
    const shape = positive.length === 1
      ? el('circle', { cx, cy, r: (radius + inner) / 2, fill: 'none', stroke: colour, 'stroke-width': radius - inner })
      : el('path', { d: arc(cx, cy, radius, inner, angle, angle + sweep), fill: colour });
    shape.setAttribute('data-key', r.key);
    shape.setAttribute('data-value', r.amount);
    shape.append(el('title', {}, `${r.key}: ${money(r.amount)}`));
    root.append(shape);
    root.append(el('rect', { x: 220, y: 30 + i * 24, width: 14, height: 14, fill: colour }));
    root.append(el('text', { x: 242, y: 42 + i * 24, 'font-size': 12 }, `${r.key} ${money(r.amount)} (${Math.round((100 * r.amount) / total)}%)`));
    angle += sweep;
  });
  container.replaceChildren(root);
}

/** Horizontal bars either side of zero ({key, label, amount} in minor units): negative red, positive green. */
function signedBarChart(container, chart, rows, emptyText) {
  if (rows.length === 0) return note(container, emptyText);
  const rowHeight = 22, width = 480, labelWidth = 90, mid = 285, half = 120;
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.amount)));
  const root = svg(width, rows.length * rowHeight + 4, chart, rows);
  root.append(el('line', { x1: mid, y1: 0, x2: mid, y2: rows.length * rowHeight + 4, stroke: '#9ca3af' }));
  rows.forEach((r, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(1, (half * Math.abs(r.amount)) / max);
    root.append(el('text', { x: 0, y: y + 15, 'font-size': 12, fill: '#111827' }, r.label));
    const bar = el('rect', {
      x: r.amount < 0 ? mid - w : mid, y, width: w, height: rowHeight - 6, fill: r.amount < 0 ? '#dc2626' : '#059669',
      'data-key': r.key, 'data-value': r.amount,
    });
    bar.append(el('title', {}, `${r.label}: ${money(r.amount)}`));
    root.append(bar);
    root.append(el('text', { x: r.amount < 0 ? mid - w - 6 : mid + w + 6, y: y + 13, 'font-size': 12, fill: '#374151', 'text-anchor': r.amount < 0 ? 'end' : 'start' }, money(r.amount)));
  });
  container.replaceChildren(root);
}

/** A step line of counts over time ({at, value}, oldest first), one circle per point. */
function stepChart(container, chart, points, emptyText) {
  if (points.length === 0) return note(container, emptyText);
  const width = 480, height = 200, left = 40, right = 10, top = 12, bottom = 20;
  const values = points.map((p) => p.value);
  const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
  const first = points[0].at, last = points[points.length - 1].at;
  const x = (at) => (last === first ? (left + width - right) / 2 : left + ((width - left - right) * (at - first)) / (last - first));
  const y = (v) => top + ((height - top - bottom) * (hi - v)) / (hi - lo);
  const root = svg(width, height, chart, points);
  root.append(el('line', { x1: left, y1: y(0), x2: width - right, y2: y(0), stroke: '#9ca3af' }));
  root.append(el('text', { x: 0, y: top, 'font-size': 10, fill: '#6b7280' }, String(hi)));
  root.append(el('text', { x: 0, y: height - bottom, 'font-size': 10, fill: '#6b7280' }, String(lo)));
  let d = '';
  points.forEach((p, i) => { d += i === 0 ? `M ${x(p.at)} ${y(p.value)}` : ` H ${x(p.at)} V ${y(p.value)}`; });
  root.append(el('path', { d, fill: 'none', stroke: '#2563eb', 'stroke-width': 2 }));
  points.forEach((p) => {
    const dot = el('circle', { cx: x(p.at), cy: y(p.value), r: 3.5, fill: p.value < 0 ? '#dc2626' : '#2563eb', 'data-key': p.key, 'data-value': p.value });
    dot.append(el('title', {}, `${new Date(p.at).toLocaleString()}: ${p.value}`));
    root.append(dot);
  });
  root.append(el('text', { x: left, y: height - 5, 'font-size': 10, fill: '#374151' }, new Date(first).toLocaleTimeString()));
  root.append(el('text', { x: width - right, y: height - 5, 'font-size': 10, 'text-anchor': 'end', fill: '#374151' }, new Date(last).toLocaleTimeString()));
  container.replaceChildren(root);
}

function note(container, text) {
  container.replaceChildren();
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = text;
  container.append(p);
}

function arc(cx, cy, r, inner, from, to) {
  const p = (radius, a) => `${cx + radius * Math.cos(a)} ${cy + radius * Math.sin(a)}`;
  const large = to - from > Math.PI ? 1 : 0;
  return `M ${p(r, from)} A ${r} ${r} 0 ${large} 1 ${p(r, to)} L ${p(inner, to)} A ${inner} ${inner} 0 ${large} 0 ${p(inner, from)} Z`;
}

function cells(row, values) {
  const tr = document.createElement('tr');
  for (const v of values) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.append(td);
  }
  row.append(tr);
  return tr;
}

function renderChain(chain) {
  const total = chain.total || { salesCount: 0, total: 0, items: 0, hours: [], tenders: [], topSkus: [] };
  $('kpi-count').textContent = total.salesCount;
  $('kpi-total').textContent = money(total.total);
  $('kpi-items').textContent = total.items;
  $('kpi-basket').textContent = money(total.salesCount ? Math.round(total.total / total.salesCount) : 0);
  columnChart($('chart-hours'), 'hours', total.hours.length ? total.hours : Array.from({ length: 24 }, (_, h) => ({ key: String(h).padStart(2, '0'), amount: 0, count: 0 })));
  barChart($('chart-stores'), 'stores', chain.stores.map((s) => ({ key: s.storeId, label: s.storeId, amount: s.total })));
  donutChart($('chart-tenders'), 'tenders', total.tenders);
  barChart($('chart-skus'), 'skus', total.topSkus.slice(0, 10).map((s) => ({ key: s.sku, label: `${s.name} ×${s.quantity}`, amount: s.net })));

  const select = $('store');
  const chosen = select.value;
  const ids = chain.stores.map((s) => s.storeId);
  if (chosen && !ids.includes(chosen)) ids.unshift(chosen);
  if (select.options.length !== ids.length || ids.some((id, i) => select.options[i].value !== id)) {
    select.replaceChildren(...ids.map((id) => new Option(id, id)));
    select.value = chosen || ids[0] || '';
  }
}

function loadStore(storeId, day) {
  return Promise.all([
    api(`stores/${encodeURIComponent(storeId)}/shifts`),
    api(`stores/${encodeURIComponent(storeId)}/sales?day=${day}`),
    api(`stores/${encodeURIComponent(storeId)}/journal?day=${day}&format=json`),
  ]);
}

// What the chain owes now (GetLiability): gift card balances per currency and loyalty points outstanding.
function renderOutstanding(liability) {
  const body = $('outstanding').tBodies[0];
  body.replaceChildren();
  for (const g of liability.giftCards) {
    cells(body, ['Gift card balances ' + g.unit, money(g.amount), g.holders + ' cards']).dataset.currency = g.unit;
  }
  cells(body, ['Loyalty points', liability.loyaltyPoints.amount, liability.loyaltyPoints.holders + ' accounts']).id = 'outstanding-points';
  barChart($('chart-giftcards'), 'giftcards', liability.giftCards.map((g) => ({ key: g.unit, label: `${g.unit} (${g.holders} cards)`, amount: g.amount })),
    'No gift card balances.');
}

function renderStore(storeId, shifts, sales, journal) {
  document.querySelectorAll('.store-name').forEach((n) => { n.textContent = storeId || '(no store)'; });
  const shiftsBody = $('shifts').tBodies[0];
  const liabilityBody = $('liability').tBodies[0];
  const journalBody = $('journal').tBodies[0];
  // Tells a reader (and the browser test) which store the tables below show.
  $('shifts').dataset.store = storeId;
  if (!storeId) {
    shiftsBody.replaceChildren(); liabilityBody.replaceChildren(); journalBody.replaceChildren();
    return;
  }
  shiftsBody.replaceChildren();
  for (const r of shifts.reports) {
    const tr = cells(shiftsBody, [r.registerId, r.shiftId, r.closedAt ? 'Z (closed)' : 'X (open)', r.salesCount, money(r.salesTotal),
      money(r.expectedCash), r.closedAt ? money(r.countedCash) : '', r.closedAt ? money(r.cashVariance) : '']);
    tr.dataset.register = r.registerId;
    if (r.cashVariance < 0) tr.lastChild.className = 'neg';
  }
  // Closed shifts only: an open drawer has not been counted yet.
  signedBarChart($('chart-variance'), 'variance', shifts.reports.filter((r) => r.closedAt).map((r) => ({ key: r.registerId, label: `${r.registerId} ${r.shiftId}`, amount: r.cashVariance })),
    'No closed shift yet.');
  $('shifts-none').textContent = shifts.registersWithoutShift.length ? 'No shift yet: ' + shifts.registersWithoutShift.join(', ') : '';
  liabilityBody.replaceChildren();
  cells(liabilityBody, ['Gift cards sold', money(sales.giftCardsSold)]);
  cells(liabilityBody, ['Gift cards redeemed', money(sales.giftCardsRedeemed)]);
  cells(liabilityBody, ['Gift card liability change', money(sales.giftCardsSold - sales.giftCardsRedeemed)]).id = 'liability-giftcards';
  cells(liabilityBody, ['Loyalty points earned', sales.pointsEarned]);
  cells(liabilityBody, ['Loyalty points redeemed', sales.pointsRedeemed]);
  journalBody.replaceChildren();
  for (const l of journal.lines) {
    cells(journalBody, [l.section, l.key, l.rate_basis_points ? (l.rate_basis_points / 100) + '%' : '', money(l.net), money(l.tax), money(l.gross),
      l.section === 'loyalty_points' ? l.amount : money(l.amount), l.count]);
  }
}

// Low stock is drawn on its own: a failure here leaves the sales tables alone.
async function refreshLowStock(storeId) {
  const body = $('lowstock').tBodies[0];
  const drafts = $('drafts').tBodies[0];
  if (!storeId) { body.replaceChildren(); drafts.replaceChildren(); $('lowstock-total').textContent = '0'; return; }
  try {
    const report = await api(`stores/${encodeURIComponent(storeId)}/low-stock`);
    body.replaceChildren();
    for (const i of report.items) {
      cells(body, [i.sku, i.name, i.onHand, i.reorderPoint, i.targetLevel, i.suggestedQuantity, i.supplierName || '—']).dataset.sku = i.sku;
    }
    $('lowstock-total').textContent = report.drafts.reduce((sum, d) => sum + Number(d.totalUnits), 0);
    drafts.replaceChildren();
    for (const d of report.drafts) {
      const row = cells(drafts, [d.supplier || '—', d.supplierName || 'No supplier', d.lines.length, d.totalUnits, '']);
      row.dataset.supplier = d.supplier;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Download CSV';
      button.addEventListener('click', () => downloadPurchaseOrder(storeId, d.supplier));
      row.lastChild.append(button);
    }
  } catch (err) {
    body.replaceChildren();
    drafts.replaceChildren();
    cells(body, ['Error: ' + err.message]);
  }
}

async function showMovements(e) {
  e.preventDefault();
  const storeId = $('store').value;
  const body = $('movements').tBodies[0];
  $('movements-error').textContent = '';
  body.replaceChildren();
  try {
    const page = await api(`stores/${encodeURIComponent(storeId)}/movements?sku=${encodeURIComponent($('movements-sku').value)}&limit=100`);
    for (const m of page.movements) {
      cells(body, [new Date(m.at).toLocaleString(), m.kind, m.quantity, m.onHandAfter, m.reference]);
    }
    // On hand after each movement, oldest first (the page lists newest first).
    stepChart($('chart-onhand'), 'onhand', page.movements.slice().reverse().map((m, i) => ({ key: String(i), at: Date.parse(m.at), value: Number(m.onHandAfter) })),
      'No movements.');
  } catch (err) {
    $('chart-onhand').replaceChildren();
    $('movements-error').textContent = err.message;
  }
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++generation;
  const day = $('day').value;
  try {
    const chain = await api(`chain?day=${day}`);
    if (mine !== generation) return;
    renderChain(chain);
    const liability = await api('liability');
    if (mine !== generation) return;
    renderOutstanding(liability);
    const storeId = $('store').value;
    const [shifts, sales, journal] = storeId ? await loadStore(storeId, day) : [null, null, null];
    if (mine !== generation) return;
    renderStore(storeId, shifts, sales, journal);
    await refreshLowStock(storeId);
    $('updated').textContent = 'Updated ' + new Date().toLocaleTimeString();
    $('updated').dataset.refreshes = String(Number($('updated').dataset.refreshes || 0) + 1);
    $('status').textContent = '';
  } catch (err) {
    if (err.status === 401 || err.status === 403) return signOut(err.message);
    $('status').textContent = 'Error: ' + err.message;
  }
  timer = setTimeout(refresh, POLL_MS);
}

async function download(format) {
  const storeId = $('store').value;
  const day = $('day').value;
  const response = await fetch(`/backoffice/api/stores/${encodeURIComponent(storeId)}/journal?day=${day}&format=${format}`, {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) },
  });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `journal-${storeId}-${day}.${format}`;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function downloadPurchaseOrder(storeId, supplier) {
  const response = await fetch(`/backoffice/api/stores/${encodeURIComponent(storeId)}/purchase-order?supplier=${encodeURIComponent(supplier)}`, {
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) },
  });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `purchase-order-${storeId}-${supplier || 'unassigned'}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  try {
    const me = await api('me');
    if (me.role !== 'Admin') throw Object.assign(new Error('The back office needs the admin credential.'), { status: 403 });
  } catch (err) {
    return signOut(err.message);
  }
  $('signin').hidden = true;
  $('dashboard').hidden = false;
  refresh();
}

function signOut(message) {
  clearTimeout(timer);
  sessionStorage.removeItem(TOKEN_KEY);
  $('dashboard').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message || '';
}

$('day').value = new URLSearchParams(location.search).get('day') || new Date().toLocaleDateString('sv-SE');
$('signin').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value); });
$('signout').addEventListener('click', () => signOut(''));
$('day').addEventListener('change', refresh);
$('store').addEventListener('change', refresh);
$('journal-csv').addEventListener('click', () => download('csv'));
$('journal-json').addEventListener('click', () => download('json'));
$('movements-form').addEventListener('submit', showMovements);
if (sessionStorage.getItem(TOKEN_KEY)) signIn(sessionStorage.getItem(TOKEN_KEY));
