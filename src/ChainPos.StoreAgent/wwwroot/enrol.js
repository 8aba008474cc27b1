// Loyalty enrolment at the till (POST /api/customers, online only). The customer id is made once when the form opens (or a
// card number is typed over it), so a double tap or a retry after a lost answer enrols one account. On success the new
// customer is attached to the sale, as a look-up would.
'use strict';

const enrolling = { busy: false };

function openEnrol() {
  $('enrol-id').value = 'C-' + newId().replace(/-/g, '').slice(0, 12).toUpperCase();
  $('enrol-name').value = '';
  $('enrol-email').value = '';
  $('enrol-error').textContent = state.status && !state.status.online ? 'Offline: enrolment needs the link to the platform.' : '';
  $('enrol').returnValue = '';
  $('enrol').showModal();
  $('enrol-name').focus();
}

function enrolProblem() {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test($('enrol-id').value.trim())) return "The card or customer id must be 1-64 letters, digits, '.', '_', ':' or '-'.";
  if (!$('enrol-name').value.trim()) return "Enter the customer's name.";
  const email = $('enrol-email').value.trim();
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return 'That is not an e-mail address (name@example.com); correct it or leave it empty.';
  return null;
}

async function confirmEnrol(event) {
  event.preventDefault();
  if (enrolling.busy) return;
  const problem = enrolProblem();
  if (problem) { $('enrol-error').textContent = problem; return; }
  enrolling.busy = true;
  $('enrol-ok').disabled = true;
  try {
    const c = await api('POST', 'customers', { customerId: $('enrol-id').value.trim(), displayName: $('enrol-name').value.trim(), email: $('enrol-email').value.trim() });
    state.customerId = c.customerId;
    $('customer').value = c.customerId;
    $('customer-info').textContent = `${c.displayName} · enrolled · ${c.tier} · ${c.availablePoints} points`;
    $('enrol').close('ok');
    reprice();
  } catch (e) {
    $('enrol-error').textContent = e.message;
  } finally {
    enrolling.busy = false;
    $('enrol-ok').disabled = false;
  }
}

$('enrol-open').onclick = openEnrol;
$('enrol-ok').onclick = confirmEnrol;
$('enrol-cancel').onclick = () => $('enrol').close('cancel');
