/**
 * Fetching feeds and pages politely: a User-Agent that says who we are, a timeout, conditional GET
 * (ETag / Last-Modified), a size limit, and errors that say whether trying again later can help.
 * `fetch` is passed in (Node's global by default) so tests can count requests.
 */

/** The `fetch` we need (Node 20's global fetch fits). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const USER_AGENT = 'Parley/0.1 (news digest of the Russia-Ukraine peace talks; polls feeds with conditional GET)';
/** Default timeout of one request. */
export const FETCH_TIMEOUT_MS = 15_000;
/** Largest body read (bytes); larger responses are refused. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class FetchError extends Error {
  constructor(
    message: string,
    /** HTTP status, or null for network errors and timeouts. */
    readonly status: number | null,
    /** True when trying again later cannot help (404, 410, 401, 403, a body too large). */
    readonly permanent: boolean,
    /** The server's Retry-After, in ms, when it gave one (429, 503). */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { status: 'ok'; url: string; body: string; contentType: string | null; validators: Validators }
  | { status: 'not-modified' };

export interface FetchOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  /** Validators from the last successful fetch, for a conditional GET. */
  validators?: Validators | null;
  accept?: string;
}

/** Retry-After as milliseconds: seconds, or an HTTP date relative to `now`. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out';
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = cause instanceof Error ? (cause as Error & { code?: string }).code : undefined;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/** GET a URL as text. Throws a FetchError for HTTP errors, timeouts and network errors. */
export async function fetchText(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: options.accept ?? '*/*' };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  let response: Response;
  try {
    response = await doFetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(options.timeoutMs ?? FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new FetchError(`${url}: ${describe(error)}`, null, false);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 'not-modified' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const permanent = [401, 403, 404, 410].includes(response.status);
    throw new FetchError(`${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, response.status, permanent, parseRetryAfter(response.headers.get('retry-after')));
  }
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw new FetchError(`${url}: the response is too large (${length} bytes)`, response.status, true);
  }
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw new FetchError(`${url}: ${describe(error)}`, null, false);
  }
  if (body.length > MAX_BODY_BYTES) throw new FetchError(`${url}: the response is too large`, response.status, true);
  return {
    status: 'ok',
    url: response.url || url,
    body,
    contentType: response.headers.get('content-type'),
    validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
  };
}

/** True when a body (or its content type) is an RSS or Atom feed rather than a web page. */
export function looksLikeFeed(body: string, contentType: string | null = null): boolean {
  if (contentType && /(rss|atom)\+xml/i.test(contentType)) return true;
  const head = body.slice(0, 2000).replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trimStart();
  return /^<(rss|feed|rdf:RDF)\b/i.test(head) || (/^<\?xml/i.test(body.trimStart()) && /<(rss|feed|rdf:RDF)\b/i.test(head));
}
