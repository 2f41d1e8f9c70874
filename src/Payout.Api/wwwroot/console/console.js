// The operator console: a small single-page app over the operator API (/admin/v1), signed in with a session
// cookie. Every request that changes something carries the session's CSRF token; every action is confirmed first.
import { amount, fields, h, isDecimal, parseExact, show, table, time } from '/lib/page.js';

const main = document.getElementById('main');
const toast = document.getElementById('toast');
let csrfToken = null;

class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error;
  }
}

// ---------------------------------------------------------------- requests ----

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken ?? '';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? parseExact(text) : null;
  if (response.status === 401 && path.startsWith('/admin/')) {
    signedOut('Your session has ended. Sign in again.');
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

const get = path => api('GET', path);

// ----------------------------------------------------------------- session ----

async function start() {
  try {
    const session = await api('GET', '/console/api/session');
    signedIn(session);
  } catch {
    signedOut();
  }
}

function signedIn(session) {
  csrfToken = session.csrfToken;
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('sign-out').hidden = false;
  main.hidden = false;
  route();
}

function signedOut(message = '') {
  csrfToken = null;
  main.hidden = true;
  show(main);
  document.getElementById('nav').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message;
  document.getElementById('operator-key').focus();
}

document.getElementById('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const input = document.getElementById('operator-key');
  try {
    const session = await api('POST', '/console/api/session', { key: input.value });
    input.value = '';
    signedIn(session);
  } catch (error) {
    document.getElementById('sign-in-error').textContent =
      error.status === 401 ? 'That key is not the operator key.' : error.message;
  }
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('DELETE', '/console/api/session');
  } finally {
    signedOut('You are signed out.');
  }
});

// ----------------------------------------------------------------- routing ----

window.addEventListener('hashchange', () => { if (csrfToken) route(); });

function route() {
  const [path, query] = (location.hash.slice(1) || '/dashboard').split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  const page = parts[0] ?? 'dashboard';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const render = {
    dashboard: () => dashboardPage(),
    payouts: () => (parts[1] ? payoutPage(parts[1]) : payoutsPage(params)),
    customers: () => (parts[1] ? customerPage(parts[1]) : customersPage(params)),
    reports: () => reportsPage(params),
  }[page] ?? (() => dashboardPage());
  show(main, h('p', { class: 'loading' }, 'Loading…'));
  render().catch(error => {
    if (error.status !== 401) show(main, h('p', { class: 'error', role: 'alert' }, error.message));
  });
}

const refresh = () => route();

// ----------------------------------------------------------------- actions ----

/** Asks the operator to confirm; resolves true only on "Confirm". */
function confirmAction(title, text) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

/** Confirms, runs, reports the outcome and shows the page again. */
async function act(title, text, run, done) {
  if (!(await confirmAction(title, text))) return;
  try {
    const result = await run();
    say(done(result));
    refresh();
  } catch (error) {
    say(`${title}: ${error.message}`, true);
  }
}

function say(message, isError = false) {
  toast.textContent = message;
  toast.classList.toggle('error', isError);
}

// --------------------------------------------------------------- dashboard ----

async function dashboardPage() {
  const d = await get('/admin/v1/dashboard');
  show(main,
    h('h1', {}, 'Dashboard'),
    h('p', { class: 'hint' }, `As of ${time(d.generatedAt)}.`),
    h('section', { class: 'figures', 'aria-label': 'Key figures' },
      figure('Payouts in flight', h('span', { 'data-figure': 'in-flight' }, d.inFlight.count),
        d.inFlight.amountTo.map(a => h('div', {}, `${a.balance} ${a.currency} to cards`))),
      figure('Stuck payouts', h('span', { 'data-figure': 'stuck', class: d.stuck.count !== '0' ? 'warn' : '' }, d.stuck.count),
        h('div', {}, `pending over ${d.stuck.afterMinutes} min`)),
      figure('Fees earned', null, d.feesEarned.length === 0 ? h('div', { class: 'amounts' }, 'none yet')
        : d.feesEarned.map(f => h('div', { class: 'amounts' }, h('span', { 'data-figure': `fees-${f.currency}` }, f.fees), ` ${f.currency}`,
          f.partnerFees !== '0' ? ` (+ partner ${f.partnerFees})` : '')))),
    h('div', { class: 'charts' },
      h('section', { 'aria-labelledby': 'per-hour' }, h('h2', { id: 'per-hour' }, 'Payouts per hour'), hourChart(d.payoutsPerHour)),
      h('section', { 'aria-labelledby': 'volume' }, h('h2', { id: 'volume' }, 'Volume per currency, last 24 h'), volumeChart(d.volumes))),
    floatSection(d),
    h('section', { 'aria-labelledby': 'rates' }, h('h2', { id: 'rates' }, 'Rates'),
      table([
        ['Pair', r => `${r.from}/${r.to}`],
        ['Rate', r => r.rate ?? '—'],
        ['Observed', r => time(r.observedAt)],
        ['Age', r => (r.ageSeconds === null ? '—' : h('span', { 'data-figure': `rate-age-${r.from}-${r.to}` }, `${Math.round(Number(r.ageSeconds))} s`))],
        ['Freshness', r => (r.stale ? h('span', { class: 'badge bad' }, 'STALE') : h('span', { class: 'badge good' }, 'fresh'))],
      ], d.rates, { class: 'compact' }),
      h('p', { class: 'hint' }, `A rate older than ${d.rateMaxAgeSeconds} s is not quoted.`)),
    h('section', { 'aria-labelledby': 'stuck' }, h('h2', { id: 'stuck' }, 'Stuck payouts'), stuckTable(d.stuck.items)));
}

function figure(label, value, ...details) {
  return h('div', { class: 'figure' }, h('div', { class: 'label' }, label), value ? h('div', { class: 'value' }, value) : null, details);
}

function floatSection(d) {
  const form = h('form', { class: 'inline', 'aria-label': 'Top up the float' },
    h('label', { for: 'top-up-currency' }, 'Top up'),
    h('select', { id: 'top-up-currency', name: 'currency' }, d.float.map(f => h('option', {}, f.currency))),
    h('label', { for: 'top-up-amount', class: 'visually-hidden' }, 'Amount'),
    h('input', { id: 'top-up-amount', name: 'amount', inputmode: 'decimal', placeholder: 'amount', required: true }),
    h('label', { for: 'top-up-reference', class: 'visually-hidden' }, 'Reference'),
    h('input', { id: 'top-up-reference', name: 'reference', placeholder: 'reference (optional)' }),
    h('button', { type: 'submit' }, 'Top up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const f = fields(form);
    if (!isDecimal(f.amount)) return say('Top up: the amount must be a number like 5000 or 1250.50.', true);
    act('Top up the float', `Add ${f.amount} ${f.currency} to our float at the payout network?`,
      () => api('POST', `/admin/v1/network-float/${encodeURIComponent(f.currency)}/top-ups`,
        { amount: amount(f.amount), reference: f.reference || null }),
      r => `The ${r.currency} float is now ${r.available} available.`);
  });
  return h('section', { 'aria-labelledby': 'float' }, h('h2', { id: 'float' }, 'Fiat float at the network'),
    table([
      ['Currency', f => f.currency],
      ['Available', f => h('span', { 'data-figure': `float-${f.currency}` }, f.available)],
      ['Reserved for payouts in flight', f => f.reserved],
      ['Status', f => (f.low ? h('span', { class: 'badge bad', 'data-figure': `float-low-${f.currency}` }, `LOW (below ${d.lowFloatBelow})`) : h('span', { class: 'badge good' }, 'ok'))],
    ], d.float, { class: 'compact' }),
    form);
}

function hourChart(hours) {
  const width = 24 * 22, height = 150, top = 10, bottom = 20;
  const bars = hours.map((bucket, i) => {
    const barHeight = Math.max(bucket.total === '0' ? 0 : 2, Number(bucket.share) * (height - top - bottom));
    return h('g', {},
      h('rect', { x: i * 22 + 2, y: height - bottom - barHeight, width: 18, height: barHeight, class: 'bar' },
        h('title', {}, `${time(bucket.hour).slice(11, 16)}: ${bucket.total} payouts (${bucket.succeeded} succeeded, ${bucket.pending} pending, ${bucket.failed} failed)`)),
      i % 6 === 0 ? h('text', { x: i * 22 + 2, y: height - 5, class: 'axis' }, time(bucket.hour).slice(11, 16)) : null);
  });
  const total = hours.reduce((sum, b) => sum + Number(b.total), 0);
  return h('figure', {},
    h('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `${total} payouts in the last 24 hours`, class: 'chart' },
      h('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis-line' }), bars),
    h('details', {}, h('summary', {}, 'As a table'),
      table([['Hour', b => time(b.hour)], ['Payouts', b => b.total], ['Succeeded', b => b.succeeded], ['Pending', b => b.pending], ['Failed', b => b.failed]],
        hours.filter(b => b.total !== '0'), { class: 'compact' })));
}

function volumeChart(volumes) {
  if (volumes.length === 0) return h('p', { class: 'hint' }, 'No payouts succeeded in the last 24 hours.');
  const rowHeight = 24, labelWidth = 60, barWidth = 260;
  const rows = volumes.map((v, i) => h('g', { transform: `translate(0 ${i * rowHeight})` },
    h('text', { x: 0, y: 16, class: 'label' }, v.currency),
    h('rect', { x: labelWidth, y: 4, height: 16, width: Math.max(2, Number(v.share) * barWidth), class: `bar ${v.side}` },
      h('title', {}, `${v.amount} ${v.currency} in ${v.payouts} payouts`)),
    h('text', { x: labelWidth + barWidth + 8, y: 16, class: 'amount' }, v.amount)));
  return h('figure', {},
    h('svg', { viewBox: `0 0 ${labelWidth + barWidth + 150} ${volumes.length * rowHeight}`, role: 'img', class: 'chart',
      'aria-label': volumes.map(v => `${v.amount} ${v.currency}`).join(', ') }, rows),
    h('figcaption', { class: 'hint' }, 'Crypto debited (blue) and fiat paid to cards (green) by succeeded payouts.'));
}

function stuckTable(items) {
  return table([
    ['Payout', s => h('a', { href: `#/payouts/${s.operationId}` }, `#${s.operationId}`)],
    ['Customer', s => h('a', { href: `#/customers/${s.customerId}` }, s.customerId)],
    ['Amount', s => `${s.amountTo} ${s.currencyTo}`],
    ['Since', s => time(s.createdAt)],
    ['Attempts', s => s.attempts],
    ['Last error', s => s.lastError ?? '—'],
    ['Actions', s => payoutActions(s.operationId)],
  ], items);
}

function payoutActions(operationId) {
  return h('span', { class: 'actions' },
    h('button', { type: 'button', class: 'small', onclick: () => askAgain(operationId) }, 'Ask the network again'),
    h('button', { type: 'button', class: 'small danger', onclick: () => failWithRefund(operationId) }, 'Fail with refund'));
}

function askAgain(operationId) {
  act('Ask the network again', `Ask the payout network about payout #${operationId} now? A final answer is applied at once.`,
    () => api('POST', `/admin/v1/payouts/${operationId}/ask-network`),
    r => `Payout #${operationId}: the network answered ${r.networkAnswer}; the payout is ${r.payout.status}.`);
}

function failWithRefund(operationId) {
  act('Fail with refund',
    `Fail payout #${operationId} and refund the customer? This happens only if the network confirms now that it has no such payout.`,
    () => api('POST', `/admin/v1/payouts/${operationId}/fail`),
    r => `Payout #${operationId} is ${r.payout.status}: the network has no such payout, and the customer was refunded.`);
}

// ----------------------------------------------------------------- payouts ----

const statusBadge = status => h('span', { class: `badge status-${String(status).toLowerCase()}` }, status);

async function payoutsPage(params) {
  const offset = Number(params.get('offset') ?? 0);
  const query = new URLSearchParams([...params].filter(([key, value]) => value !== '' && key !== 'offset'));
  query.set('offset', String(offset));
  query.set('size', '25');
  const page = await get(`/admin/v1/payouts?${query}`);
  const form = h('form', { class: 'filters', 'aria-label': 'Filter payouts' },
    labelled('Status', h('select', { name: 'status', id: 'filter-status' },
      ['', 'PENDING', 'SUCCESS', 'FAILED'].map(s => h('option', { value: s, selected: params.get('status') === s && s !== '' }, s || 'any')))),
    labelled('Currency', h('input', { name: 'currency', id: 'filter-currency', value: params.get('currency') ?? '', placeholder: 'e.g. USDT or EUR', size: 8 })),
    labelled('Customer', h('input', { name: 'customerId', id: 'filter-customerId', value: params.get('customerId') ?? '', inputmode: 'numeric', size: 6 })),
    labelled('From', h('input', { name: 'from', id: 'filter-from', type: 'date', value: params.get('from') ?? '' })),
    labelled('To', h('input', { name: 'to', id: 'filter-to', type: 'date', value: params.get('to') ?? '' })),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const f = fields(form);
    f.currency = f.currency.toUpperCase();
    location.hash = `#/payouts?${new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''))}`;
  });
  const total = Number(page.total);
  const pageLink = (label, to) => h('a', { href: `#/payouts?${new URLSearchParams([...query].filter(([k]) => k !== 'size').map(([k, v]) => [k, k === 'offset' ? String(to) : v]))}`, class: 'button quiet' }, label);
  show(main,
    h('h1', {}, 'Payouts'),
    form,
    h('p', { class: 'hint', 'data-figure': 'payouts-total' }, `${total} payout${total === 1 ? '' : 's'}`),
    payoutTable(page.items),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      offset > 0 ? pageLink('Newer', Math.max(0, offset - 25)) : null,
      offset + 25 < total ? pageLink('Older', offset + 25) : null));
}

function labelled(text, control) {
  return h('span', { class: 'field' }, h('label', { for: control.id }, text), control);
}

function payoutTable(items) {
  return table([
    ['Payout', p => h('a', { href: `#/payouts/${p.operationId}` }, `#${p.operationId}`)],
    ['Created', p => time(p.createdAt)],
    ['Customer', p => h('a', { href: `#/customers/${p.customerId}` }, p.customerId)],
    ['Status', p => statusBadge(p.status)],
    ['Debited', p => `${p.totalDebited} ${p.currencyFrom}`],
    ['To card', p => `${p.amountTo} ${p.currencyTo}`],
    ['Card', p => p.maskedPan],
    ['Reason', p => p.failureReason ?? ''],
  ], items, { class: 'payouts' });
}

const kindLabels = {
  QUOTED: 'Quoted',
  DEBITED: 'Debited: amount and fees moved to payouts in flight',
  SENT: 'Sent to the network',
  STATUS_ASKED: 'Asked the network for the status',
  CALLBACK_RECEIVED: 'Callback from the network',
  OPERATOR_ASKED_AGAIN: 'Operator asked the network again',
  OPERATOR_FAIL_REQUESTED: 'Operator asked to fail with refund',
  SETTLED: 'Settled: paid to the card, fees earned',
  REFUNDED: 'Refunded to the customer',
};

async function payoutPage(operationId) {
  const { payout: p, dispatch, timeline } = await get(`/admin/v1/payouts/${encodeURIComponent(operationId)}`);
  show(main,
    h('p', {}, h('a', { href: '#/payouts' }, '← All payouts')),
    h('h1', {}, `Payout #${p.operationId} `, statusBadge(p.status)),
    h('dl', { class: 'summary' },
      term('Customer', h('a', { href: `#/customers/${p.customerId}` }, p.customerId)),
      term('Amount', `${p.amountFrom} ${p.currencyFrom}`),
      term('Fees', `${p.fee} ${p.currencyFrom}`),
      term('Debited', `${p.totalDebited} ${p.currencyFrom}`),
      term('To card', `${p.amountTo} ${p.currencyTo} at ${p.rate}`),
      term('Card', p.maskedPan),
      term('Created', time(p.createdAt)),
      term('Updated', time(p.updatedAt)),
      p.failureReason ? term('Reason', p.failureReason) : null,
      dispatch ? term('Dispatch', `${dispatch.state}, ${dispatch.attempts} attempt(s)${dispatch.lastError ? `, last error ${dispatch.lastError}` : ''}`) : null),
    p.status === 'PENDING' ? h('section', { 'aria-label': 'Actions' }, payoutActions(p.operationId)) : null,
    h('h2', {}, 'Timeline'),
    h('ol', { class: 'timeline', 'aria-label': 'Timeline' }, timeline.map(timelineEntry)));
}

function term(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function timelineEntry(e) {
  return h('li', { 'data-kind': e.kind },
    h('div', { class: 'when' }, time(e.at)),
    h('div', { class: 'what' },
      h('strong', {}, kindLabels[e.kind] ?? e.kind),
      e.outcome ? [' — ', h('span', { class: `badge outcome-${e.outcome.toLowerCase()}` }, e.outcome)] : null,
      e.detail ? h('span', { class: 'detail' }, ` ${e.detail}`) : null,
      e.actor ? h('span', { class: 'detail' }, ` by ${e.actor}`) : null),
    e.postings.length > 0 ? table([
      ['Account', x => x.account],
      ['Currency', x => x.currency],
      ['Amount', x => h('span', { class: x.amount.startsWith('-') ? 'debit' : 'credit' }, x.amount)],
    ], e.postings, { class: 'compact postings', 'aria-label': `Ledger transaction ${e.ledgerTransactionId}` }) : null);
}

// --------------------------------------------------------------- customers ----

async function customersPage(params) {
  const phone = params.get('phone') ?? '';
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Find a customer' },
    labelled('Phone', h('input', { name: 'phone', id: 'find-phone', type: 'tel', value: phone, placeholder: '+447871239999', required: true })),
    h('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `#/customers?${new URLSearchParams({ phone: fields(form).phone })}`;
  });
  show(main, h('h1', {}, 'Customers'), form);
  if (!phone) return;
  const found = await get(`/admin/v1/customers?${new URLSearchParams({ phone })}`);
  main.append(table([
    ['Customer', c => h('a', { href: `#/customers/${c.customerId}` }, `#${c.customerId}`)],
    ['Phone', c => c.phone],
    ['Merchant', c => c.merchantId],
    ['KYC', c => c.kycLevel],
  ], found.items));
}

async function customerPage(customerId) {
  const d = await get(`/admin/v1/customers/${encodeURIComponent(customerId)}`);
  const c = d.customer;
  show(main,
    h('p', {}, h('a', { href: '#/customers' }, '← Find a customer')),
    h('h1', {}, `Customer #${c.customerId}`),
    h('dl', { class: 'summary' },
      term('Phone', c.phone), term('Merchant', c.merchantId), term('KYC level', h('span', { 'data-figure': 'kyc-level' }, c.kycLevel)),
      term('Limit', `${d.limit.usedEur} of ${d.limit.limitEur} EUR used in ${d.limit.windowDays} days (${d.limit.remainingEur} left)`)),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'balances' }, h('h2', { id: 'balances' }, 'Balances'),
        table([['Currency', b => b.currency], ['Balance', b => h('span', { 'data-figure': `balance-${b.currency}` }, b.balance)]], d.balances, { class: 'compact' })),
      h('section', { 'aria-labelledby': 'actions' }, h('h2', { id: 'actions' }, 'Actions'), kycForm(c), depositForm(c, d.balances))),
    h('section', { 'aria-labelledby': 'cards' }, h('h2', { id: 'cards' }, 'Cards'),
      table([
        ['Card', k => `${k.cardType} ${k.maskedPan}`],
        ['Holder', k => k.holderName],
        ['Expires', k => `${String(k.expiryMonth).padStart(2, '0')}/${k.expiryYear}`],
        ['Network', k => k.validationStatus],
        ['Billing address', k => (k.hasBillingAddress ? 'yes' : 'no')],
        ['State', k => (k.deleted ? 'deleted' : 'active')],
      ], d.cards)),
    h('section', { 'aria-labelledby': 'customer-payouts' }, h('h2', { id: 'customer-payouts' }, `Payouts (${d.payoutCount})`),
      payoutTable(d.payouts),
      d.payoutCount > d.payouts.length ? h('p', {}, h('a', { href: `#/payouts?customerId=${c.customerId}` }, 'All payouts of this customer')) : null));
}

function kycForm(customer) {
  const levels = ['NONE', 'KYC_0', 'KYC_1', 'KYC_2', 'KYC_3'];
  const form = h('form', { class: 'inline', 'aria-label': 'Change the KYC level' },
    h('label', { for: 'kyc-level' }, 'KYC level'),
    h('select', { id: 'kyc-level', name: 'kycLevel' }, levels.map(l => h('option', { selected: l === customer.kycLevel }, l))),
    h('button', { type: 'submit' }, 'Change KYC level'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const { kycLevel } = fields(form);
    act('Change KYC level', `Change customer #${customer.customerId} from ${customer.kycLevel} to ${kycLevel}?`,
      () => api('PUT', `/admin/v1/customers/${customer.customerId}/kyc`, { kycLevel }),
      r => `Customer #${r.customerId} is now ${r.kycLevel}.`);
  });
  return form;
}

function depositForm(customer, balances) {
  const form = h('form', { class: 'inline', 'aria-label': 'Credit a deposit' },
    h('label', { for: 'deposit-currency' }, 'Deposit'),
    h('select', { id: 'deposit-currency', name: 'currency' }, balances.map(b => h('option', {}, b.currency))),
    h('label', { for: 'deposit-amount', class: 'visually-hidden' }, 'Amount'),
    h('input', { id: 'deposit-amount', name: 'amount', inputmode: 'decimal', placeholder: 'amount', required: true, size: 12 }),
    h('label', { for: 'deposit-reference', class: 'visually-hidden' }, 'Reference'),
    h('input', { id: 'deposit-reference', name: 'reference', placeholder: 'reference (optional)', size: 14 }),
    h('button', { type: 'submit' }, 'Deposit'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const f = fields(form);
    if (!isDecimal(f.amount)) return say('Deposit: the amount must be a number like 100 or 0.5.', true);
    act('Deposit', `Credit ${f.amount} ${f.currency} to customer #${customer.customerId}?`,
      () => api('POST', `/admin/v1/customers/${customer.customerId}/deposits`,
        { currency: f.currency, amount: amount(f.amount), reference: f.reference || null }),
      r => `The ${r.currency} balance is now ${r.balance}.`);
  });
  return form;
}

// ----------------------------------------------------------------- reports ----

async function reportsPage(params) {
  const date = params.get('date') ?? new Date().toISOString().slice(0, 10);
  const form = h('form', { class: 'filters', 'aria-label': 'Choose a day' },
    labelled('Day (UTC)', h('input', { name: 'date', id: 'report-date', type: 'date', value: date, required: true })),
    h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = `#/reports?${new URLSearchParams({ date: fields(form).date })}`;
  });
  const [reconciliation, report] = await Promise.all([
    refusable(get(`/admin/v1/reconciliation/${encodeURIComponent(date)}`)),
    refusable(get(`/admin/v1/reports/daily?${new URLSearchParams({ date })}`)),
  ]);
  show(main, h('h1', {}, 'Reports'), form,
    h('section', { 'aria-labelledby': 'reconciliation' }, h('h2', { id: 'reconciliation' }, 'Reconciliation with the network'),
      reconciliation.error ? refusal(reconciliation.error) : reconciliationView(date, reconciliation.value)),
    h('section', { 'aria-labelledby': 'daily' }, h('h2', { id: 'daily' }, 'Daily ledger report'),
      report.error ? refusal(report.error) : dailyReportView(report.value)));
}

/** A refused request (a day in the future, say) is shown in its own section, so the day can be changed. */
async function refusable(request) {
  try {
    return { value: await request };
  } catch (error) {
    if (error.status === undefined || error.status === 401) throw error;
    return { error };
  }
}

const refusal = error => h('p', { class: 'error' }, error.message);

function reconciliationView(date, r) {
  const badge = { MATCHED: 'good', DIFFERENCES: 'bad', NOT_RUN: 'neutral' }[r.status] ?? 'neutral';
  const run = h('button', { type: 'button', class: 'small' }, 'Reconcile now');
  run.addEventListener('click', () => act('Reconcile',
    `Reconcile ${date} with the network's settlement file now? The day's result is replaced.`,
    () => api('POST', `/admin/v1/reconciliation/${encodeURIComponent(date)}`),
    x => `${x.date}: ${x.status}, ${x.differences.length} difference${x.differences.length === 1 ? '' : 's'}.`));
  return [
    h('p', {}, h('span', { class: `badge ${badge}`, 'data-figure': 'reconciliation-status' }, r.status),
      r.status === 'NOT_RUN'
        ? ' Not reconciled yet: the job runs after the day ends, or reconcile it now.'
        : ` Checked ${time(r.checkedAt)}: ${r.networkRows} rows in the network's files, ${r.settledByUs} payouts settled by us.`,
      ' ', run),
    table([
      ['Difference', x => x.kind],
      ['Payout', x => (x.operationId === null ? 'not ours' : h('a', { href: `#/payouts/${x.operationId}` }, `#${x.operationId}`))],
      ['Network amount', x => x.networkAmount ?? '—'],
      ['Our amount', x => x.ourAmount ?? '—'],
      ['Currency', x => x.currency],
    ], r.differences, { 'aria-label': 'Differences' }),
  ];
}

/** The day per currency: its business figures, then each account type's opening, movements and closing. */
function dailyReportView(report) {
  const balances = ok => h('span', { class: `badge ${ok ? 'good' : 'bad'}` }, ok ? 'balances' : 'DOES NOT BALANCE');
  return [
    h('p', {}, h('span', { 'data-figure': 'report-balances' }, balances(report.balances)),
      ` ${time(report.from)} to ${time(report.to)}: opening + movements = closing on every line, and each currency sums to zero.`),
    report.currencies.length === 0 ? h('p', { class: 'hint' }, 'No money was held or moved that day.') : null,
    report.currencies.map(c => h('section', { 'aria-labelledby': `report-${c.currency}` },
      h('h3', { id: `report-${c.currency}` }, `${c.currency} `, balances(c.balances)),
      h('dl', { class: 'summary' },
        term('Deposits', c.deposits), term('Withdrawals', c.withdrawals), term('Float top-ups', c.floatTopUps),
        term('Payouts debited', c.payoutsDebited), term('Settled', h('span', { 'data-figure': `settled-${c.currency}` }, c.settled)),
        term('Refunded', c.refunded), term('Fees', c.fees), term('Partner fees', c.partnerFees)),
      table([
        ['Account type', a => a.accountType],
        ['Opening', a => a.opening],
        ['Deposit', a => a.movements.deposit],
        ['Withdrawal', a => a.movements.withdrawal],
        ['Float top-up', a => a.movements.floatTopUp],
        ['Payout debit', a => a.movements.payoutDebit],
        ['Settle', a => a.movements.payoutSettle],
        ['Refund', a => a.movements.payoutRefund],
        ['Closing', a => a.closing],
        ['Check', a => balances(a.balances)],
      ], c.accounts, { class: 'compact', 'aria-label': `${c.currency} accounts` }))),
  ];
}

start();
