/**
 * Cleaning: from a page's text, as it came, to the paragraphs of the article.
 *
 * Page furniture is recognised by general rules, never by this corpus's sentences:
 * - lines that are not sentences (menus, buttons, widgets, bylines, datelines, section heads):
 *   short, or without the punctuation that ends prose;
 * - the headline repeated, and captions and kickers before the first paragraph of prose;
 * - appeals (donations, newsletters, comments): their vocabulary, and prose addressed to "you"
 *   by "we" outside any quotation;
 * - everything after a sign-off (an appeal, a comment form, a byline/dateline block) once the
 *   article's prose has ended.
 */

/** Minimum words for a line without terminal punctuation to count as prose. */
export const MIN_WORDS_UNPUNCTUATED = 14;
/** Minimum words for a punctuated line to count as a sentence rather than a label or caption. */
export const MIN_WORDS_SENTENCE = 5;

/** Phrases that mark an appeal to readers: donations, newsletters, paywalls, comment forms. */
const APPEAL_PATTERNS: readonly RegExp[] = [
  /\bsupport (us|our|independent)\b/i,
  /\bsupport (the )?[\p{Lu}][\p{L}]+( [\p{Lu}][\p{L}]+)*!/u,
  /\bdonat(e|ion|ions|ing)\b/i,
  /\bcontribution(s)?\b/i,
  /\bsubscri(be|ber|bers|ption)\b/i,
  /\bnewsletter\b/i,
  /\bsign up\b/i,
  /\bprivacy policy\b/i,
  /\bterms of (use|service)\b/i,
  /\bdear readers?\b/i,
  /\bremind me later\b/i,
  /\bindependent journalism\b/i,
  /\bleave a (reply|comment)\b/i,
  /\byour email address\b/i,
  /\brequired fields\b/i,
  /\bpayment methods?\b|\bpaiment methods?\b/i,
  /\bsmall favou?r to ask\b/i,
  /\bin your (mailbox|inbox)\b/i,
  /\bclick here\b/i,
  /\bfollow us\b/i,
  /\ball rights reserved\b/i,
  /\bcookies?\b.*\b(accept|consent|policy)\b/i,
  /\bread more\b/i,
  /\bshare this (article|story)\b/i,
  /\badvertisement\b/i,
  /\b(photo|image|video) (credit|courtesy)\b/i,
];

/** Appeals that, once the article's prose has been seen, mean the article is over. */
const SIGN_OFF_PATTERNS: readonly RegExp[] = [
  /^a message from\b/i,
  /^dear readers?\b/i,
  /\bsmall favou?r to ask\b/i,
  /^sign up\b/i,
  /^leave a (reply|comment)\b/i,
  /^(related|more)( (articles|stories|news))?:?$/i,
  /^read more\b/i,
  /^share (this|on)\b/i,
  /^(comments?|\d+ comments?)$/i,
];

/** A date or time line such as "Fri, 11/14/2025 – 23:00" or "November 14, 2025 10:00 AM". */
const DATELINE = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})/i;

/** Photo credits that end captions: "duma.gov.ru", "Reuters", "AP Photo", "Getty Images". */
const CAPTION_CREDIT = /(?:\b[\w-]+(?:\.[\w-]+)*\.(?:ru|ua|com|org|net|gov|int|eu|info|io|co\.uk)|\b(?:Reuters|AP|AFP|EPA|Getty Images|AP Photo|TASS|Sputnik|Shutterstock|Wikimedia Commons)|\bPhoto:.*)\s*$/;

/** Links to other stories and media: "Related: …", "Read also: …", "Watch: …". */
const RELATED_PREFIX = /^(?:related|read also|also read|read more|see also|more on this|watch|listen|recommended|most read|trending)\s*:/i;

/** A photo credit on its own line: "AP Photo/Burhan Ozbilici", "Reuters", "Getty Images". */
const CREDIT_LINE = /^(?:(?:AP|AFP|EPA|Reuters|Getty|Pool|Sputnik|TASS|Anadolu|Shutterstock)\b[^.]{0,60}|[^.]{0,60}\b(?:Photo|Photos|Images|Pool|Photograph)(?:\/[^.]{0,40})?|Photo(?:graph)?:.{0,80})$/;

/** A caption that ends with where and when the picture was taken: "… in Ankara, 9 December 2025." */
const CAPTION_DATE_END = /,\s*(?:\d{1,2}\s+\p{L}+|\p{L}+\.?\s+\d{1,2}),?\s+\d{4}\.?$/u;

/** A line carrying a quotation ("Kremlin: ‘Nothing to celebrate yet’") is content even when short. */
function carriesQuotation(text: string): boolean {
  return (/[“"‘«][^”"’»]*\p{L}[^”"’»]*\s[^”"’»]*[”"’»]/u.test(text) || /(?:^|[\s:])'[^']*\s[^']*'(?!\p{L})/u.test(text)) && wordCount(text) >= 3;
}

const BULLET = /^\s*(?:[•·▪‣◦*]|-(?=\s)|\d+[.)](?=\s))\s*/;

export function normalizeForCompare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’“”"'`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Remove quoted material, so that "we" inside a quotation does not count as the outlet speaking. */
function withoutQuotations(text: string): string {
  return text.replace(/“[^”]*(”|$)/g, ' ').replace(/"[^"]*("|$)/g, ' ').replace(/«[^»]*(»|$)/g, ' ');
}

/** True when the paragraph is the outlet talking to its readers (we/our/us to you/your), outside quotes. */
function isOutletAddress(text: string): boolean {
  const bare = withoutQuotations(text);
  const words = wordCount(bare);
  if (words === 0) return false;
  const first = (bare.match(/\b(we|our|ours|us)\b/gi) ?? []).length;
  const second = (bare.match(/\b(you|your|yours)\b/gi) ?? []).length;
  return first + second >= 3 && (first + second) / words >= 0.06;
}

function countAppeals(text: string): number {
  return APPEAL_PATTERNS.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0);
}

function endsLikeProse(text: string): boolean {
  return /[.!?…]["”’')\]]*$/.test(text) || /[.!?…]["”’']?\s*\[?\d*\]?$/.test(text);
}

export type LineKind = 'prose' | 'furniture' | 'sign-off';

/** Classify one line of a page on its own, without context. */
export function classifyLine(line: string, title: string | null): LineKind {
  const text = line.replace(BULLET, '').trim();
  if (!text) return 'furniture';
  if (title && normalizeForCompare(text) === normalizeForCompare(title)) return 'furniture';
  if (SIGN_OFF_PATTERNS.some((re) => re.test(text))) return 'sign-off';
  if (DATELINE.test(text) && wordCount(text) <= 12) return 'sign-off';
  const words = wordCount(text);
  const appeals = countAppeals(text);
  if (appeals >= 2 || (appeals >= 1 && words < 25)) return 'furniture';
  if (isOutletAddress(text)) return 'furniture';
  if (endsLikeProse(text)) {
    if (words < MIN_WORDS_SENTENCE) return 'furniture';
    return 'prose';
  }
  // A line that lists something ("leaders remain cautious:") is prose when long enough.
  if (/:$/.test(text) && words >= MIN_WORDS_SENTENCE) return 'prose';
  return words >= MIN_WORDS_UNPUNCTUATED ? 'prose' : 'furniture';
}

/** A short line without a verb-like word and ending with a credit is a photo caption. */
function isCaption(text: string): boolean {
  return wordCount(text) <= 14 && CAPTION_CREDIT.test(text.replace(/[.\s]+$/, ''));
}

/**
 * The article's paragraphs, furniture removed. Every non-empty line is a paragraph (pages put one
 * paragraph per line, with or without blank lines between); bullet markers are removed.
 */
export function cleanBody(body: string, title: string | null): string[] {
  const lines = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line.length > 0);

  const kinds = lines.map((line) => classifyLine(line, title));
  /** Whether real article prose follows line i (then a sign-off there is a widget, not the end). */
  const proseFollows = (i: number): boolean => {
    let n = 0;
    for (let j = i + 1; j < lines.length && n < 2; j += 1) {
      if (kinds[j] === 'prose' && wordCount(lines[j]!) >= 15 && countAppeals(lines[j]!) === 0 && !isOutletAddress(lines[j]!)) n += 1;
    }
    return n >= 2;
  };
  const kept: string[] = [];
  let seenProse = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const kind = kinds[i]!;
    if (RELATED_PREFIX.test(line.replace(BULLET, ''))) continue;
    if (title && normalizeForCompare(line) === normalizeForCompare(title)) continue;
    // A caption: a line followed by a photo credit, or one that ends with a place and a date.
    const next = lines[i + 1];
    if (next !== undefined && CREDIT_LINE.test(next) && wordCount(next) <= 8 && !endsLikeProse(next) && wordCount(line) <= 40) {
      i += 1;
      continue;
    }
    if (!seenProse && CAPTION_DATE_END.test(line) && wordCount(line) <= 40) continue;
    if (kind === 'sign-off') {
      if (seenProse && !proseFollows(i)) break;
      continue;
    }
    if (kind === 'furniture' && carriesQuotation(line) && countAppeals(line) === 0 && !isOutletAddress(line)) {
      kept.push(line.replace(BULLET, '').trim());
      continue;
    }
    if (kind === 'furniture') {
      // An appeal after the article's prose starts the page's tail: stop there.
      const text = line.replace(BULLET, '');
      if (seenProse && (countAppeals(text) >= 2 || isOutletAddress(text)) && !proseFollows(i)) break;
      continue;
    }
    const text = line.replace(BULLET, '').trim();
    // Before the first paragraph of prose, short lines are kickers and captions.
    if (!seenProse && (wordCount(text) < 10 || isCaption(text))) continue;
    if (isCaption(text) && wordCount(text) < 10) continue;
    seenProse = true;
    kept.push(text);
  }
  return kept;
}
