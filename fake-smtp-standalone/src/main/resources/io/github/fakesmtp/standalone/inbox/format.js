// How values read: sizes, times, addresses.

/** 512 B, 2.4 kB, 1.3 MB */
export function size(bytes) {
  if (bytes < 1000) {
    return bytes + ' B';
  }
  const units = ['kB', 'MB', 'GB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit++;
  } while (value >= 1000 && unit < units.length - 1);
  return (value >= 100 ? Math.round(value) : value.toFixed(1)) + ' ' + units[unit];
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** The time for today's mail, the day and time for older mail. */
export function shortTime(iso) {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? timeOfDay.format(date) : dayAndTime.format(date);
}

export function fullTime(iso) {
  return full.format(new Date(iso));
}

/** The envelope sender as SMTP wrote it: `<>` for the null sender of bounces. */
export function sender(from) {
  return from ? from : '<>';
}

/**
 * The envelope recipients that no To or Cc header names: the Bcc recipients, which a header view never shows.
 */
export function blindRecipients(envelope, headerAddresses) {
  const named = new Set(headerAddresses.map((address) => address.toLowerCase()));
  return new Set(envelope.filter((address) => !named.has(address.toLowerCase())));
}

/** Whether every word of the query is in the sender, a recipient or the subject. */
export function matches(summary, words) {
  if (words.length === 0) {
    return true;
  }
  const haystack = [summary.from || '', ...(summary.to || []), summary.subject || ''].join('\n').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function words(query) {
  return query.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}
