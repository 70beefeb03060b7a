// The web inbox: the message list (newest first, live over Server-Sent Events), search, clear, the server
// selector and the keyboard; the message itself is message-view.js, the faults panel faults-view.js.
import { ApiError, getJson, remove } from './api.js';
import { byId, el, fill, icon, toast } from './dom.js';
import * as faults from './faults-view.js';
import * as format from './format.js';
import * as view from './message-view.js';

/** Rows drawn at most; the count says how many match, the search narrows them. */
const MAX_ROWS = 500;
/** How often the server list is read: isolated servers come and go, and other clients delete mail. */
const SERVERS_MS = 2000;
const DEFAULT = 'default';

const state = {
  servers: [],
  server: null,
  /** id -> summary */
  messages: new Map(),
  /** ids, newest first */
  order: [],
  /** ids that match the search, newest first */
  visible: [],
  selected: null,
  words: [],
  events: null,
  /** ids that arrived while the page was open, with when, for the arrival highlight */
  arrived: new Map(),
  renderPending: false,
  resyncing: null,
  detailToken: 0,
};

// ---- servers ---------------------------------------------------------------------------------------------

function withUrls(server) {
  const base = server.messagesUrl.slice(0, -'/messages'.length);
  return { ...server, base, rejectionsUrl: base + '/rejections' };
}

function showServers() {
  const select = byId('server-select');
  select.hidden = state.servers.length < 2;
  const options = state.servers.map((server) => el('option', { value: server.id, selected: server.id === state.server.id },
    server.id === DEFAULT ? 'default server' : 'server ' + server.id,
    ' · ', server.smtpHost + ':' + server.smtpPort));
  fill(select, options);
  const server = state.server;
  byId('smtp-address').textContent = select.hidden ? 'SMTP ' + server.smtpHost + ':' + server.smtpPort : '';
  const count = byId('faults-count');
  count.textContent = String(server.faultCount);
  count.hidden = !server.faultCount;
}

async function pollServers() {
  if (document.hidden) {
    return;
  }
  let list;
  try {
    list = (await getJson('/api/v1/servers')).servers.map(withUrls);
  } catch (e) {
    return; // the live indicator shows that the server is away
  }
  state.servers = list;
  const current = list.find((server) => server.id === state.server.id);
  if (!current) {
    toast('Server ' + state.server.id + ' was deleted; showing the default server.');
    switchServer(list.find((server) => server.id === DEFAULT), null);
    return;
  }
  state.server = current;
  showServers();
  if (current.messageCount !== state.messages.size && !state.resyncing) {
    resync(); // deleted or dropped by another client, or beyond --max-messages
  }
}

function switchServer(server, messageId) {
  if (state.events) {
    state.events.close();
  }
  state.server = server;
  state.messages.clear();
  state.order = [];
  state.arrived.clear();
  state.selected = null;
  view.hide();
  byId('detail-placeholder').hidden = faults.isOpen();
  if (faults.isOpen()) {
    faults.open(server);
  }
  showServers();
  render();
  listen(messageId);
  updateLocation();
}

// ---- messages --------------------------------------------------------------------------------------------

function setLive(kind, text) {
  const live = byId('live');
  live.dataset.state = kind;
  live.textContent = text;
}

/**
 * Follows the server's events. The list is read after the stream is open, so a message is in the list, in an
 * event, or in both (the id keeps it once) — never in neither.
 */
function listen(messageId) {
  const server = state.server;
  const events = new EventSource(server.eventsUrl);
  state.events = events;
  setLive('connecting', 'Connecting…');
  let first = true;
  events.addEventListener('open', async () => {
    setLive('live', 'Live');
    await resync();
    if (first && messageId && state.messages.has(messageId)) {
      select(messageId, false);
    }
    first = false;
  });
  events.addEventListener('message', (event) => {
    add(JSON.parse(event.data), true);
  });
  events.addEventListener('closed', () => {
    events.close();
    if (state.server === server && server.id !== DEFAULT) {
      toast('Server ' + server.id + ' was deleted; showing the default server.');
      const fallback = state.servers.find((s) => s.id === DEFAULT);
      if (fallback) {
        switchServer(fallback, null);
      }
    }
  });
  events.addEventListener('error', () => {
    if (state.events === events) {
      setLive('down', events.readyState === EventSource.CLOSED ? 'Offline' : 'Reconnecting…');
    }
  });
}

/** Reads the whole list again, keeping the selection when the message is still there. */
function resync() {
  const server = state.server;
  const run = (async () => {
    try {
      const list = await getJson(server.messagesUrl);
      if (server !== state.server) {
        return;
      }
      state.messages.clear();
      for (const summary of list.messages) {
        state.messages.set(summary.id, summary);
      }
      sortOrder();
      if (state.selected && !state.messages.has(state.selected)) {
        deselect();
      }
      scheduleRender();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      state.resyncing = null;
    }
  })();
  state.resyncing = run;
  return run;
}

function sortOrder() {
  state.order = [...state.messages.values()].sort((a, b) => b.sequence - a.sequence).map((m) => m.id);
}

function add(summary, live) {
  if (state.messages.has(summary.id)) {
    return;
  }
  state.messages.set(summary.id, summary);
  if (state.order.length === 0 || state.messages.get(state.order[0]).sequence < summary.sequence) {
    state.order.unshift(summary.id);
  } else {
    sortOrder();
  }
  if (live) {
    state.arrived.set(summary.id, Date.now());
  }
  scheduleRender();
}

// ---- the list --------------------------------------------------------------------------------------------

function scheduleRender() {
  if (!state.renderPending) {
    state.renderPending = true;
    requestAnimationFrame(() => {
      state.renderPending = false;
      render();
    });
  }
}

function markers(summary) {
  const list = [];
  if (summary.attachmentCount > 0) {
    list.push(el('span', { class: 'marker', title: summary.attachmentCount + ' attachment' + (summary.attachmentCount > 1 ? 's' : ''),
      dataset: { marker: 'attachments' } }, icon('clip'), summary.attachmentCount > 1 ? String(summary.attachmentCount) : null));
  }
  if (summary.tls) {
    list.push(el('span', { class: 'marker', title: 'Sent over TLS', dataset: { marker: 'tls' } }, icon('lock'), 'TLS'));
  }
  if (summary.authenticatedUser) {
    list.push(el('span', { class: 'marker', title: 'Logged in as ' + summary.authenticatedUser, dataset: { marker: 'auth' } },
      icon('key'), 'AUTH'));
  }
  return list;
}

function row(summary) {
  const selected = summary.id === state.selected;
  const arrived = state.arrived.get(summary.id);
  const recipients = summary.to.length > 2 ? summary.to.slice(0, 2).join(', ') + ' +' + (summary.to.length - 2)
    : summary.to.join(', ');
  const node = el('div', {
    class: 'row' + (arrived && Date.now() - arrived < 2000 ? ' fresh' : ''),
    role: 'option', id: 'row-' + summary.id, 'aria-selected': String(selected), dataset: { id: summary.id },
  },
  el('div', { class: 'row-line' },
    el('span', { class: 'row-from' }, format.sender(summary.from)),
    el('time', { class: 'row-time', datetime: summary.receivedAt, title: format.fullTime(summary.receivedAt) },
      format.shortTime(summary.receivedAt))),
  el('div', { class: summary.subject ? 'row-subject' : 'row-subject muted' }, summary.subject || '(no subject)'),
  el('div', { class: 'row-line' },
    el('span', { class: 'row-to', title: summary.to.join(', ') }, el('span', { class: 'muted' }, 'to '), recipients),
    el('span', { class: 'row-meta' }, markers(summary), el('span', { class: 'row-size' }, format.size(summary.size)))));
  return node;
}

function render() {
  state.visible = state.order.filter((id) => format.matches(state.messages.get(id), state.words));
  const list = byId('message-list');
  const shown = state.visible.slice(0, MAX_ROWS);
  fill(list, shown.map((id) => row(state.messages.get(id))));
  if (state.selected) {
    list.setAttribute('aria-activedescendant', 'row-' + state.selected);
  } else {
    list.removeAttribute('aria-activedescendant');
  }
  const total = state.messages.size;
  const noun = (n) => n === 1 ? 'message' : 'messages';
  byId('list-count').textContent = state.words.length > 0 ? state.visible.length + ' of ' + total + ' ' + noun(total)
    : total === 0 ? 'No messages' : total + ' ' + noun(total);
  const more = byId('list-more');
  more.hidden = state.visible.length <= MAX_ROWS;
  more.textContent = 'Showing the newest ' + MAX_ROWS + ' of ' + state.visible.length + '; search to narrow them down.';
  const empty = byId('list-empty');
  empty.hidden = state.visible.length > 0;
  list.hidden = state.visible.length === 0;
  if (state.visible.length === 0) {
    const server = state.server;
    const searching = total > 0;
    byId('list-empty-title').textContent = searching ? 'Nothing matches “' + byId('search').value.trim() + '”' : 'No messages yet';
    byId('list-empty-text').textContent = searching ? 'The search looks at the sender, the recipients and the subject.'
      : 'Send mail to ' + server.smtpHost + ':' + server.smtpPort + ' and it shows up here at once, for example:';
    byId('list-empty-command').hidden = searching;
    byId('list-empty-command').textContent = 'swaks --server ' + server.smtpHost + ':' + server.smtpPort + ' --to bob@example.com';
  }
  document.title = (total > 0 ? '(' + total + ') ' : '') + 'fake-smtp inbox';
}

// ---- selection -------------------------------------------------------------------------------------------

function markSelected(id) {
  for (const node of byId('message-list').querySelectorAll('.row[aria-selected="true"]')) {
    node.setAttribute('aria-selected', 'false');
  }
  const node = id ? byId('row-' + id) : null;
  if (node) {
    node.setAttribute('aria-selected', 'true');
    node.scrollIntoView({ block: 'nearest' });
    byId('message-list').setAttribute('aria-activedescendant', node.id);
  }
}

async function select(id, focusList) {
  state.selected = id;
  markSelected(id);
  if (focusList) {
    byId('message-list').focus({ preventScroll: true });
  }
  if (faults.isOpen()) {
    closeFaults();
  }
  byId('detail-placeholder').hidden = true;
  updateLocation();
  const token = ++state.detailToken;
  const url = state.messages.get(id).url;
  try {
    const detail = await getJson(url);
    if (token === state.detailToken) {
      view.show(detail, url);
    }
  } catch (e) {
    if (token === state.detailToken) {
      toast(e instanceof ApiError && e.status === 404 ? 'That message is gone.' : e.message, 'error');
      if (e.status === 404) {
        resync();
      }
    }
  }
}

function deselect() {
  state.selected = null;
  state.detailToken++;
  view.hide();
  byId('detail-placeholder').hidden = faults.isOpen();
  updateLocation();
}

function move(step) {
  const ids = state.visible.slice(0, MAX_ROWS);
  if (ids.length === 0) {
    return;
  }
  const index = ids.indexOf(state.selected);
  let next;
  if (step === Infinity) {
    next = ids.length - 1;
  } else if (step === -Infinity) {
    next = 0;
  } else if (index < 0) {
    next = step > 0 ? 0 : ids.length - 1;
  } else {
    next = Math.max(0, Math.min(ids.length - 1, index + step));
  }
  if (ids[next] !== state.selected) {
    select(ids[next], true);
  }
}

async function deleteSelected() {
  const id = state.selected;
  if (!id) {
    return;
  }
  const index = state.visible.indexOf(id);
  const next = state.visible[index + 1] || state.visible[index - 1] || null;
  try {
    await remove(state.messages.get(id).url);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  state.messages.delete(id);
  state.order = state.order.filter((other) => other !== id);
  render();
  if (next) {
    select(next, false);
  } else {
    deselect();
  }
}

// ---- clear all, faults, location -------------------------------------------------------------------------

function askClear() {
  const total = state.messages.size;
  byId('clear-text').textContent = (total === 0 ? 'There are no messages' : 'All ' + total + ' ' + (total === 1 ? 'message' : 'messages'))
    + ' on the ' + (state.server.id === DEFAULT ? 'default server' : 'server ' + state.server.id)
    + ', with the refused commands and transcripts recorded with them, will be deleted.';
  byId('clear-dialog').showModal();
  byId('clear-cancel').focus();
}

async function clearAll() {
  byId('clear-dialog').close();
  try {
    await remove(state.server.messagesUrl);
  } catch (e) {
    toast(e.message, 'error');
    return;
  }
  state.messages.clear();
  state.order = [];
  deselect();
  render();
  toast('All messages deleted.');
}

function openFaults() {
  byId('faults-button').setAttribute('aria-pressed', 'true');
  view.hide();
  byId('detail-placeholder').hidden = true;
  faults.open(state.server);
  updateLocation();
}

function closeFaults() {
  byId('faults-button').setAttribute('aria-pressed', 'false');
  faults.close();
  if (state.selected && view.shownId() !== state.selected) {
    const id = state.selected;
    state.selected = null;
    select(id, false);
  } else {
    byId('detail-placeholder').hidden = state.selected !== null;
  }
  updateLocation();
}

/** The location's fragment names the server and the message or the faults panel: #/default/<id>, #/<server>/faults */
function updateLocation() {
  const parts = ['', state.server.id];
  if (faults.isOpen()) {
    parts.push('faults');
  } else if (state.selected) {
    parts.push(state.selected);
  }
  const hash = '#' + parts.join('/');
  if (location.hash !== hash) {
    history.replaceState(null, '', hash);
  }
}

/** A location typed or pasted while the page is open: its server, and its message or the faults panel. */
function followLocation() {
  const wanted = readLocation();
  if (!state.server) {
    return;
  }
  if (wanted.server !== state.server.id) {
    const server = state.servers.find((s) => s.id === wanted.server);
    if (server) {
      switchServer(server, wanted.item === 'faults' ? null : wanted.item);
    }
  } else if (wanted.item && wanted.item !== 'faults' && state.messages.has(wanted.item)) {
    select(wanted.item, false);
  }
  if (wanted.item === 'faults' && !faults.isOpen()) {
    openFaults();
  }
  updateLocation();
}

function readLocation() {
  const [, server, item] = decodeURIComponent(location.hash).split('/');
  return { server: server || DEFAULT, item: item || null };
}

// ---- start -----------------------------------------------------------------------------------------------

function isTyping(target) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);
}

function onKey(event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || byId('clear-dialog').open) {
    return;
  }
  const search = byId('search');
  if (event.target === search) {
    if (event.key === 'Escape') {
      search.value = '';
      search.dispatchEvent(new Event('input'));
      search.blur();
    } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      move(state.selected ? 0 : 1);
      byId('message-list').focus();
    }
    return;
  }
  if (isTyping(event.target)) {
    return;
  }
  const steps = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
  if (event.key in steps && !(event.target instanceof HTMLElement && event.target.getAttribute('role') === 'tab'
      && (event.key === 'Home' || event.key === 'End'))) {
    event.preventDefault();
    move(steps[event.key]);
  } else if (event.key === '/') {
    event.preventDefault();
    search.focus();
    search.select();
  } else if (event.key === 'Delete' && state.selected) {
    event.preventDefault();
    deleteSelected();
  } else if (event.key === 'Escape' && faults.isOpen()) {
    closeFaults();
  }
}

async function start() {
  view.init();
  faults.init(() => pollServers());
  byId('message-list').addEventListener('click', (event) => {
    const node = event.target.closest('.row');
    if (node) {
      select(node.dataset.id, true);
    }
  });
  byId('search').addEventListener('input', () => {
    state.words = format.words(byId('search').value);
    render();
    markSelected(state.selected);
  });
  byId('server-select').addEventListener('change', (event) => {
    const server = state.servers.find((s) => s.id === event.target.value);
    if (server) {
      switchServer(server, null);
    }
  });
  byId('clear-button').addEventListener('click', askClear);
  byId('clear-cancel').addEventListener('click', () => byId('clear-dialog').close());
  byId('clear-confirm').addEventListener('click', clearAll);
  byId('m-delete').addEventListener('click', deleteSelected);
  byId('faults-button').addEventListener('click', () => (faults.isOpen() ? closeFaults() : openFaults()));
  byId('faults-close').addEventListener('click', closeFaults);
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', followLocation);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
      pollServers();
    }
  });

  connect();
}

/** Finds the servers, then shows the one the location names; tries again while the server is not there. */
async function connect() {
  const wanted = readLocation();
  let servers;
  try {
    servers = (await getJson('/api/v1/servers')).servers.map(withUrls);
  } catch (e) {
    setLive('down', 'Offline');
    setTimeout(connect, 3000);
    return;
  }
  state.servers = servers;
  const server = servers.find((s) => s.id === wanted.server) || servers.find((s) => s.id === DEFAULT);
  switchServer(server, wanted.item === 'faults' ? null : wanted.item);
  if (wanted.item === 'faults') {
    openFaults();
  }
  setInterval(pollServers, SERVERS_MS);
}

start();
