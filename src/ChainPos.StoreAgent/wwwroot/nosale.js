// No sale: the cashier opens the drawer without a sale, for a reason (picked or typed). One id per opening, so a
// double tap or a retry after a lost answer opens the drawer once; a supervisor is asked when the agent answers 403.
'use strict';

const noSale = { id: null, reason: null, timer: 0 };

async function openNoSale() {
  noSale.id = newId();
  noSale.reason = null;
  $('nosale-other').value = '';
  $('nosale-error').textContent = '';
  const list = $('nosale-reasons');
  list.replaceChildren();
  try {
    const r = await api('GET', 'drawer/no-sale/reasons');
    for (const reason of r.reasons) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = reason;
      b.dataset.testid = 'nosale-reason';
      b.onclick = () => { noSale.reason = reason; $('nosale-other').value = ''; markReason(); };
      list.append(b);
    }
  } catch (e) {
    $('nosale-error').textContent = e.message;
  }
  $('nosale').returnValue = '';
  $('nosale').showModal();
}

function markReason() {
  for (const b of $('nosale-reasons').children) b.classList.toggle('on', b.textContent === noSale.reason);
}

async function confirmNoSale(event) {
  event.preventDefault();
  const reason = $('nosale-other').value.trim() || noSale.reason;
  if (!reason) { $('nosale-error').textContent = 'Pick a reason or type one.'; return; }
  $('nosale-ok').disabled = true;
  let approval = {};
  try {
    for (;;) {
      try {
        const r = await api('POST', 'drawer/no-sale', { noSaleId: noSale.id, reason, ...approval });
        $('nosale').close('done');
        const where = r.mode === 'offline' ? ' (offline: queued, sent when the link is back)' : '';
        $('sell-error').textContent = '';
        $('customer-info').textContent = '';
        showDrawerNote(r.printerError ? `No sale recorded${where}, but the drawer did not open: ${r.printerError}` : `Drawer opened: no sale, ${reason}${where}.`);
        refreshStatus();
        return;
      } catch (e) {
        if (e.status !== 403) throw e;
        $('nosale').close('approval');
        const asked = await askSupervisor(e.message);
        if (!asked) return;
        approval = asked;
        $('nosale').showModal();
      }
    }
  } catch (e) {
    $('nosale-error').textContent = e.message;
  } finally {
    $('nosale-ok').disabled = false;
  }
}

function showDrawerNote(text) {
  let note = document.getElementById('drawer-note');
  if (!note) {
    note = document.createElement('p');
    note.id = 'drawer-note';
    note.className = 'drawer-note';
    note.dataset.testid = 'drawer-note';
    $('sell-error').before(note);
  }
  note.textContent = text;
  // The note is about this opening only: it goes once the cashier has moved on.
  clearTimeout(noSale.timer);
  noSale.timer = setTimeout(() => note.remove(), 20000);
}

$('no-sale').onclick = openNoSale;
$('nosale-ok').onclick = confirmNoSale;
$('nosale-other').oninput = () => { noSale.reason = null; markReason(); };
