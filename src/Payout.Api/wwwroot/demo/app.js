// The demo customer app: what a merchant's app does with the public API, and nothing more —
// /oauth/token to sign in, /v4/payout/* for everything else. The access token lives in memory only.
import { amount, fields, h, isDecimal, parseExact, show, table, time } from '/lib/page.js';

const $ = id => document.getElementById(id);
let accessToken = null;
let data = null;
let offer = null;
let countdownTimer = null;
let pollTimer = null;

function say(text, isError = false) {
  $('message').textContent = text;
  $('message').classList.toggle('error', isError);
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${accessToken}`,
      'X-Sdk-Version': 'payoutCard=1.2',
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? parseExact(text) : null;
  if (!response.ok) throw new Error(parsed?.message ? `${parsed.error}: ${parsed.message}` : `HTTP ${response.status}`);
  return { body: parsed, serverDate: Date.parse(response.headers.get('Date') ?? '') };
}

// ------------------------------------------------------------------ sign-in ----

$('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const f = fields(event.target);
  const response = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'X-Merchant-ID': f.merchant, Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'mobile_phone', number: f.phone, password: f.password }),
  });
  const body = parseExact(await response.text());
  if (!response.ok) {
    $('sign-in-error').textContent = body.message ?? 'Sign-in failed.';
    return;
  }
  accessToken = body.access_token;
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  say(`Signed in as ${f.phone}.`);
  await loadData();
});

$('sign-out').addEventListener('click', async () => {
  await call('POST', '/signout').catch(() => {});
  location.reload();
});

// --------------------------------------------------------- cards and rates ----

async function loadData() {
  data = (await call('GET', '/v4/payout/data')).body;
  show($('cards'), data.cards.length === 0
    ? h('p', { class: 'hint' }, 'No card yet: add a test card.')
    : table([
      ['Card', c => `${c.cardType} ${c.maskedPan}`],
      ['Network', c => c.validationStatus],
    ], data.cards, { 'aria-label': 'Your cards' }));
  fill($('from'), [...new Set(data.pairs.map(p => p.currencyFrom))], $('from').value || 'USDT');
  fill($('to'), [...new Set(data.pairs.map(p => p.currencyTo))], $('to').value || 'EUR');
  fill($('card'), data.cards.map(c => [c.cardId, `${c.cardType} ${c.maskedPan}`]), $('card').value || data.cards.at(-1)?.cardId);
  showRates();
}

function fill(select, options, selected) {
  show(select, options.map(o => {
    const [value, label] = Array.isArray(o) ? o : [o, o];
    return h('option', { value, selected: String(value) === String(selected) }, label);
  }));
}

function showRates() {
  const from = $('from').value, to = $('to').value;
  const card = data.cards.find(c => String(c.cardId) === $('card').value);
  const limits = card?.pairsLimits.find(l => l.currencyFrom === from && l.currencyTo === to);
  const fees = data.fees;
  show($('rates'),
    h('p', {}, `Fees: ${fees.transactionFee} of the amount + ${fees.fixFee} in the card's currency; the rate includes a ${fees.rate} spread.`),
    limits ? h('p', { 'data-figure': 'limits' },
      `${from} → ${to} on this card: from ${limits.minAmountFrom} to ${limits.maxAmountFrom} ${from}; you can pay out up to ${limits.allAmountFrom} ${from} now.`) : null,
    table([
      ['Pair', p => `${p.currencyFrom} → ${p.currencyTo}`],
      ['Rate', p => p.rate],
      ['Per payout', p => `${p.defaultMinAmountFrom} – ${p.defaultMaxAmountFrom} ${p.currencyFrom}`],
    ], data.pairs.filter(p => p.currencyTo === to), { class: 'compact', 'aria-label': 'Rates' }));
}

for (const id of ['from', 'to', 'card']) $(id).addEventListener('change', showRates);

$('card-form').addEventListener('submit', async event => {
  event.preventDefault();
  const f = fields(event.target);
  try {
    const year = new Date().getUTCFullYear() + 3;
    const card = (await call('POST', '/v4/payout/card',
      { cardNumber: f.number, cardHolder: f.holder, cardExpirationYear: year, cardExpirationMonth: 12 })).body;
    await call('POST', `/v4/payout/card/${card.cardId}/billing-address`,
      { address: '1 High Street', city: 'London', countryCode: 'GB', zip: 'SW1A 1AA' });
    $('card').value = '';
    await loadData();
    $('card').value = String(card.cardId);
    showRates();
    say(`Card ${card.maskedPan} added (${card.validationStatus}).`);
  } catch (error) {
    say(error.message, true);
  }
});

// ------------------------------------------------------------------- offers ----

function offerRequest() {
  const f = fields($('offer-form'));
  if (!isDecimal(f.amount)) throw new Error('The amount must be a number like 100 or 0.5.');
  return { amount: amount(f.amount), fromCurrency: f.from, toCurrency: f.to };
}

$('offer-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    const request = { ...offerRequest(), cardId: Number($('card').value) };
    showOffer(await call('POST', '/v4/payout/offer', request));
  } catch (error) {
    say(error.message, true);
  }
});

async function requote() {
  try {
    showOffer(await call('PUT', `/v4/payout/offer/${offer.offerId}`, offerRequest()));
    say('Re-quoted at the current rate.');
  } catch (error) {
    say(error.message, true);
  }
}

function showOffer({ body, serverDate }) {
  offer = body;
  // The countdown runs to the offer's expiresAt on the server's clock (its Date header), whatever this machine's
  // clock says; that header has whole seconds, so the deadline is also capped at validSeconds from now.
  const now = Date.now();
  const skew = Number.isNaN(serverDate) ? 0 : serverDate - now;
  const deadline = Math.min(Date.parse(offer.expiresAt) - skew, now + Number(offer.validSeconds) * 1000);
  show($('offer'),
    h('dl', { class: 'offer' },
      h('dt', {}, 'You send'), h('dd', { 'data-figure': 'offer-amount' }, `${offer.amount} ${offer.currencyFrom}`),
      h('dt', {}, 'The card receives'), h('dd', { 'data-figure': 'offer-amount-to' }, `${offer.amountTo} ${offer.currencyTo}`),
      h('dt', {}, 'Rate'), h('dd', {}, offer.rate),
      h('dt', {}, 'Fees'), h('dd', {}, offer.feeInfo.map(f => h('div', {}, `${f.name}: ${f.value} ${f.currency}`))),
      h('dt', {}, 'Limit left'), h('dd', {}, `${offer.limit.value} ${offer.limit.currency}`),
      h('dt', {}, 'Valid until'), h('dd', {}, time(offer.expiresAt), ' — ', h('span', { id: 'countdown' }, ''))),
    offer.possibleToExecute ? null : h('p', { class: 'error' }, `Cannot be executed: ${offer.reasons.join(', ')}`),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'quiet', onclick: requote }, 'Re-quote'),
      h('button', { type: 'button', id: 'execute', disabled: !offer.possibleToExecute, onclick: execute }, 'Execute')));
  clearInterval(countdownTimer);
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    $('countdown').textContent = left > 0 ? `${left} s left` : 'expired: re-quote';
    if (left === 0) {
      $('execute').disabled = true;
      clearInterval(countdownTimer);
    }
  };
  tick();
  countdownTimer = setInterval(tick, 250);
}

// ------------------------------------------------------------------ payouts ----

async function execute() {
  clearInterval(countdownTimer);
  $('execute').disabled = true;
  $('countdown').textContent = 'executed';
  try {
    const payout = (await call('POST', `/v4/payout/pay/${offer.offerId}`)).body;
    $('payout-section').hidden = false;
    const steps = h('ol', { id: 'statuses', 'aria-label': 'Status changes' });
    show($('payout'),
      h('p', {}, `Operation ${payout.operationId}: ${payout.amountTo} ${payout.currencyTo} to the card, ${payout.totalDebited} ${payout.currencyFrom} debited.`),
      h('p', {}, 'Status: ', h('strong', { id: 'payout-status', 'data-status': payout.status }, payout.status)),
      steps);
    record(steps, payout.status);
    if (payout.status === 'PENDING') poll(payout.operationId, steps);
    else await loadData();
  } catch (error) {
    say(error.message, true);
  }
}

function record(steps, status) {
  steps.append(h('li', {}, `${new Date().toISOString().slice(11, 19)} ${status}`));
}

/** Asks for the operation once a second until it is final (bounded: two minutes). */
function poll(operationId, steps, tries = 120) {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    try {
      const operation = (await call('GET', `/v4/payout/operations/${operationId}`)).body;
      if (operation.status !== 'PENDING') {
        $('payout-status').textContent = operation.status;
        $('payout-status').dataset.status = operation.status;
        record(steps, operation.status + (operation.failureReason ? ` (${operation.failureReason})` : ''));
        await loadData();
        return;
      }
    } catch (error) {
      say(error.message, true);
    }
    if (tries > 1) poll(operationId, steps, tries - 1);
  }, 1000);
}
