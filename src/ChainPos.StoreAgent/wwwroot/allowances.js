// Offline allowances: what this register may spend from gift cards and loyalty points while the link is down
// (leased by the agent, GET /api/status → allowances), shown under the header so the cashier knows before tendering.
'use strict';

function renderAllowances(status) {
  const bar = $('allowances');
  const list = (status && status.allowances) || [];
  // A lease noted before its acquire call answered has nothing granted yet: nothing to spend, so not shown.
  const items = Array.from(list).filter((a) => a.granted > 0);
  bar.hidden = items.length === 0;
  if (bar.hidden) return;
  const title = document.createElement('span');
  title.textContent = status.online ? 'Offline allowances:' : 'Can spend offline:';
  const chips = items.map((a) => {
    const chip = document.createElement('span');
    const points = a.kind === 'points';
    chip.className = `chip${a.remaining > 0 ? '' : ' empty'}`;
    chip.dataset.testid = 'allowance';
    chip.dataset.kind = a.kind;
    chip.dataset.remaining = String(a.remaining);
    chip.textContent = `${points ? 'Points' : 'Gift card'} ${a.label}: ${points ? `${a.remaining} pts` : money(a.remaining)} left`;
    chip.title = `of ${points ? a.granted : money(a.granted)}, until ${new Date(a.expiresAt).toLocaleString()}`;
    return chip;
  });
  bar.replaceChildren(title, ...chips);
}
