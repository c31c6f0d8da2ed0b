/**
 * Attributing quotations to speakers, article by article.
 *
 * Rules, in the order they are tried for each quotation:
 * 1. a said-clause right after the quotation: "…,” Peskov said", "…,” said Peskov", "…” Peskov told
 *    reporters", "…,” Peskov was quoted as saying", "…,” TASS quoted the ministry as saying";
 * 2. a frame right before it: "Peskov said:", "Peskov was quoted as saying that", "according to
 *    Peskov,", "He continued,", a label "Kaja Kallas: “…”";
 * 3. a partial quotation inside paraphrase belongs to the subject of the nearest speech or
 *    statement verb before it ("Zelensky formally declared negotiations … “impossible”"), else to
 *    the subject of its sentence;
 * 4. a quotation with no frame of its own continues the speaker of the quotation just before it
 *    in the same paragraph, or of the previous paragraph when it stands alone;
 * 5. otherwise, and for hearsay ("was said to", "reportedly") and subjects that are not people or
 *    institutions ("two anonymous sources", "a coalition"), no speaker.
 * Subjects are a name (resolved to the person the article named in full), a pronoun (resolved to the
 * speaker in focus: the last attributed speaker, not merely the last name seen), or a description
 * ("the Kremlin spokesman", "the American president") resolved against the roles the article gave.
 */
import { splitSentences } from '../corpus/sentences';
import { type NameMention, bare, findNames, foldName, ROLE_NOUNS } from './names';
import { findQuoteSpans, type QuoteSpan } from './extract';

/** Verbs that introduce speech, in the forms news uses. */
const SPEECH_VERB = String.raw`(?:said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|explains|continued|continues|asked|asks|replied|replies|answered|insisted|insists|warned|warns|argued|argues|claimed|claims|wrote|writes|declared|declares|announced|remarked|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|acknowledged|admitted|commented|observed|suggested|recalled|concluded|urged|cautioned|confirmed|denied|tweeted|posted|posted on|told reporters|said in a statement|responded|quipped|complained|predicted|vowed|pledged|promised|conceded|agreed|affirmed|asserted|maintained|reiterated|repeated|joked|added that|wrote on|was quoted as saying|were quoted as saying|is quoted as saying|has said|had said|have said|has told|had told|has stated|has warned|has insisted|has claimed)`;
/** Verbs that frame a partial quotation in paraphrase ("called the talks a “positive” development"). */
const FRAMING_VERB = String.raw`(?:${SPEECH_VERB}|called|calls|described|describes|describing|calling|saying|accused|accuses|praised|praises|declared|dismissed|dismisses|rejected|rejects|labell?ed|branded|hailed|welcomed|welcomes|condemned|critici[sz]ed|expressed|termed|dubbed|referred to|characteri[sz]ed|blamed|slammed|demanded|proposed)`;

/** A said-clause after a quotation: what stands before the verb, the verb, and "quoted X as saying". */
const AFTER_CLAUSE = new RegExp(
  String.raw`^([\s,—–-]*)(.{0,120}?)\b(was quoted as saying|were quoted as saying|(?:has |had |have )?(?:newly |also )?quoted (.{1,60}?) as saying|(?:has |had |have )?${SPEECH_VERB})\b`,
);
// Verbs are matched in lower case only: "the United States" is not "states".
const SPEECH_RE = new RegExp(String.raw`\b${SPEECH_VERB}\b`);
const FRAMING_RE = new RegExp(String.raw`\b${FRAMING_VERB}\b`, 'g');
const HEARSAY_RE = /\b(?:(?:was|were|is|are|has been|have been) (?:said|reported|believed|understood|thought|alleged|rumou?red) to|reportedly|allegedly|purportedly)\b/i;
const PRONOUN_RE = /^(he|she|they)$/i;
const ADVERBS = new Set(['also', 'then', 'later', 'formally', 'indirectly', 'repeatedly', 'again', 'once', 'had', 'has', 'have', 'would', 'will', 'was', 'were', 'is', 'had', 'previously', 'recently', 'publicly', 'privately', 'openly', 'reportedly', 'further', 'simply', 'flatly', 'firmly', 'directly', 'sharply', 'not', 'never', 'even', 'still', 'earlier', 'on', 'in', 'a']);

/** Institutions that speak as one ("the Kremlin said"). The name shown for each. */
const INSTITUTIONS: readonly { re: RegExp; name: string }[] = [
  { re: /^(?:the )?kremlin(?: side| press service| press office| readout)?$/i, name: 'Kremlin' },
  { re: /^(?:the )?white house(?: press office)?$/i, name: 'White House' },
  { re: /^(?:the )?(?:russian |ukrainian |u\.s\. |us |american )?(foreign|defen[cs]e|interior|economy|finance) ministry$/i, name: '' },
  { re: /^(?:the )?(?:u\.s\. |us )?state department$/i, name: 'U.S. State Department' },
  { re: /^(?:the )?pentagon$/i, name: 'Pentagon' },
  { re: /^(?:the )?nato(?: alliance)?$/i, name: 'NATO' },
  { re: /^(?:the )?(?:ukrainian |russian )?general staff$/i, name: '' },
  { re: /^(?:the )?(?:ukrainian |russian )?presidential (?:office|administration)$/i, name: '' },
  { re: /^(?:the )?(?:ukrainian |russian |u\.s\. |us |american )?(?:government|embassy|military|army)$/i, name: '' },
];

/** What an article says about one person. */
interface Person {
  key: string;
  name: string;
  role: string | null;
}

export interface Attribution {
  /** Person key (folded surname) or `org:<name>`; null when unknown. */
  key: string | null;
  /** Name as the article gives it (full name when it gave one). */
  name: string | null;
  role: string | null;
}

export interface AttributedQuote {
  span: QuoteSpan;
  text: string;
  partial: boolean;
  speaker: Attribution | null;
  /** How the speaker was found, for debugging and evaluation. */
  rule: string;
}

const COUNTRY_OF: Record<string, string> = {
  american: 'us', 'u.s.': 'us', us: 'us', 'united states': 'us', washington: 'us', 'white house': 'us',
  russian: 'ru', russia: 'ru', kremlin: 'ru', moscow: 'ru',
  ukrainian: 'ua', ukraine: 'ua', kyiv: 'ua', kiev: 'ua',
  german: 'de', germany: 'de', french: 'fr', france: 'fr', british: 'uk', 'u.k.': 'uk', uk: 'uk',
  chinese: 'cn', china: 'cn', eu: 'eu', european: 'eu', polish: 'pl', turkish: 'tr', hungarian: 'hu',
};
const ROLE_CLASS: Record<string, string> = {
  president: 'leader', leader: 'leader', chancellor: 'leader', 'prime minister': 'leader', premier: 'leader', head: 'leader',
  spokesman: 'spokesperson', spokeswoman: 'spokesperson', spokesperson: 'spokesperson', 'press secretary': 'spokesperson',
  minister: 'minister', envoy: 'envoy', negotiator: 'envoy', secretary: 'secretary', chief: 'chief',
};

function describe(role: string | null): { country: string | null; cls: string | null } {
  if (!role) return { country: null, cls: null };
  const r = role.toLowerCase();
  let country: string | null = null;
  for (const [k, v] of Object.entries(COUNTRY_OF)) {
    if (new RegExp(`(^|\\s)${k.replace(/\./g, '\\.')}(\\s|$)`).test(r)) {
      country = v;
      break;
    }
  }
  let cls: string | null = null;
  if (/prime minister/.test(r)) cls = 'leader';
  else if (/press secretary/.test(r)) cls = 'spokesperson';
  else {
    const words = r.split(/\s+/);
    for (let i = words.length - 1; i >= 0 && !cls; i -= 1) cls = ROLE_CLASS[words[i]!] ?? null;
  }
  return { country, cls };
}

function blankQuotes(paragraph: string, spans: readonly { start: number; end: number }[]): string {
  let out = paragraph;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** Sentence ranges of a paragraph, by offsets. */
function sentenceRanges(paragraph: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let from = 0;
  for (const s of splitSentences(paragraph)) {
    const at = paragraph.indexOf(s, from);
    const start = at >= 0 ? at : from;
    ranges.push({ start, end: start + s.length });
    from = start + s.length;
  }
  return ranges;
}

export class ArticleAttributor {
  private readonly persons = new Map<string, Person>();
  /** The last person or institution a quotation was attributed to (the speaker in focus). */
  private focus: Attribution | null = null;
  /** The person most recently the subject of a sentence, for pronouns when no quote was attributed yet. */
  private lastSubject: Attribution | null = null;

  constructor(private readonly corpusKnown: ReadonlyMap<string, string> = new Map()) {}

  /** The people this article named, with the fullest name and the role it gave them. */
  people(): { key: string; name: string; role: string | null }[] {
    return [...this.persons.values()];
  }

  private known(): Set<string> {
    return new Set([...this.persons.keys(), ...this.corpusKnown.keys()]);
  }

  /** Register the people a paragraph names; returns its mentions with person keys. */
  private scanNames(masked: string): (NameMention & { key: string })[] {
    const out: (NameMention & { key: string })[] = [];
    for (const m of findNames(masked, this.known())) {
      const parts = m.name.split(/\s+/);
      const key = foldName(parts[parts.length - 1]!);
      const existing = this.persons.get(key);
      const full = parts.length >= 2 ? m.name : existing?.name ?? this.corpusKnown.get(key) ?? m.name;
      const name = existing && existing.name.split(/\s+/).length >= parts.length ? existing.name : full;
      this.persons.set(key, { key, name, role: m.role ?? existing?.role ?? null });
      out.push({ ...m, key });
    }
    return out;
  }

  private person(key: string): Attribution {
    const p = this.persons.get(key);
    return { key, name: p?.name ?? key, role: p?.role ?? null };
  }

  /** Resolve a subject phrase (a name, a pronoun, a description) to a speaker, or null. */
  private resolveSubject(phrase: string, mentions: readonly (NameMention & { key: string })[], offset: number): Attribution | null | undefined {
    const text = phrase.replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/g, '').replace(/^(?:and|but|as|while|so)\s+/i, '');
    if (!text) return undefined;
    if (PRONOUN_RE.test(text)) return this.focus ?? this.lastSubject;
    // A name inside the phrase (the mention whose run ends at the phrase's end, or any).
    const within = mentions.filter((m) => m.start >= offset - 1 && m.end <= offset + phrase.length + 1);
    if (within.length > 0) return this.person(within[within.length - 1]!.key);
    const words = text.split(/\s+/);
    if (words.length > 8) return undefined;
    const lower = text.toLowerCase().replace(/^(the|a|an)\s+/, '');
    for (const inst of INSTITUTIONS) {
      const m = inst.re.exec(lower.startsWith('the ') ? lower : `the ${lower}`) ?? inst.re.exec(lower);
      if (m) {
        const name = inst.name || lower.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
        return { key: `org:${name.toLowerCase()}`, name, role: null };
      }
    }
    // A description by role: "the Kremlin spokesman", "the American president", "the Russian leader".
    if (/^(the|a|an|his|her|their)\s/i.test(text) && words.some((w) => ROLE_NOUNS.has(bare(w)))) {
      const want = describe(text);
      if (!want.cls) return null;
      const candidates = [...this.persons.values()].filter((p) => {
        const have = describe(p.role);
        if (have.cls !== want.cls) return false;
        return !want.country || !have.country || want.country === have.country;
      });
      const exact = candidates.filter((p) => want.country && describe(p.role).country === want.country);
      const pick = exact.length === 1 ? exact[0] : candidates.length === 1 ? candidates[0] : undefined;
      return pick ? this.person(pick.key) : null;
    }
    return null;
  }

  /** Attribute every quotation of an article's paragraphs. */
  attribute(paragraphs: readonly string[]): AttributedQuote[] {
    const spans = findQuoteSpans(paragraphs);
    const byParagraph = new Map<number, QuoteSpan[]>();
    for (const s of spans) byParagraph.set(s.paragraph, [...(byParagraph.get(s.paragraph) ?? []), s]);
    const out: AttributedQuote[] = [];
    let previousParagraphSpeaker: { paragraph: number; speaker: Attribution } | null = null;
    let introducer: { paragraph: number; speaker: Attribution } | null = null;

    for (let pi = 0; pi < paragraphs.length; pi += 1) {
      const para = paragraphs[pi]!;
      const own = byParagraph.get(pi) ?? [];
      // Quotations that ran in from an earlier paragraph are blanked too.
      const masked = blankQuotes(para, own.map((s) => ({ start: s.start, end: s.endParagraph > pi ? para.length : s.end })));
      const mentions = this.scanNames(masked);
      const sentences = sentenceRanges(masked);
      const sentenceAt = (pos: number) => sentences.find((r) => pos >= r.start && pos < r.end + 1) ?? { start: 0, end: para.length };
      let lastInParagraph: Attribution | null = null;

      own.forEach((span, k) => {
        const prevEnd = k > 0 ? own[k - 1]!.end : 0;
        const nextStart = k + 1 < own.length ? own[k + 1]!.start : para.length;
        const end = span.endParagraph > pi ? para.length : span.end;
        const sentence = sentenceAt(span.start);
        const before = masked.slice(Math.max(prevEnd, sentence.start), span.start);
        const afterFull = masked.slice(end, nextStart);
        const afterEnd = /[.!?](?:\s|$)/.exec(afterFull);
        const after = afterEnd ? afterFull.slice(0, afterEnd.index + 1) : afterFull;
        const partial = this.isPartial(para, span, before, after);
        const hearsay = HEARSAY_RE.test(masked.slice(sentence.start, span.start));
        let speaker: Attribution | null | undefined;
        let rule = 'none';
        if (hearsay) {
          speaker = null;
          rule = 'hearsay';
        }
        // A partial quotation is followed by the reporter's sentence, not by a said-clause, unless a comma closes it.
        if (speaker === undefined && (!partial || /^\s*,/.test(after))) {
          speaker = this.fromAfter(after, end, mentions);
          if (speaker !== undefined) rule = 'said-after';
        }
        if (speaker === undefined) {
          speaker = this.fromBefore(before, span.start - before.length, mentions, masked.slice(sentence.start, span.start), sentence.start, partial);
          if (speaker !== undefined) rule = partial ? 'paraphrase-frame' : 'frame-before';
        }
        if (speaker === undefined && lastInParagraph && !partial) {
          speaker = lastInParagraph;
          rule = 'continues-paragraph';
        }
        if (
          speaker === undefined &&
          !partial &&
          k === 0 &&
          span.start <= 1 &&
          previousParagraphSpeaker &&
          previousParagraphSpeaker.paragraph === pi - 1 &&
          masked.replace(/\s+/g, '').length === 0
        ) {
          speaker = previousParagraphSpeaker.speaker;
          rule = 'continues-previous-paragraph';
        }
        // A paragraph that ends "… told parliament:" introduces the quotation that opens the next one.
        if (speaker === undefined && !partial && k === 0 && span.start <= 1 && introducer && introducer.paragraph === pi - 1) {
          speaker = introducer.speaker;
          rule = 'introduced-by-previous-paragraph';
        }
        if (speaker === undefined && partial) {
          speaker = this.sentenceSubject(masked.slice(sentence.start, span.start), sentence.start, mentions);
          if (speaker !== undefined) rule = 'sentence-subject';
        }
        const resolved = speaker ?? null;
        if (resolved) {
          // The speaker in focus (for a later "he said") is the one a sentence is about: a whole
          // quotation's speaker, or a partial one's only when it is its sentence's subject, not a
          // name in a subordinate clause ("a decree in which Zelensky declared … “impossible”").
          const subject = partial ? this.sentenceSubject(masked.slice(sentence.start, span.start), sentence.start, mentions) : resolved;
          if (!partial || subject?.key === resolved.key) this.focus = resolved;
          if (!partial) lastInParagraph = resolved;
        }
        out.push({ span, text: span.text, partial, speaker: resolved, rule });
      });

      introducer = null;
      const tail = masked.trimEnd();
      if (tail.endsWith(':') && own.every((sp) => sp.end < tail.length - 1)) {
        const lastSentence = sentences[sentences.length - 1] ?? { start: 0, end: tail.length };
        const frame = this.fromBefore(tail, 0, mentions, masked.slice(lastSentence.start, tail.length), lastSentence.start, false);
        if (frame) introducer = { paragraph: pi, speaker: frame };
      }
      if (lastInParagraph) previousParagraphSpeaker = { paragraph: pi, speaker: lastInParagraph };
      else if (own.length > 0 || mentions.length > 0) previousParagraphSpeaker = null;
      const firstSentence = sentences[0];
      const subject = mentions.find((m) => firstSentence && m.start < firstSentence.start + 40);
      if (subject) this.lastSubject = this.person(subject.key);
    }
    return mergeSplitQuotes(out, paragraphs);
  }

  /** A few words quoted inside the reporter's own sentence, rather than a quotation that speaks for itself. */
  private isPartial(para: string, span: QuoteSpan, before: string, after: string): boolean {
    const words = span.text.split(/\s+/).length;
    const b = before.trimEnd();
    const opensSentence = b === '' || /[.!?:]["”’]?$/.test(b) || /,$/.test(b) && SPEECH_RE.test(b.split(/\s+/).slice(-4).join(' '));
    const a = after.trimStart();
    const closedByClause = /^[,]/.test(a) || /^[\p{Lu}]/u.test(a) && SPEECH_RE.test(a.split(/[.,]/)[0] ?? '');
    const endsLikeSentence = /[.!?,]$/.test(span.text) || /[.!?,]$/.test(para.slice(Math.max(0, span.end - 2), span.end - 1));
    if (opensSentence && (endsLikeSentence || closedByClause) && words >= 3) return false;
    if (/(?:that|:)\s*$/.test(b) && words >= 6 && /^\p{Lu}/u.test(span.text)) return false;
    if (words >= 8 && /^\p{Lu}/u.test(span.text) && /[.!?]$/.test(span.text)) return false;
    return true;
  }

  /** Rule 1: "…,” Peskov said", "…,” said Peskov", "…,” TASS quoted the ministry as saying". */
  private fromAfter(after: string, offset: number, mentions: readonly (NameMention & { key: string })[]): Attribution | null | undefined {
    const m = AFTER_CLAUSE.exec(after);
    if (!m) return undefined;
    const lead = m[1]?.length ?? 0;
    const subject = m[2] ?? '';
    if (m[4]) {
      const objOffset = offset + lead + subject.length + m[3]!.indexOf(m[4]);
      return this.resolveSubject(m[4], mentions, objOffset) ?? null;
    }
    if (subject.trim() === '') {
      // "said Peskov", "said the Kremlin spokesman": the subject follows the verb.
      const rest = after.slice(lead + m[3]!.length);
      const obj = /^\s+((?:the\s+)?[^,.;:!?]{1,80}?)(?=[,.;:!?]|\s+(?:on|in|at|during|after|before|when|while|as|to|adding|referring|according)\b|$)/i.exec(rest);
      if (!obj?.[1]) return undefined;
      return this.resolveSubject(obj[1], mentions, offset + lead + m[3]!.length + 1) ?? undefined;
    }
    // The words before the verb must read as a subject: a name, a pronoun, a description, an institution.
    const subj = subject.trim().replace(/,$/, '');
    if (subj.split(/\s+/).length > 8 || /[.!?]\s/.test(subj)) return undefined;
    const named = mentions.some((mm) => mm.start >= offset + lead - 1 && mm.end <= offset + lead + subject.length + 1);
    if (!named && !/^(?:\p{Lu}|(?:the|a|an|his|her|their|he|she|they)\b)/u.test(subj)) return undefined;
    const r = this.resolveSubject(subject, mentions, offset + lead);
    return r === undefined ? undefined : r;
  }

  /** Rule 2 and 3: the frame before the quotation. */
  private fromBefore(
    before: string,
    offset: number,
    mentions: readonly (NameMention & { key: string })[],
    sentenceBefore: string,
    sentenceStart: number,
    partial: boolean,
  ): Attribution | null | undefined {
    const b = before.replace(/\s+$/, '');
    // A label: "Kaja Kallas: “…”" or "EU Foreign Policy Chief Kaja Kallas: “…”".
    const label = /^(?:[^:]{0,120}):$/.exec(b.trim());
    if (label && !SPEECH_RE.test(b)) {
      const labelMentions = mentions.filter((mm) => mm.start >= offset && mm.end <= offset + before.length);
      if (labelMentions.length > 0) return this.person(labelMentions[labelMentions.length - 1]!.key);
    }
    const according = /according to ([^,]{1,80}),?$/i.exec(b);
    if (according?.[1]) return this.resolveSubject(according[1], mentions, offset + (according.index ?? 0) + 13) ?? null;
    const asSaying = /(?:quoted|cited|citing|quoting) (.{1,80}?) as saying(?: that)?,?$/i.exec(b);
    if (asSaying?.[1]) return this.resolveSubject(asSaying[1], mentions, offset + (asSaying.index ?? 0) + asSaying[0].indexOf(asSaying[1])) ?? null;
    // The last speech (or, for a partial quotation, framing) verb before the quotation.
    const verbs = [...sentenceBefore.matchAll(FRAMING_RE)];
    const lastVerb = verbs[verbs.length - 1];
    if (!lastVerb) return undefined;
    if (!partial) {
      // A whole quotation needs its frame to end right before it: "Peskov said:", "He continued,".
      const tail = sentenceBefore.slice((lastVerb.index ?? 0) + lastVerb[0].length);
      if (!/^(?:\s*(?:that|,|:)|\s*$)/i.test(tail) || tail.split(/\s+/).filter(Boolean).length > 3) {
        const toWhom = /^\s+(?:[^\s,:;]+\s+){0,3}[^\s,:;]+\s*[:,]\s*$/.test(tail) && /\b(?:told|tells|said to|wrote to)\b/.test(lastVerb[0]);
        if (!toWhom && !/^\s*(?:,\s*)?(?:saying|adding|noting|telling [^,]+)(?: that)?,?\s*$/i.test(tail)) return undefined;
      }
    }
    return this.subjectOfVerb(sentenceBefore, lastVerb.index ?? 0, sentenceStart, mentions);
  }

  /** The subject of the verb at `verbAt` in a sentence: the phrase right before it, else the sentence's subject. */
  private subjectOfVerb(sentence: string, verbAt: number, sentenceStart: number, mentions: readonly (NameMention & { key: string })[]): Attribution | null | undefined {
    const head = sentence.slice(0, verbAt);
    // Drop adverbs and auxiliaries between the subject and its verb, keeping offsets.
    let phraseEnd = head.trimEnd().length;
    for (;;) {
      const m = /(\S+)\s*$/.exec(head.slice(0, phraseEnd));
      if (!m?.[1] || !ADVERBS.has(m[1].toLowerCase())) break;
      phraseEnd = head.slice(0, m.index).trimEnd().length;
    }
    const words = head.slice(0, phraseEnd).trim().split(/\s+/).filter(Boolean);
    // The phrase right before the verb: a mention ending there, a pronoun, a description.
    const adjacent = mentions.find((m) => m.end - sentenceStart >= phraseEnd - 1 && m.end - sentenceStart <= phraseEnd + 1);
    if (adjacent) return this.person(adjacent.key);
    const lastWord = words[words.length - 1] ?? '';
    if (PRONOUN_RE.test(lastWord)) return this.focus ?? this.lastSubject;
    const np = /(?:^|[,;]\s*|\b(?:that|and|but|while|as)\s+)((?:the|a|an|his|her|their)\s+[^,;]{1,60})$/i.exec(words.join(' '));
    if (np?.[1]) {
      const r = this.resolveSubject(np[1], mentions, sentenceStart + (np.index ?? 0));
      if (r !== undefined) return r;
    }
    if (/(?:\band|\bbut|,)$/i.test(lastWord) || words.length === 0 || /^(?:and|but)$/i.test(lastWord)) {
      return this.sentenceSubject(head, sentenceStart, mentions);
    }
    // Something else is the subject (a coalition, sources, a country): not a speaker we can name.
    const subj = this.sentenceSubject(head, sentenceStart, mentions);
    return subj && /,\s*$/.test(head.slice(0, verbAt).trimEnd() + ',') && words.length <= 3 ? subj : null;
  }

  /** The subject of a sentence: the first person it names before its first verb-like word, or a leading pronoun. */
  private sentenceSubject(head: string, sentenceStart: number, mentions: readonly (NameMention & { key: string })[]): Attribution | null | undefined {
    const first = /^\s*(he|she|they)\b/i.exec(head);
    if (first) return this.focus ?? this.lastSubject;
    const inSentence = mentions.filter((m) => m.start >= sentenceStart && m.end <= sentenceStart + head.length + 1);
    for (const m of inSentence) {
      const after = head.slice(m.end - sentenceStart, m.end - sentenceStart + 40);
      // The subject is followed by its verb ("Zelensky has continued"), not by a preposition or comma list.
      if (/^[’']s\b/.test(after)) continue;
      if (/^\s+(?:has|had|have|is|was|were|will|would|could|also|then|\p{Ll}+ed|\p{Ll}+s)\b/u.test(after)) return this.person(m.key);
    }
    return undefined;
  }
}

/** Join “Q1,” he said, “Q2.” into one quotation when both halves have the same speaker and frame. */
function mergeSplitQuotes(quotes: AttributedQuote[], paragraphs: readonly string[]): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  for (const q of quotes) {
    const prev = out[out.length - 1];
    if (
      prev &&
      !prev.partial &&
      !q.partial &&
      prev.span.endParagraph === q.span.paragraph &&
      prev.speaker &&
      q.speaker &&
      prev.speaker.key === q.speaker.key &&
      /,$/.test(prev.text)
    ) {
      const between = paragraphs[q.span.paragraph]!.slice(prev.span.end, q.span.start);
      if (/^\s*,?\s*[^.!?“”"]{1,80}?\b(?:said|says|added|continued|told [^,.]{1,40}|asked|explained|noted|insisted|warned)\b[^.!?“”"]{0,40},\s*$/i.test(between)) {
        out[out.length - 1] = {
          ...prev,
          text: `${prev.text.replace(/,$/, '')} … ${q.text}`,
          span: { ...prev.span, endParagraph: q.span.endParagraph, end: q.span.end, text: `${prev.text} … ${q.text}` },
          rule: `${prev.rule}+split`,
        };
        continue;
      }
    }
    out.push(q);
  }
  return out;
}
