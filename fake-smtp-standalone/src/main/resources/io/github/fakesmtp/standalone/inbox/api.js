// The HTTP API, as the inbox calls it: same origin, JSON in and out, problems (RFC 9457) as errors.

/** A refused or failed request; `message` is the problem's detail, which says what was wrong. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function call(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = body;
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, 'The fake-smtp server does not answer (' + e.message + ').');
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    // reported below
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && json.detail ? json.detail : 'HTTP ' + response.status);
  }
  return json;
}

export const getJson = (url) => call('GET', url);
export const remove = (url) => call('DELETE', url);
/** Posts `body`, a string of JSON, as it is: the server names the field it refuses. */
export const postJson = (url, body) => call('POST', url, body);
