/**
 * A small HTTP server on 127.0.0.1 serving feeds and pages from tests/fixtures/feeds, with ETag
 * (304 on If-None-Match), injected failures, and a record of every request.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const FIXTURES = path.join(__dirname, '../fixtures/feeds');

export interface FixtureRoute {
  /** The body; `{{BASE}}` is replaced with the server's base URL. */
  body: string;
  contentType: string;
  /** Send an ETag (and answer 304 when it matches). Default true. */
  etag?: boolean;
}

export interface FixtureServer {
  base: string;
  /** Serve `body` at `route` (path only, e.g. /feeds/herald.xml). */
  set(route: string, body: string, contentType?: string, etag?: boolean): void;
  /** Serve a fixture file (relative to tests/fixtures/feeds). */
  serveFile(route: string, file: string, contentType?: string): void;
  /** The next `times` requests to `route` fail with `status`. */
  failNext(route: string, status: number, times?: number): void;
  requests(route?: string): { path: string; headers: IncomingHttpHeaders; status: number }[];
  close(): Promise<void>;
}

export function fixture(file: string): string {
  return readFileSync(path.join(FIXTURES, file), 'utf8');
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, FixtureRoute>();
  const failures = new Map<string, { status: number; times: number }>();
  const log: { path: string; headers: IncomingHttpHeaders; status: number }[] = [];
  let base = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const entry = { path: url.pathname, headers: req.headers, status: 0 };
    log.push(entry);
    const send = (status: number, body = '', headers: Record<string, string> = {}): void => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    const failure = failures.get(url.pathname);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      send(failure.status, 'failure', { 'content-type': 'text/plain' });
      return;
    }
    const route = routes.get(url.pathname);
    if (!route) {
      send(404, 'not found', { 'content-type': 'text/plain' });
      return;
    }
    const body = route.body.replaceAll('{{BASE}}', base);
    const headers: Record<string, string> = { 'content-type': route.contentType };
    if (route.etag !== false) {
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) {
        send(304, '', { etag });
        return;
      }
    }
    send(200, body, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    set(route, body, contentType = 'text/html; charset=utf-8', etag = true) {
      routes.set(route, { body, contentType, etag });
    },
    serveFile(route, file, contentType) {
      const type = contentType ?? (file.endsWith('.html') ? 'text/html; charset=utf-8' : file.includes('atom') ? 'application/atom+xml' : 'application/rss+xml');
      routes.set(route, { body: fixture(file), contentType: type });
    },
    failNext(route, status, times = 1) {
      failures.set(route, { status, times });
    },
    requests(route) {
      return route ? log.filter((r) => r.path === route) : [...log];
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
