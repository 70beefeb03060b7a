// One message: its headers, envelope and session, and the tabs HTML, Text, Headers, Raw, Attachments and SMTP.
import { byId, el, fill, icon } from './dom.js';
import * as format from './format.js';

const TABS = ['html', 'text', 'headers', 'raw', 'attachments', 'smtp'];
/** The Raw tab shows this much of a message; the download has all of it. */
const RAW_LIMIT = 512 * 1024;
/** Whether an HTML body refers to anything outside the message, which the frame's policy blocks. */
const REMOTE = /(?:\b(?:src|background|poster|srcset)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)(?:https?:)?\/\//i;

let current = null;
let chosenTab = null;
let rawLoaded = null;

function header(detail, name) {
  const found = (detail.headers || []).find((h) => h.name.toLowerCase() === name.toLowerCase());
  return found ? found.value : null;
}

function field(label, value) {
  if (!value) {
    return null;
  }
  return [el('dt', {}, label), el('dd', {}, value)];
}

function showFields(detail) {
  const date = header(detail, 'Date');
  fill(byId('m-fields'),
    field('From', header(detail, 'From')),
    field('To', header(detail, 'To')),
    field('Cc', header(detail, 'Cc')),
    field('Reply-To', header(detail, 'Reply-To')),
    field('Date', date ? date : null));
}

function showEnvelope(detail) {
  const addresses = detail.addresses || { to: [], cc: [] };
  const blind = format.blindRecipients(detail.to, [...addresses.to, ...addresses.cc]);
  const recipients = detail.to.map((address) => el('span', { class: blind.has(address) ? 'chip bcc' : 'chip' },
    address, blind.has(address) ? el('span', { class: 'chip-tag', title: 'In the envelope, in no To or Cc header' }, 'Bcc') : null));
  fill(byId('m-envelope'),
    el('span', { class: 'envelope-verb' }, 'MAIL FROM'), el('span', { class: 'chip' }, format.sender(detail.from)),
    el('span', { class: 'envelope-verb' }, 'RCPT TO'), recipients);
  const facts = [
    el('span', { class: 'fact' }, el('span', { class: 'muted' }, 'HELO '), detail.helo || '—'),
    detail.clientAddress ? el('span', { class: 'fact' }, el('span', { class: 'muted' }, 'from '), detail.clientAddress) : null,
    el('span', { class: detail.tls ? 'badge ok' : 'badge off', title: detail.tls ? 'Sent over TLS' : 'Sent in plain text' },
      icon('lock'), detail.tls ? 'TLS' : 'No TLS'),
    detail.authenticatedUser
      ? el('span', { class: 'badge ok', title: 'Logged in with AUTH' }, icon('key'), 'AUTH ', detail.authenticatedUser)
      : el('span', { class: 'badge off', title: 'No AUTH' }, icon('key'), 'No AUTH'),
    detail.smtpUtf8 ? el('span', { class: 'badge' }, 'SMTPUTF8') : null,
    detail.bodyType ? el('span', { class: 'badge' }, detail.bodyType) : null,
    detail.chunked ? el('span', { class: 'badge' }, 'BDAT') : null,
    detail.bareLineEndings ? el('span', { class: 'badge warn', title: 'Lines ended with a bare CR or LF' }, 'bare line endings') : null,
    el('span', { class: 'fact muted' }, format.size(detail.size)),
    el('span', { class: 'fact muted', title: format.fullTime(detail.receivedAt) }, 'received ' + format.shortTime(detail.receivedAt)),
  ];
  fill(byId('m-session'), facts);
}

function showHtml(detail, url) {
  const frame = byId('html-frame');
  const has = typeof detail.html === 'string';
  frame.hidden = !has;
  byId('html-none').hidden = has;
  byId('html-note').hidden = !(has && REMOTE.test(detail.html));
  frame.dataset.src = has ? url + '/html' : '';
  frame.removeAttribute('src');
}

function showText(detail) {
  const has = typeof detail.text === 'string';
  byId('text-body').textContent = has ? detail.text : '';
  byId('text-body').hidden = !has;
  byId('text-none').hidden = has;
}

function showHeaders(detail) {
  fill(byId('headers-body'), (detail.headers || []).map((h) =>
    el('tr', {}, el('th', { scope: 'row' }, h.name), el('td', {}, h.value))));
  if (detail.mimeError) {
    byId('headers-body').append(el('tr', {}, el('th', { scope: 'row' }, 'Not MIME'), el('td', {}, detail.mimeError)));
  }
}

function showAttachments(detail) {
  const attachments = detail.attachments || [];
  const count = byId('attachment-count');
  count.textContent = String(attachments.length);
  count.hidden = attachments.length === 0;
  byId('attachments-none').hidden = attachments.length > 0;
  fill(byId('attachment-list'), attachments.map((a) => {
    const name = a.name || a.contentId || 'attachment-' + a.index;
    const preview = /^image\/(png|jpeg|gif|webp|bmp)$/.test(a.contentType)
      ? el('img', { class: 'thumb', src: a.url, alt: '', loading: 'lazy' })
      : el('span', { class: 'thumb file' }, icon('file'));
    return el('li', { class: 'attachment' }, preview,
      el('div', { class: 'attachment-text' },
        el('span', { class: 'attachment-name' }, name),
        el('span', { class: 'muted small' }, a.contentType + ' · ' + format.size(a.size),
          a.contentId ? ' · shown inline as cid:' + a.contentId : '')),
      el('a', { class: 'button', href: a.url, download: name, 'aria-label': 'Download ' + name },
        icon('download'), el('span', {}, 'Download')));
  }));
}

function showTranscript(detail) {
  const lines = detail.transcript || [];
  fill(byId('transcript'), lines.length === 0 ? el('span', { class: 'muted' }, 'No transcript was recorded.')
    : lines.map((line) => {
      const side = line.startsWith('C: ') ? 'client' : line.startsWith('S: ') ? 'server' : 'other';
      return side === 'other' ? el('span', { class: 'line other' }, line, '\n')
        : el('span', { class: 'line ' + side }, el('span', { class: 'who' }, line.slice(0, 2)), line.slice(2), '\n');
    }));
}

async function loadRaw(detail, url) {
  const info = byId('raw-info');
  const body = byId('raw-body');
  if (rawLoaded === detail.id) {
    return;
  }
  rawLoaded = detail.id;
  body.textContent = '';
  info.textContent = 'Loading…';
  try {
    const response = await fetch(url + '/raw', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    const reader = response.body.getReader();
    const chunks = [];
    let length = 0;
    while (length < RAW_LIMIT) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      chunks.push(value);
      length += value.length;
    }
    reader.cancel().catch(() => {});
    const bytes = new Uint8Array(Math.min(length, RAW_LIMIT));
    let offset = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, bytes.length - offset);
      bytes.set(part, offset);
      offset += part.length;
    }
    if (current && current.id === detail.id) {
      body.textContent = new TextDecoder('utf-8').decode(bytes);
      info.textContent = detail.size > RAW_LIMIT
        ? 'The first ' + format.size(RAW_LIMIT) + ' of ' + format.size(detail.size) + ': the download has all of it.'
        : format.size(detail.size) + ', exactly as received';
    }
  } catch (e) {
    rawLoaded = null;
    info.textContent = 'The raw message could not be loaded: ' + e.message;
  }
}

function activate(tab, focus) {
  for (const name of TABS) {
    const button = byId('tab-' + name);
    const selected = name === tab;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId('panel-' + name).hidden = !selected;
  }
  if (focus) {
    byId('tab-' + tab).focus();
  }
  if (!current) {
    return;
  }
  const frame = byId('html-frame');
  if (tab === 'html' && frame.dataset.src && frame.getAttribute('src') !== frame.dataset.src) {
    frame.src = frame.dataset.src;
  }
  if (tab === 'raw') {
    loadRaw(current.detail, current.url);
  }
}

/** The tab to open: the one the reader chose last, unless this message has nothing there. */
function initialTab(detail) {
  if (chosenTab === 'html' && typeof detail.html !== 'string') {
    return 'text';
  }
  if (chosenTab) {
    return chosenTab;
  }
  return typeof detail.html === 'string' ? 'html' : 'text';
}

/** Shows a message's detail; `url` is its API URL. */
export function show(detail, url) {
  current = { id: detail.id, detail, url };
  rawLoaded = null;
  const subject = byId('m-subject');
  subject.textContent = detail.subject === null || detail.subject === undefined || detail.subject === '' ? '(no subject)' : detail.subject;
  subject.classList.toggle('muted', !detail.subject);
  for (const link of [byId('m-download'), byId('raw-download')]) {
    link.href = url + '/raw';
    link.setAttribute('download', detail.id + '.eml');
  }
  showFields(detail);
  showEnvelope(detail);
  showHtml(detail, url);
  showText(detail);
  showHeaders(detail);
  showAttachments(detail);
  showTranscript(detail);
  byId('raw-body').textContent = '';
  byId('raw-info').textContent = '';
  activate(initialTab(detail), false);
  byId('message-view').hidden = false;
}

export function hide() {
  current = null;
  byId('message-view').hidden = true;
  byId('html-frame').removeAttribute('src');
}

export function shownId() {
  return current ? current.id : null;
}

/** Wires the tabs: a click or the arrow keys on the tab list choose a tab. */
export function init() {
  for (const name of TABS) {
    byId('tab-' + name).addEventListener('click', () => {
      chosenTab = name;
      activate(name, false);
    });
  }
  byId('tab-html').parentElement.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') {
      return;
    }
    const index = TABS.findIndex((name) => byId('tab-' + name) === document.activeElement);
    if (index < 0) {
      return;
    }
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    chosenTab = next;
    activate(next, true);
    event.preventDefault();
  });
}
