// The faults panel: a server's fault rules with how often each fired, a form to add one, and the refused commands.
import { getJson, postJson, remove } from './api.js';
import { byId, el, fill, icon, toast } from './dom.js';
import * as format from './format.js';

/** How often the open panel reads the rules again: firing happens over SMTP, without an event. */
const REFRESH_MS = 1500;

const EXAMPLES = [
  ['Greylist twice', { phase: 'RCPT', times: 2, reply: { code: 451, enhancedCode: '4.7.1', text: 'Greylisted, try again later' } }],
  ['Reject a recipient', { phase: 'RCPT', address: 'bob@example.com', reply: { code: 550, enhancedCode: '5.1.1', text: 'No such user' } }],
  ['Refuse the message', { phase: 'END_OF_DATA', reply: { code: 554, enhancedCode: '5.7.1', text: 'Message rejected' } }],
  ['Drop mid-DATA', { phase: 'DATA', times: 1, disconnect: { afterBytes: 100 } }],
  ['Slow greeting', { phase: 'CONNECT', delay: 'PT3S' }],
];

let server = null;
let timer = 0;
let lastRules = '';
let lastRejections = '';
let onChange = () => {};

function phaseText(phase) {
  return Array.isArray(phase) ? phase.join(', ') : String(phase);
}

/** Deletes one rule, or all of them, and shows what is left. */
async function removeAndRefresh(url) {
  try {
    await remove(url);
    await refresh();
    onChange();
  } catch (e) {
    toast(e.message, 'error');
  }
}

function ruleRow(fault) {
  const removeButton = el('button', { class: 'button small icon-only', type: 'button', 'aria-label': 'Remove rule ' + fault.id,
    title: 'Remove this rule' }, icon('trash'));
  removeButton.addEventListener('click', () => removeAndRefresh(fault.url));
  return el('tr', { dataset: { fault: fault.id }, class: fault.exhausted ? 'exhausted' : null },
    el('td', { class: 'muted' }, fault.id),
    el('td', {}, el('span', { class: 'phase' }, phaseText(fault.phase)), ' ',
      el('span', { class: 'rule-text' }, fault.description),
      fault.exhausted ? el('span', { class: 'badge off' }, 'used up') : null),
    el('td', { class: 'fired' }, el('span', { class: fault.fired > 0 ? 'pill hot' : 'pill' }, String(fault.fired)),
      el('span', { class: 'visually-hidden' }, fault.fired === 1 ? ' time' : ' times')),
    el('td', { class: 'cell-action' }, removeButton));
}

function rejectionRow(r) {
  const reply = r.disconnected ? 'connection dropped'
    : [r.code, r.enhancedCode, r.text].filter((part) => part !== null && part !== undefined).join(' ');
  const command = r.phase + (r.argument ? ' ' + r.argument : '');
  return el('tr', {},
    el('td', { class: 'muted nowrap', title: format.fullTime(r.at) }, format.shortTime(r.at)),
    el('td', {}, el('code', {}, command)),
    el('td', {}, el('span', { class: r.code >= 500 ? 'code perm' : 'code temp' }, reply)),
    el('td', { class: 'muted nowrap' }, r.injected ? 'rule' : 'server', ' · #' + r.connectionIndex));
}

async function refresh() {
  if (!server) {
    return;
  }
  const shown = server;
  const [faults, rejections] = await Promise.all([getJson(shown.faultsUrl), getJson(shown.rejectionsUrl)]);
  if (shown !== server) {
    return;
  }
  const rulesJson = JSON.stringify(faults.faults);
  if (rulesJson !== lastRules) {
    lastRules = rulesJson;
    fill(byId('rules-body'), faults.faults.map(ruleRow));
    byId('rules-empty').hidden = faults.faults.length > 0;
    byId('rules-body').parentElement.hidden = faults.faults.length === 0;
    byId('faults-clear').disabled = faults.faults.length === 0;
  }
  const rejectionsJson = JSON.stringify(rejections.rejections);
  if (rejectionsJson !== lastRejections) {
    lastRejections = rejectionsJson;
    fill(byId('rejections-body'), rejections.rejections.slice().reverse().map(rejectionRow));
    byId('rejections-empty').hidden = rejections.rejections.length > 0;
    byId('rejections-body').parentElement.hidden = rejections.rejections.length === 0;
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    if (server && !document.hidden) {
      try {
        await refresh();
      } catch (e) {
        // the next round tries again; the live indicator tells whether the server is there
      }
    }
    if (server) {
      schedule();
    }
  }, REFRESH_MS);
}

async function add() {
  const error = byId('fault-error');
  const text = byId('fault-json').value.trim();
  error.hidden = true;
  try {
    JSON.parse(text);
  } catch (e) {
    error.textContent = 'Not JSON: ' + e.message;
    error.hidden = false;
    return;
  }
  try {
    await postJson(server.faultsUrl, text);
    byId('fault-json').value = '';
    await refresh();
    onChange();
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
  }
}

/** Shows the panel for `target` (a server as the API lists it, with `rejectionsUrl`), and keeps it current. */
export async function open(target) {
  server = target;
  lastRules = '';
  lastRejections = '';
  byId('faults-server').textContent = target.id === 'default' ? '' : '· server ' + target.id;
  byId('faults-view').hidden = false;
  byId('fault-error').hidden = true;
  try {
    await refresh();
  } catch (e) {
    toast(e.message, 'error');
  }
  schedule();
}

export function close() {
  server = null;
  clearTimeout(timer);
  byId('faults-view').hidden = true;
}

export function isOpen() {
  return server !== null;
}

/** Wires the buttons; `changed` is called after a rule was added or removed. */
export function init(changed) {
  onChange = changed;
  byId('fault-add').addEventListener('click', add);
  byId('fault-json').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      add();
    }
  });
  byId('faults-clear').addEventListener('click', () => removeAndRefresh(server.faultsUrl));
  const examples = byId('fault-examples');
  for (const [label, rule] of EXAMPLES) {
    const button = el('button', { class: 'link-button', type: 'button' }, label);
    button.addEventListener('click', () => {
      byId('fault-json').value = JSON.stringify(rule);
      byId('fault-json').focus();
    });
    examples.append(button);
  }
}
