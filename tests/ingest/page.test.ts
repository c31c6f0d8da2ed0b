import { htmlToText, parsePage, toIsoDay } from '../../src/ingest/page';
import { fixture } from './server';

const BASE = 'https://herald.example';
const page = (file: string): string => fixture(`pages/${file}`).replaceAll('{{BASE}}', BASE);

describe('parsePage', () => {
  it('takes title, outlet, date, author and canonical link from Open Graph and article: metadata', () => {
    const p = parsePage(page('geneva-talks.html'), `${BASE}/news/geneva-talks?utm_source=rss`);
    expect(p.title).toBe('Envoys Meet in Geneva as Ceasefire Talks Resume');
    expect(p.source).toBe('Test Herald');
    expect(p.published).toBe('2025-11-20');
    expect(p.author).toBe('Jane Reporter');
    expect(p.url).toBe(`${BASE}/news/geneva-talks`);
  });

  it("gives the article's text one paragraph per line, without the page's navigation and footer", () => {
    const p = parsePage(page('geneva-talks.html'), null);
    const lines = p.text.split(/\n+/);
    expect(lines.some((l) => l.startsWith('Ukrainian and Russian envoys met in Geneva'))).toBe(true);
    expect(lines.some((l) => l.startsWith('“We came here to discuss a ceasefire'))).toBe(true);
    expect(p.text).not.toMatch(/Subscribe|All rights reserved/);
  });

  it('finds a date that is only in JSON-LD metadata, and the headline, outlet and author there', () => {
    const p = parsePage(page('meta-date-only.html'), `${BASE}/daily/call`);
    expect(p.published).toBe('2025-11-22');
    expect(p.source).toBe('Metadata Daily');
    expect(p.author).toBe('Ola Writer');
    expect(p.title).toBe('Zelensky and Trump Discuss the Peace Plan');
  });

  it.each([
    ['<meta name="date" content="2025-10-03">', '2025-10-03'],
    ['<meta name="pubdate" content="20251004">', '2025-10-04'],
    ['<meta property="og:published_time" content="2025-10-05T10:00:00Z">', '2025-10-05'],
    ['<meta itemprop="datePublished" content="2025-10-06">', '2025-10-06'],
  ])('reads the publication date from %s', (tag, day) => {
    const html = `<html><head>${tag}<title>T</title></head><body><article><p>${'Talks went on. '.repeat(40)}</p></article></body></html>`;
    expect(parsePage(html, null).published).toBe(day);
  });

  it('reads the publication date from <time datetime> when no meta gives it', () => {
    const html = `<html><head><title>T</title></head><body><article><time datetime="2025-10-07T08:00:00+03:00">7 Oct</time><p>${'Talks went on. '.repeat(40)}</p></article></body></html>`;
    expect(parsePage(html, null).published).toBe('2025-10-07');
  });

  it('prefers article:published_time over a later <time> element', () => {
    const html = `<html><head><meta property="article:published_time" content="2025-10-01"><title>T</title></head><body><time datetime="2025-10-09">x</time><p>${'Talks. '.repeat(80)}</p></body></html>`;
    expect(parsePage(html, null).published).toBe('2025-10-01');
  });

  it('has no date when the page gives none', () => {
    expect(parsePage(page('undated.html'), null).published).toBeNull();
  });

  it('names the outlet by host name when the page does not', () => {
    const html = `<html><head><title>Talks resume</title></head><body><p>${'Talks went on. '.repeat(40)}</p></body></html>`;
    expect(parsePage(html, 'https://www.wire.example/a').source).toBe('wire.example');
  });
});

describe('toIsoDay', () => {
  it('keeps the calendar day the page wrote, whatever its offset', () => {
    expect(toIsoDay('2025-11-20T23:30:00+02:00')).toBe('2025-11-20');
    expect(toIsoDay('Thu, 20 Nov 2025 21:30:00 GMT')).toBe('2025-11-20');
    expect(toIsoDay('not a date')).toBeNull();
    expect(toIsoDay('2025-02-30')).toBeNull();
  });
});

describe('htmlToText', () => {
  it('puts block elements on their own lines and drops scripts', () => {
    expect(htmlToText('<p>One <b>two</b></p><script>x()</script><ul><li>Three</li><li>Four<br>Five</li></ul>')).toBe('One two\n\nThree\n\nFour\n\nFive');
  });
});
