// SyncHub dashboard: plain DOM + fetch against /api/v1, refreshed every few seconds; no framework, no CDN.
'use strict';

const REFRESH_MS = 3000;
const ENTITY_TYPES = ['products', 'inventory', 'catalogs', 'images', 'prices'];
let scheduleTarget = null;   // task id, or null for the global default

// ---- helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function token() { return sessionStorage.getItem('synchub.token'); }

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token()) headers['Authorization'] = 'Bearer ' + token();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    const given = prompt('This SyncHub needs its admin token (synchub.admin.token):');
    if (given) { sessionStorage.setItem('synchub.token', given); return api(method, path, body); }
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((data && data.detail) || ('HTTP ' + response.status));
  return data;
}

function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  return seconds < 0 ? 'in ' + human(-seconds) : human(seconds) + ' ago';
}

function until(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  return seconds <= 0 ? 'due now' : 'in ' + human(seconds);
}

function human(seconds) {
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return (seconds / 3600).toFixed(1) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

function local(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }

function status(text) { document.getElementById('status').textContent = text; }

function progress(run) {
  if (!run || run.status !== 'running') return null;
  const done = run.itemsRead;
  const seconds = Math.max(1, (Date.now() - Date.parse(run.startedAt)) / 1000);
  if (!run.itemsTotal) {
    // no total known (a push reads what arrives while it runs): what it has done so far, and how fast
    return done > 0 ? el('span', { class: 'line progress' }, done + ' items so far · ' + Math.round(done / seconds) + '/s') : null;
  }
  const pct = Math.min(100, Math.round(100 * done / run.itemsTotal));
  const eta = done > 0 ? Math.round(seconds * (run.itemsTotal - done) / done) : null;
  return el('div', { class: 'progress', title: done + ' / ' + run.itemsTotal + (eta !== null ? ', ETA ' + human(eta) : '') },
    el('div', { class: 'bar' }, el('div', { style: 'width:' + pct + '%' })),
    el('span', { class: 'line' }, done + ' / ' + run.itemsTotal + (eta !== null ? ' · ETA ' + human(eta) : '')));
}

// ---- tasks

async function refreshTasks() {
  const tasks = await api('GET', '/api/v1/tasks');
  const tiles = document.getElementById('tiles');
  tiles.replaceChildren(...tasks.map(tile));
}

function tile(task) {
  const state = task.state || 'idle';
  const last = task.lastRun;
  return el('div', { class: 'tile state-' + state.replace(/ /g, '-'), 'data-task': task.id, 'data-state': state },
    el('h3', {}, task.id),
    el('div', { class: 'buttons' },
      task.kind === 'scheduled' ? el('button', { title: 'Change schedule', class: 'clock-btn', onclick: () => openSchedule(task.id) }, 'schedule') : null,
      task.runnable ? el('button', { title: 'Run now', class: 'run-btn', onclick: () => runNow(task.id) }, 'run now') : null),
    el('div', { class: 'state' }, state),
    el('div', { class: 'line schedule' }, task.schedule || task.kind),
    el('div', { class: 'line' }, 'last run: ', last ? last.status + ', ' + ago(last.endedAt || last.startedAt) : 'never'),
    el('div', { class: 'line next-run', 'data-next': task.nextRun || '' }, 'next run: ', task.nextRun ? local(task.nextRun) + ' (' + until(task.nextRun) + ')' : '—'),
    el('div', { class: 'line' }, 'since last success: ', task.secondsSinceLastSuccess === null || task.secondsSinceLastSuccess === undefined ? 'never' : human(task.secondsSinceLastSuccess)),
    state === 'failed' && last && last.message ? el('div', { class: 'line error-line' }, last.message) : null,
    progress(last));
}

async function runNow(id) {
  try {
    const answer = await api('POST', '/api/v1/tasks/' + encodeURIComponent(id) + '/run');
    status('run ' + answer.runId + ' of ' + id + ' queued');
    refreshSoon();
  } catch (e) { status(e.message); }
}

// ---- schedules

async function openSchedule(taskId) {
  scheduleTarget = taskId;
  const form = document.getElementById('schedule-form');
  document.getElementById('schedule-title').textContent = taskId ? 'Schedule of ' + taskId : 'Default schedule';
  document.getElementById('schedule-error').textContent = '';
  document.getElementById('blackouts').replaceChildren();
  let body = { type: 'interval', minutes: 15, blackouts: [] };
  if (taskId) {
    const detail = await api('GET', '/api/v1/tasks/' + encodeURIComponent(taskId));
    if (detail.scheduleBody) body = JSON.parse(detail.scheduleBody);
  }
  form.elements.type.forEach(r => { r.checked = r.value === body.type; r.disabled = !taskId && r.value === 'default'; });
  if (body.minutes) form.elements.minutes.value = body.minutes;
  if (body.at) form.elements.at.value = body.at;
  if (body.expression) form.elements.expression.value = body.expression;
  (body.blackouts || []).forEach(addBlackout);
  await previewCalendar();
  document.getElementById('schedule-dialog').showModal();
}

function addBlackout(window) {
  const w = window || { from: '22:00', to: '04:00', days: [] };
  const days = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  const row = el('div', { class: 'blackout' },
    'not from ', el('input', { type: 'time', class: 'from', value: w.from }),
    ' to ', el('input', { type: 'time', class: 'to', value: w.to }), ' ',
    ...days.map(d => el('label', { style: 'display:inline' }, el('input', { type: 'checkbox', class: 'day', value: d, checked: (w.days || []).includes(d) }), d.substring(0, 2))),
    el('button', { type: 'button', onclick: () => { row.remove(); previewCalendar(); } }, '\u2715'));
  document.getElementById('blackouts').append(row);
}

function scheduleBody() {
  const form = document.getElementById('schedule-form');
  const type = [...form.elements.type].find(r => r.checked)?.value || 'default';
  if (type === 'interval') {
    return { type, minutes: Number(form.elements.minutes.value), blackouts: [...document.querySelectorAll('#blackouts .blackout')].map(row => ({
      from: row.querySelector('.from').value, to: row.querySelector('.to').value,
      days: [...row.querySelectorAll('.day:checked')].map(c => c.value) })) };
  }
  if (type === 'daily') return { type, at: form.elements.at.value };
  if (type === 'cron') return { type, expression: form.elements.expression.value };
  return { type: 'default' };
}

async function previewCalendar() {
  const list = document.getElementById('calendar');
  if (!scheduleTarget) { list.replaceChildren(el('li', {}, 'applies to every task on the default schedule')); return; }
  try {
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    const cal = await api('GET', '/api/v1/tasks/' + encodeURIComponent(scheduleTarget) + '/calendar?from=' + from + '&to=' + to);
    list.replaceChildren(...cal.fires.slice(0, 200).map(f =>
      el('li', { class: f.runs ? 'runs' : 'skipped' }, local(f.at), f.runs ? '' : ' — skipped: ' + f.skipReason)));
    if (cal.fires.length === 0) list.replaceChildren(el('li', {}, 'no runs in the next 24 hours'));
  } catch (e) { list.replaceChildren(el('li', { class: 'error' }, e.message)); }
}

async function saveSchedule(event) {
  event.preventDefault();
  const path = scheduleTarget ? '/api/v1/tasks/' + encodeURIComponent(scheduleTarget) + '/schedule' : '/api/v1/schedule/default';
  try {
    await api('PUT', path, scheduleBody());
    document.getElementById('schedule-dialog').close();
    status('schedule saved');
    refreshSoon();
  } catch (e) { document.getElementById('schedule-error').textContent = e.message; }
}

// ---- pauses

async function refreshPauses() {
  let pauses;
  try { pauses = await api('GET', '/api/v1/pauses'); } catch (e) { return; }
  const byType = Object.fromEntries((pauses || []).map(p => [p.entityType, p]));
  document.querySelector('#pauses tbody').replaceChildren(...ENTITY_TYPES.map(type => {
    const p = byType[type] || { paused: false, heldChanges: 0 };
    // a type no push sends yet (pushable false) cannot be paused or resumed: the row says why instead
    if (p.pushable === false) {
      return el('tr', { 'data-type': type, title: p.noPush || '' },
        el('td', {}, type),
        el('td', { class: 'pause-state' }, 'no push yet'),
        el('td', { class: 'held' }, p.heldChanges ?? 0),
        el('td', {}, el('button', { class: 'toggle', disabled: true, title: p.noPush || '' }, 'Pause')));
    }
    return el('tr', { 'data-type': type },
      el('td', {}, type),
      el('td', { class: 'pause-state' }, p.paused ? 'paused' : 'syncing'),
      el('td', { class: 'held' }, p.heldChanges ?? 0),
      el('td', {},
        el('button', { class: 'toggle', onclick: () => togglePause(type, p.paused) }, p.paused ? 'Resume' : 'Pause'),
        p.paused ? el('button', { class: 'preview', onclick: () => preview(type) }, 'Preview resume') : null));
  }));
}

async function togglePause(type, paused) {
  try {
    await api(paused ? 'DELETE' : 'PUT', '/api/v1/pauses/' + type);
    status(type + (paused ? ' resumed' : ' paused'));
    document.getElementById('preview').hidden = true;
    refreshSoon();
  } catch (e) { status(e.message); }
}

async function preview(type) {
  const box = document.getElementById('preview');
  try {
    box.textContent = JSON.stringify(await api('GET', '/api/v1/pauses/' + type + '/preview'), null, 2);
  } catch (e) { box.textContent = e.message; }
  box.hidden = false;
}

// ---- runs, dead letters, SKU history, Sync All

async function refreshRuns() {
  const runs = await api('GET', '/api/v1/runs?limit=50');
  document.querySelector('#runs tbody').replaceChildren(...runs.map(r => el('tr', { class: 'clickable', 'data-run': r.id, onclick: () => showRun(r.id) },
    el('td', {}, r.id), el('td', {}, r.task), el('td', {}, r.trigger),
    el('td', { class: 'status-' + r.status }, r.status), el('td', {}, local(r.startedAt)),
    el('td', {}, r.endedAt ? human(Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000)) : '…'),
    el('td', {}, r.itemsRead + ' / ' + r.itemsWritten + ' / ' + r.itemsFailed),
    el('td', {}, progress(r)), el('td', {}, r.message || ''))));
  return runs;
}

async function showRun(id) {
  const box = document.getElementById('run-detail');
  const detail = await api('GET', '/api/v1/runs/' + id);
  box.replaceChildren(el('strong', {}, 'Run ' + id + ' (' + detail.run.task + '): ' + detail.run.status),
    detail.run.message ? el('div', {}, detail.run.message) : null,
    detail.errors.length === 0 ? el('div', {}, 'no item errors') :
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'item'), el('th', {}, 'field'), el('th', {}, 'error'))),
        el('tbody', {}, detail.errors.map(e => el('tr', {}, el('td', {}, e.itemKey || ''), el('td', {}, e.field || ''), el('td', {}, e.message))))));
  box.hidden = false;
}

async function refreshDeadLetters() {
  const letters = await api('GET', '/api/v1/dead-letters?limit=50');
  document.querySelector('#dead-letters tbody').replaceChildren(...letters.map(d => el('tr', {},
    el('td', {}, d.id), el('td', {}, d.task), el('td', {}, d.entityType + ' ' + d.entityKey), el('td', {}, d.reason),
    el('td', {}, local(d.createdAt)), el('td', {}, d.state),
    el('td', {}, d.state === 'PARKED' ? el('button', { onclick: () => replay(d.id) }, 'Replay') : null))));
}

async function replay(id) {
  try { await api('POST', '/api/v1/dead-letters/' + id + '/replay'); status('dead letter ' + id + ' replayed'); refreshSoon(); }
  catch (e) { status(e.message); }
}

async function skuHistory(event) {
  event.preventDefault();
  const sku = document.getElementById('sku').value.trim();
  const body = document.querySelector('#sku-history tbody');
  try {
    const rows = await api('GET', '/api/v1/products/' + encodeURIComponent(sku) + '/sync-history');
    body.replaceChildren(...rows.map(h => el('tr', {}, el('td', {}, local(h.pushedAt || h.at)), el('td', {}, h.location || ''),
      el('td', {}, h.quantity), el('td', {}, h.storefront), el('td', { class: 'status-' + h.status }, h.status + (h.message ? ': ' + h.message : '')))));
    if (rows.length === 0) body.replaceChildren(el('tr', {}, el('td', { colspan: 5 }, 'no pushes for ' + sku + ' yet')));
  } catch (e) { body.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'error' }, e.message))); }
}

let cycleId = null;
async function syncAll() {
  try {
    const answer = await api('POST', '/api/v1/sync-all');
    cycleId = answer.cycleId ?? answer.runId;
    status('Sync All started (cycle ' + cycleId + ')');
    refreshSoon();
  } catch (e) { status(e.message); }
}

function showCycle(runs) {
  if (!cycleId) return;
  const steps = runs.filter(r => r.cycleId === cycleId).sort((a, b) => a.id - b.id);
  const cycle = runs.find(r => r.id === cycleId);
  document.getElementById('cycle').hidden = false;
  document.getElementById('cycle-steps').replaceChildren(
    ...steps.map(s => el('li', { class: 'status-' + s.status }, s.task + ': ' + s.status + (s.message ? ' — ' + s.message : ''))),
    cycle ? el('li', { class: 'status-' + cycle.status }, 'cycle: ' + cycle.status + (cycle.message ? ' — ' + cycle.message : '')) : null);
}

// ---- drift report (task reconcile)

async function refreshDrift() {
  const report = await api('GET', '/api/v1/drift?limit=50');
  document.getElementById('drift-count').textContent = report.count + (report.count === 1 ? ' level' : ' levels')
    + (report.count > report.items.length ? ' (first ' + report.items.length + ' shown)' : '');
  document.querySelector('#drift tbody').replaceChildren(...report.items.map(d => el('tr', { 'data-sku': d.sku },
    el('td', {}, d.sku), el('td', {}, d.location), el('td', {}, d.hub), el('td', {}, d.store),
    el('td', {}, d.lastPush === null ? '—' : d.lastPush + ' (' + ago(d.lastPushAt) + ')'), el('td', {}, d.kind),
    el('td', {}, ago(d.since)), el('td', {}, d.repairQueued === null ? '' : 'queued ' + d.repairQueued))));
}

async function driftRepair(dryRun) {
  const box = document.getElementById('drift-plan');
  try {
    const plan = await api(dryRun ? 'GET' : 'POST', '/api/v1/drift/repair');
    box.textContent = (dryRun ? 'A repair would send ' : 'Queued ') + plan.updates + ' level(s)'
      + (plan.items.length ? ':\n' + plan.items.map(u => u.sku + ' @ ' + u.location + ': ' + u.store + ' -> ' + u.quantity).join('\n') : '');
    if (!dryRun) refreshSoon();
  } catch (e) { box.textContent = e.message; }
  box.hidden = false;
}

// ---- refresh loop

let timer = null;
async function refresh() {
  clearTimeout(timer);
  try {
    await refreshTasks();
    const runs = await refreshRuns();
    showCycle(runs);
    await Promise.all([refreshPauses(), refreshDeadLetters().catch(() => {}), refreshDrift().catch(() => {})]);
    document.getElementById('clock').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) { status(e.message); }
  timer = setTimeout(refresh, REFRESH_MS);
}
function refreshSoon() { clearTimeout(timer); timer = setTimeout(refresh, 200); }

document.getElementById('sync-all').addEventListener('click', syncAll);
document.getElementById('global-schedule').addEventListener('click', () => openSchedule(null));
document.getElementById('add-blackout').addEventListener('click', () => { addBlackout(); previewCalendar(); });
document.getElementById('schedule-form').addEventListener('change', previewCalendar);
document.getElementById('save-schedule').addEventListener('click', saveSchedule);
document.getElementById('sku-form').addEventListener('submit', skuHistory);
document.getElementById('drift-preview').addEventListener('click', () => driftRepair(true));
document.getElementById('drift-repair').addEventListener('click', () => driftRepair(false));
refresh();
