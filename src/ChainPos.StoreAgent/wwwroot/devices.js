// Devices seen from the register UI. The customer display: the basket lives here, so the page tells the agent what was
// just added and the running total, the total when the first tender is taken, and the welcome text when a new sale
// starts (the agent itself shows the change after the sale). The scanner: scans of a serial or TCP scanner configured
// on the agent arrive as server-sent events and go into the scan box exactly as a keyboard-wedge scanner types them.
'use strict';

let displayQueue = Promise.resolve();

// One update at a time, in order; the display never holds up the sale, so failures are left to the agent's status.
function displayPost(path, body) {
  if (!state.token) return;
  displayQueue = displayQueue.then(() => api('POST', `display/${path}`, body)).catch(() => {});
}

function displayBasket() {
  const priced = state.priced;
  if (!priced || state.lines.length === 0) { displayPost('idle', {}); return; }
  const i = state.lines.findLastIndex((l) => l.sku === state.lastAdded);
  const line = i >= 0 ? priced.lines[i] : null;
  if (line) displayPost('item', { name: state.lines[i].name, quantity: line.quantity, amount: line.net, total: priced.total });
  else displayPost('total', { total: priced.total });
}

function displayTotal() {
  if (state.priced && state.tenders.length === 1) displayPost('total', { total: state.priced.total });
}

function displayIdle() {
  state.lastAdded = null;
  displayPost('idle', {});
}

const scanner = { source: null, token: null };

function onScan(event) {
  const scan = JSON.parse(event.data);
  if (!$('sell').hidden) {
    $('scan').value = scan.text;
    $('scan-form').requestSubmit();
  } else if (!$('returns').hidden && !$('noreceipt').hidden) {
    $('noreceipt-scan').value = scan.text;
    $('noreceipt-form').requestSubmit();
  }
}

// Listens while signed in; a closed stream (agent restarted, session gone) is opened again on the next tick.
function watchScans() {
  if (scanner.source && (scanner.token !== state.token || scanner.source.readyState === EventSource.CLOSED)) {
    scanner.source.close();
    scanner.source = null;
  }
  if (!scanner.source && state.token) {
    scanner.token = state.token;
    scanner.source = new EventSource(`/api/scans/stream?session=${encodeURIComponent(state.token)}`);
    scanner.source.addEventListener('scan', onScan);
  }
}

watchScans();
setInterval(watchScans, 1000);
