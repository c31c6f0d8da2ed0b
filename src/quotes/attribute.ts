/**
 * Attributing quotations to speakers, article by article.
 *
 * Rules, in the order they are tried for each quotation:
 * 1. hearsay ("was said to", "reportedly") keeps no speaker;
 * 2. a said-clause right after the quotation: "…,” Peskov said", "…,” said Peskov", "…” Peskov told
 *    reporters", "…,” Zakharova was quoted by TASS as saying", "…,” TASS quoted the ministry as saying";
 * 3. a frame right before it: "Peskov said:", "Peskov was quoted as saying that", "according to
 *    Peskov,", "He continued,", "Trump told reporters at the White House:", a label "Kaja Kallas: “…”";
 *    for a partial quotation inside paraphrase, the subject of the nearest speech or statement verb
 *    before it ("Zelensky formally declared negotiations … “impossible”"), or of a clause that
 *    starts after that verb ("…, as Erdogan offered to host talks “at any level”");
 * 4. a said-clause closing the sentence: "… discussed “the next steps”, the ministry said.";
 * 5. a quotation with no frame of its own continues the speaker of the quotation before it in the
 *    same paragraph, or of the previous paragraph when it stands alone, or is introduced by a
 *    previous paragraph that ends "… told parliament:";
 * 6. a partial quotation left over belongs to its sentence's subject;
 * otherwise, and for subjects that are not people or institutions ("two anonymous sources", "a
 * senior official", "a coalition", a country), no speaker.
 *
 * Subjects are a name (resolved to the person the article, or the corpus, named in full), a
 * pronoun (resolved to the most recent person a sentence was about, of a compatible gender: not
 * merely the last name seen), or a definite description ("the Kremlin spokesman", "the American
 * president") resolved against the roles the article (or the corpus) gave people. A subject may
 * carry an appositive ("Macron, who hosted Zelenskyy on Monday, said").
 */
import { splitSentences } from '../corpus/sentences';
import { type NameMention, bare, findNames, foldName, ROLE_NOUNS } from './names';
import { findQuoteSpans, type QuoteSpan } from './extract';
import { type Gender, genderOf, pronounGender } from './gender';

/** Verbs that introduce speech, in the forms news uses (matched in lower case only). */
const SPEECH_VERB = String.raw`(?:said|says|say|told|tells|added|adds|stated|states|noted|notes|explained|explains|continued|continues|asked|asks|replied|replies|answered|answers|insisted|insists|warned|warns|argued|argues|claimed|claims|wrote|writes|declared|declares|announced|announces|remarked|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|acknowledged|admitted|commented|observed|suggested|recalled|concluded|urged|cautioned|confirmed|denied|tweeted|posted|responded|quipped|complained|predicted|vowed|pledged|promised|conceded|affirmed|asserted|maintained|reiterated|repeated|joked|shouted|told|countered|retorted|boasted|lamented|mused|objected|pointed out|went on|summed up|specified|clarified|revealed|underlined|underscored|elaborated|recounted|disclosed|wrote back)`;
/** Verbs that frame a partial quotation in paraphrase ("called the talks a “positive” development"). */
const FRAMING_VERB = String.raw`(?:${SPEECH_VERB}|called|calls|calling|described|describes|describing|saying|adding|writing|warning|noting|insisting|arguing|claiming|accused|accuses|accusing|praised|praises|dismissed|dismisses|dismissing|rejected|rejects|labell?ed|branded|hailed|welcomed|welcomes|condemned|critici[sz]ed|expressed|termed|dubbed|referred to|characteri[sz]ed|blamed|slammed|demanded|proposed|promising|pledging|vowing|urging|telling|stressing|emphasi[sz]ing|acknowledging|threatened|threatening|signalled|signaled|framed|deemed|posting|tweeting|replying|responding|answering|declaring|announcing|asking)`;

const SPEECH_RE = new RegExp(String.raw`\b${SPEECH_VERB}\b`);
const FRAMING_RE = new RegExp(String.raw`\b${FRAMING_VERB}\b`, 'g');
const HEARSAY_RE = /\b(?:(?:was|were|is|are|has been|have been) (?:said|reported|believed|understood|thought|alleged|rumou?red) to|reportedly|allegedly|purportedly)\b/i;
const PRONOUN_RE = /^(he|she|they)$/i;
/** Words between a subject and its verb that do not change who the subject is. */
const ADVERBS = new Set([
  'also', 'then', 'later', 'formally', 'indirectly', 'repeatedly', 'again', 'once', 'had', 'has', 'have', 'would',
  'will', 'was', 'were', 'is', 'previously', 'recently', 'publicly', 'privately', 'openly', 'further', 'simply',
  'flatly', 'firmly', 'directly', 'sharply', 'not', 'never', 'even', 'still', 'earlier', 'separately', 'bluntly',
  'angrily', 'quickly', 'immediately', 'subsequently', 'reportedly', 'herself', 'himself', 'themselves', 'only',
  'however', 'meanwhile', 'too', 'last', 'this', 'week', 'month', 'year', 'today', 'yesterday', 'tonight',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'on', 'morning', 'afternoon',
  'evening', 'night',
]);
/** A said-clause after a quotation: the words before the verb, the verb, and "quoted X as saying". */
const AFTER_CLAUSE = new RegExp(
  String.raw`^([\s,—–-]*)(.{0,160}?)\b((?:was|were) quoted(?: by (.{1,60}?))? as saying|(?:has |had |have )?(?:newly |also )?quoted (.{1,60}?) as saying|(?:has |had |have )?${SPEECH_VERB})\b`,
);
/** A said-clause closing the sentence after a quotation: "…, the Kremlin said in a statement." */
const CLOSING_CLAUSE = new RegExp(String.raw`,\s*([^,;“”"]{1,80}?)\s+(?:has |had |have )?(?:also )?${SPEECH_VERB}\b[^;“”"]{0,80}$`);
const CLOSING_VERB_FIRST = new RegExp(String.raw`,\s*${SPEECH_VERB}\s+([^,;“”"]{1,80}?)[.!?]?\s*$`);

/** Institutions that speak as one ("the Kremlin said"). The name shown for each ('' = as written). */
const INSTITUTIONS: readonly { re: RegExp; name: string }[] = [
  { re: /^(?:the )?kremlin(?: side| press service| press office| readout| spokesm[ae]n)?$/i, name: 'Kremlin' },
  { re: /^(?:the )?white house(?: press office)?$/i, name: 'White House' },
  { re: /^downing street$/i, name: 'Downing Street' },
  { re: /^(?:the )?(?:élysée|elysee)(?: palace)?$/i, name: 'Élysée Palace' },
  { re: /^(?:the )?(?:russian |ukrainian |u\.s\. |us |american |british |french |german |chinese |polish |turkish |hungarian )?(foreign|defen[cs]e|interior|economy|finance|justice) ministry$/i, name: '' },
  { re: /^(?:the )?(?:russian |ukrainian )?ministry of (?:foreign affairs|defen[cs]e)$/i, name: '' },
  { re: /^(?:the )?(?:british )?foreign office$/i, name: 'Foreign Office' },
  { re: /^(?:the )?(?:u\.s\. |us )?state department$/i, name: 'State Department' },
  { re: /^(?:the )?pentagon$/i, name: 'Pentagon' },
  { re: /^(?:the )?nato(?: alliance)?$/i, name: 'NATO' },
  { re: /^(?:the )?(?:european commission|eu commission)$/i, name: 'European Commission' },
  { re: /^(?:the )?(?:ukrainian |russian )?general staff$/i, name: '' },
  { re: /^(?:the )?(?:ukrainian |russian )?presidential (?:office|administration|press service)$/i, name: '' },
  { re: /^(?:the )?(?:ukrainian |russian |u\.s\. |us |american )?(?:government|embassy)$/i, name: '' },
];

const DEMONYM: Record<string, string> = {
  russia: 'russian', ukraine: 'ukrainian', america: 'american', britain: 'british', france: 'french',
  germany: 'german', china: 'chinese', turkey: 'turkish', poland: 'polish', hungary: 'hungarian',
};

/** What an article says about one person. */
interface Person {
  key: string;
  name: string;
  role: string | null;
  gender: Gender;
}

export interface Attribution {
  /** Person key (folded surname) or `org:<name>`. */
  key: string;
  /** Name as the article gives it (full name when it gave one). */
  name: string;
  role: string | null;
}

export interface AttributedQuote {
  span: QuoteSpan;
  text: string;
  partial: boolean;
  speaker: Attribution | null;
  /** Which rule decided, for debugging and evaluation. */
  rule: string;
}

type Mention = NameMention & { key: string };
/** A rule's verdict: a speaker, `null` (a subject was found but is nobody we can name), or `undefined` (rule does not apply). */
type Verdict = Attribution | null | undefined;

const COUNTRY_OF: Record<string, string> = {
  american: 'us', 'u.s.': 'us', us: 'us', 'united states': 'us', washington: 'us', 'white house': 'us',
  russian: 'ru', russia: 'ru', kremlin: 'ru', moscow: 'ru', "russia's": 'ru', 'russia’s': 'ru',
  ukrainian: 'ua', ukraine: 'ua', kyiv: 'ua', kiev: 'ua', "ukraine's": 'ua', 'ukraine’s': 'ua',
  german: 'de', germany: 'de', french: 'fr', france: 'fr', british: 'uk', 'u.k.': 'uk', uk: 'uk', britain: 'uk',
  chinese: 'cn', china: 'cn', eu: 'eu', european: 'eu', polish: 'pl', poland: 'pl', turkish: 'tr', turkey: 'tr',
  hungarian: 'hu', hungary: 'hu', finnish: 'fi', finland: 'fi', italian: 'it', italy: 'it', nato: 'nato',
};
const ROLE_CLASS: Record<string, string> = {
  president: 'leader', 'president-elect': 'leader', leader: 'leader', chancellor: 'leader', premier: 'leader', head: 'leader',
  spokesman: 'spokesperson', spokeswoman: 'spokesperson', spokesperson: 'spokesperson',
  minister: 'minister', diplomat: 'minister', envoy: 'envoy', negotiator: 'envoy', secretary: 'secretary',
  chief: 'chief', adviser: 'adviser', advisor: 'adviser', aide: 'adviser', ambassador: 'ambassador',
};

function describe(role: string | null): { country: string | null; cls: string | null; foreign: boolean } {
  if (!role) return { country: null, cls: null, foreign: false };
  const r = role.toLowerCase();
  let country: string | null = null;
  for (const w of r.split(/\s+/)) {
    const c = COUNTRY_OF[w] ?? COUNTRY_OF[w.replace(/[’']s$/, '')];
    if (c) {
      country = c;
      break;
    }
  }
  let cls: string | null = null;
  if (/prime minister/.test(r)) cls = 'leader';
  else if (/press secretary/.test(r)) cls = 'spokesperson';
  else if (/secretary of state|foreign (?:minister|secretary)|top diplomat/.test(r)) cls = 'minister';
  else {
    const words = r.split(/\s+/);
    for (let i = words.length - 1; i >= 0 && !cls; i -= 1) cls = ROLE_CLASS[words[i]!.replace(/[’']s$/, '')] ?? null;
  }
  return { country, cls, foreign: /\bforeign\b|secretary of state|diplomat/.test(r) };
}

/** Offsets of the sentences of a paragraph. */
function sentenceRanges(paragraph: string): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let from = 0;
  for (const s of splitSentences(paragraph)) {
    const at = paragraph.indexOf(s, from);
    const start = at >= 0 ? at : from;
    ranges.push({ start, end: start + s.length });
    from = start + s.length;
  }
  if (ranges.length === 0) ranges.push({ start: 0, end: paragraph.length });
  return ranges;
}

/** Blank out ranges (quotations) with spaces, keeping offsets. */
function blank(text: string, ranges: readonly { start: number; end: number }[]): string {
  let out = text;
  for (const r of ranges) out = out.slice(0, r.start) + ' '.repeat(Math.max(0, r.end - r.start)) + out.slice(r.end);
  return out;
}

/** A sentence ends inside the text: a terminal mark before a space, not after an abbreviation or an initial. */
function hasSentenceBreak(text: string): boolean {
  return /[!?]\s/.test(text) || /(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Prof|U\.S|\p{Lu}))\.\s/u.test(text);
}

/** Index of the first sentence end in a text (a terminal mark not after an abbreviation or an initial), or -1. */
function sentenceEnd(text: string): number {
  const m = /[!?](?=\s|$)|(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Prof|U\.S|\p{Lu}))\.(?=\s|$)/u.exec(text);
  return m ? m.index : -1;
}

/** Marks, in the focus list, a person the text describes but does not name. */
const UNKNOWN: Attribution = { key: '?', name: '?', role: null };
/** A sentence whose subject is a person described but not named ("The former comedian played …"). */
const UNNAMED_PERSON_SUBJECT =
  /^\s*(?:[Tt]he|[Aa]n?)\s+(?:[\p{L}’'-]+\s+){0,3}(?:comedian|actor|politician|veteran|businessman|billionaire|tycoon|lawyer|former \p{L}+|\d{2}-year-old|man|woman|president|leader|minister|diplomat|envoy|official|spokesman|spokeswoman)\s+(?:has\s+|had\s+|was\s+|is\s+|also\s+)?\p{Ll}+/u;

/** A leading subordinate clause, which holds no subject of the sentence ("Asked whether Putin had agreed, he replied"). */
const LEADING_SUBORDINATE = /^\s*(?:asked|when|while|after|before|if|although|though|as|since|because|despite|speaking|writing|following|unlike|like|with|once|until|whether)\b[^,]{0,160},/i;

/** A verb-like word right after a subject ("Zelensky has continued", "Peskov told"). */
const VERB_AFTER_SUBJECT = new RegExp(
  String.raw`^,?\s+(?:(?:also|then|later|again|on \p{Lu}\p{Ll}+day|last \p{Ll}+|earlier|separately|previously|meanwhile|himself|herself|itself|themselves|too|however|though|instead|only)\s+)*` +
    String.raw`(?:has|had|have|is|was|were|will|would|could|can|may|might|must|should|did|does|\p{Ll}{2,}ed|\p{Ll}{2,}s|` +
    // Irregular past tenses common in news.
    String.raw`said|told|struck|gave|met|made|took|spoke|went|came|sought|led|left|held|became|began|brought|kept|put|set|ran|saw|won|lost|sent|spent|stood|thought|wrote|hit|cut|drew|flew|chose|rose|fell|got|knew|found|felt|heard|meant|paid|read|sat|sold|shook|shot|slid|swore|tore|threw|understood|withdrew|woke|broke)\b`,
  'u',
);

export class ArticleAttributor {
  private readonly persons = new Map<string, Person>();
  /** People and institutions sentences were about, most recent last (for pronouns). */
  private readonly salience: Attribution[] = [];

  /**
   * @param corpusKnown folded surname → full name, for people named in full in other articles.
   * @param corpusRoles folded surname → role given elsewhere in the corpus, for descriptions.
   */
  constructor(
    private readonly corpusKnown: ReadonlyMap<string, string> = new Map(),
    private readonly corpusRoles: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The people this article named, with the fullest name and the role it gave them. */
  people(): { key: string; name: string; role: string | null }[] {
    return [...this.persons.values()].map(({ key, name, role }) => ({ key, name, role }));
  }

  private known(): Set<string> {
    return new Set([...this.persons.keys(), ...this.corpusKnown.keys()]);
  }

  /** Register the people a paragraph names; returns its mentions with person keys. */
  private scanNames(masked: string): Mention[] {
    const out: Mention[] = [];
    for (const m of findNames(masked, this.known())) {
      const parts = m.name.split(/\s+/);
      let key = foldName(parts[parts.length - 1]!);
      if (parts.length === 1 && !this.persons.has(key) && !this.corpusKnown.has(key)) {
        // "Sir Keir", "Mr Volodymyr": a lone first name of someone the article named in full.
        const byFirst = [...this.persons.values()].find((p) => p.name.split(/\s+/).length >= 2 && foldName(p.name.split(/\s+/)[0]!) === key);
        if (byFirst) key = byFirst.key;
      }
      const existing = this.persons.get(key);
      let name: string;
      if (parts.length >= 2) name = m.name; // the latest full name wins ("Capitol Hill" … "Fiona Hill")
      else name = existing?.name ?? this.corpusKnown.get(key) ?? m.name;
      const role = m.role ?? (parts.length >= 2 && existing && existing.name !== name ? null : existing?.role ?? null);
      const gender = genderOf(name, role) ?? (existing && existing.name === name ? existing.gender : null);
      this.persons.set(key, { key, name, role, gender });
      out.push({ ...m, key });
    }
    return out;
  }

  private person(key: string): Attribution {
    const p = this.persons.get(key);
    return { key, name: p?.name ?? key, role: p?.role ?? null };
  }

  private remember(a: Attribution | null | undefined): void {
    if (!a) return;
    if (a === UNKNOWN) {
      this.salience.push(UNKNOWN);
      if (this.salience.length > 12) this.salience.shift();
      return;
    }
    const i = this.salience.findIndex((x) => x.key === a.key);
    if (i >= 0) this.salience.splice(i, 1);
    this.salience.push(a);
    if (this.salience.length > 12) this.salience.shift();
  }

  /** The person a pronoun refers to: the most recent one a sentence was about, of a compatible gender. */
  private resolvePronoun(pronoun: string): Attribution | null {
    const want = pronounGender(pronoun);
    if (pronoun.toLowerCase() === 'they') {
      const last = this.salience[this.salience.length - 1];
      return last?.key.startsWith('org:') ? last : null;
    }
    for (let i = this.salience.length - 1; i >= 0 && i >= this.salience.length - 6; i -= 1) {
      const a = this.salience[i]!;
      if (a === UNKNOWN) return null;
      if (a.key.startsWith('org:')) continue;
      const g = this.persons.get(a.key)?.gender ?? genderOf(a.name, a.role);
      if (g === null || g === want) {
        if (g === null && want) {
          const p = this.persons.get(a.key);
          if (p) p.gender = want; // learned: the text calls this person "he"/"she"
        }
        return a;
      }
    }
    return null;
  }

  private institution(phrase: string): Attribution | null {
    const lower = phrase
      .toLowerCase()
      .replace(/^(?:the|a|an)\s+/, '')
      .replace(/^(russia|ukraine|america|britain|france|germany|china|turkey|poland|hungary)[’']s\s+/, (_m, c: string) => `${DEMONYM[c] ?? c} `)
      // "a Downing Street spokesperson", "the Kremlin press service": the institution's own voice.
      .replace(/\s+(?:spokesperson|spokesman|spokeswoman|press (?:office|service|secretary)|statement|readout)$/, '')
      .trim();
    // "the ministry said": the ministry the article spoke of last.
    const bareHead = /^(ministry|department|office|agency|embassy|government)$/.exec(lower);
    if (bareHead) return [...this.salience].reverse().find((a) => a.key.startsWith('org:') && a.name.toLowerCase().endsWith(bareHead[1]!)) ?? null;
    for (const inst of INSTITUTIONS) {
      if (inst.re.test(lower) || inst.re.test(`the ${lower}`)) {
        const written = lower.replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase()).replace(/\bU\.s\./g, 'U.S.');
        // One speaker per institution: the name without the country; the country stays as its role.
        const name = inst.name || written.replace(/^(?:Russian|Ukrainian|U\.S\.|Us|American|British|French|German|Chinese|Polish|Turkish|Hungarian)\s+/, '');
        return { key: `org:${name.toLowerCase()}`, name, role: name !== written ? written : null };
      }
    }
    return null;
  }

  /** A definite description ("the Kremlin spokesman", "the US president") to the one person whose role fits. */
  private describedPerson(phrase: string): Attribution | null {
    const want = describe(phrase);
    if (!want.cls) return null;
    const here = [...this.persons.values()];
    const elsewhere = [...this.corpusKnown].filter(([key]) => !this.persons.has(key)).map(([key, name]) => ({ key, name }));
    // Roles as this article gave them; then, for its people without one, as the corpus gave them;
    // then the corpus's other people.
    const pools: { key: string; name: string; role: string | null }[][] = [
      here,
      here.map((p) => ({ ...p, role: p.role ?? this.corpusRoles.get(p.key) ?? null })),
      elsewhere.map((p) => ({ ...p, role: this.corpusRoles.get(p.key) ?? null })),
    ];
    for (const pool of pools) {
      const matching = pool.filter((p) => {
        const have = describe(p.role);
        if (have.cls !== want.cls) return false;
        if (want.cls === 'minister' && want.foreign && !have.foreign) return false;
        return !want.country || !have.country || want.country === have.country;
      });
      const exact = want.country ? matching.filter((p) => describe(p.role).country === want.country) : [];
      let pick = exact.length === 1 ? exact[0] : matching.length === 1 ? matching[0] : undefined;
      if (!pick && matching.length > 1) {
        // Several fit: the one whose role shares most words with the description ("the Kremlin
        // spokesman" → "Kremlin spokesman", not "Foreign Ministry spokeswoman"), else the most recent.
        const words = new Set(phrase.toLowerCase().split(/\s+/).filter((w) => !/^(?:the|a|an|his|her|their)$/.test(w)));
        const overlap = (p: { role: string | null }) => (p.role ?? '').toLowerCase().split(/\s+/).filter((w) => words.has(w)).length;
        const best = Math.max(...matching.map(overlap));
        const top = matching.filter((p) => overlap(p) === best);
        if (top.length === 1) pick = top[0];
        else pick = [...this.salience].reverse().map((a) => top.find((p) => p.key === a.key)).find((p) => p !== undefined);
      }
      if (pick) return this.persons.has(pick.key) ? this.person(pick.key) : { key: pick.key, name: pick.name, role: pick.role };
    }
    return null;
  }

  /**
   * Resolve a subject phrase. `offset` is where the phrase starts in the masked paragraph.
   * Returns undefined when the phrase does not read as a subject at all.
   */
  private resolvePhrase(phrase: string, offset: number, mentions: readonly Mention[]): Verdict {
    const lead = /^[\s,;:—–-]*/.exec(phrase)?.[0].length ?? 0;
    const text = phrase.slice(lead).replace(/[\s,;:—–-]+$/, '');
    if (!text) return undefined;
    const start = offset + lead;
    const end = start + text.length;
    if (PRONOUN_RE.test(text)) return this.resolvePronoun(text);
    // "the 79-year-old", "the veteran diplomat": an epithet for the person in focus.
    if (/^the \d{2}-year-old$/i.test(text)) return this.resolvePronoun('he');
    const inside = mentions.filter((m) => m.start >= start - 1 && m.end <= end + 1);
    // "Rustem Umerov, secretary of the council," / "A White House spokesperson, Anna Kelly".
    const first = inside[0];
    // "Rustem Umerov, secretary of the council", "Mikael Sundqvist of the Swedish Institute".
    if (first && first.start <= start + 1 && (first.end >= end - 1 || /^(?:,|\s+(?:of|from|at|with)\s)[^,]{1,120}(?:,[^,]{1,60})?$/.test(text.slice(first.end - start)))) {
      return this.person(first.key);
    }
    const last = inside[inside.length - 1];
    if (last && last.end >= end - 1) return this.person(last.key);
    const words = text.split(/\s+/);
    if (words.length > 12) return undefined;
    // A description by role first ("the Kremlin spokesman" is a person), then an institution.
    if (/^(?:the|his|her|their)\s/i.test(text) && words.some((w) => ROLE_NOUNS.has(bare(w)))) {
      return this.describedPerson(text) ?? this.institution(text);
    }
    const inst = this.institution(text);
    if (inst) return inst;
    // Something we cannot name: "one of them", "a senior official", "two diplomats", "Moscow".
    // (No "i" flag with \p{Lu}: case-insensitive property escapes match lower case too.)
    if (/^\p{Lu}/u.test(text) || /^(?:a|an|the|one|two|three|several|some|many|officials?|sources?|people)\b/i.test(text)) return null;
    return undefined;
  }

  /** The subject of the verb at `verbAt` (offset in the masked paragraph), looking left from it. */
  private subjectOfVerb(masked: string, sentenceStart: number, verbAt: number, mentions: readonly Mention[]): Verdict {
    let end = verbAt;
    // Drop adverbs, auxiliaries and time words between the subject and its verb.
    for (;;) {
      const head = masked.slice(sentenceStart, end).replace(/\s+$/, '');
      const m = /(\S+)$/.exec(head);
      if (!m?.[1] || !ADVERBS.has(m[1].toLowerCase().replace(/[,]$/, ''))) {
        end = sentenceStart + head.length;
        break;
      }
      if (m[1].endsWith(',')) {
        end = sentenceStart + head.length;
        break;
      }
      end = sentenceStart + (m.index ?? 0);
    }
    // A parenthesis between dashes ("— a demand Trump has made —") is not the subject.
    let head = masked.slice(sentenceStart, end).replace(/\s[—–]\s[^—–]{1,160}\s[—–]\s*$/, (m) => ' '.repeat(m.length));
    // An appositive or relative clause between commas: "Macron, who hosted Zelenskyy on Monday, said".
    for (let tries = 0; tries < 2 && /,\s*$/.test(head); tries += 1) {
      const body = head.replace(/,\s*$/, '');
      const comma = body.lastIndexOf(',');
      const segmentStart = sentenceStart + comma + 1;
      const segment = body.slice(comma + 1);
      const named = mentions.find((m) => m.start >= segmentStart && m.start <= segmentStart + 2 && m.end >= sentenceStart + body.length - 1);
      if (named && !/^\s*(?:who|which|whose|speaking|writing|in|at|on|after|as)\b/i.test(segment)) return this.person(named.key);
      if (comma < 0) return this.sentenceSubject(masked, sentenceStart, sentenceStart + body.length, mentions);
      head = body.slice(0, comma);
      end = sentenceStart + comma;
    }
    const trimmed = head.replace(/\s*\([^()]{1,40}\)\s*$/, '').replace(/\s+$/, '');
    const headEnd = sentenceStart + trimmed.length;
    const adjacent = mentions.find((m) => m.end >= headEnd - 1 && m.end <= headEnd + 1 && m.start >= sentenceStart);
    if (adjacent) return this.person(adjacent.key);
    const lastWord = /(\S+)$/.exec(trimmed)?.[1] ?? '';
    if (PRONOUN_RE.test(lastWord)) {
      const want = pronounGender(lastWord);
      // "… a word Mr. Ushakov echoed in remarks in which he also said": the nearest clause subject
      // before the pronoun in the same sentence; else the sentence's own subject; else the focus.
      const lead = LEADING_SUBORDINATE.exec(masked.slice(sentenceStart, headEnd));
      const from = sentenceStart + (lead ? lead[0].length : 0);
      const before = mentions.filter((m) => m.start >= from && m.end <= headEnd - lastWord.length);
      for (let i = before.length - 1; i >= 0; i -= 1) {
        const m = before[i]!;
        const g = this.persons.get(m.key)?.gender ?? null;
        // Not the object of a preposition or a relative clause ("briefed by his chief of staff Andriy Yermak").
        const clauseStart = Math.max(masked.lastIndexOf(',', m.start), sentenceStart);
        if (/\b(?:who|which|whose|by|with|to|of|from|for|at|about)\s+(?:[\p{L}’'.-]+\s+){0,5}$/u.test(masked.slice(clauseStart, m.start))) continue;
        if ((g === null || g === want) && VERB_AFTER_SUBJECT.test(masked.slice(m.end, headEnd - lastWord.length).replace(/^,[^,]{1,120}(?=,)/, ''))) {
          if (!/^\s*(?:and|or)\s/.test(masked.slice(m.end, m.end + 6))) return this.person(m.key);
        }
      }
      const own = this.sentenceSubject(masked, sentenceStart, headEnd - lastWord.length, mentions);
      if (own && !own.key.startsWith('org:')) {
        const g = this.persons.get(own.key)?.gender ?? null;
        if (g === null || g === want) return own;
      }
      return this.resolvePronoun(lastWord);
    }
    // "… but said", "… and added", "Asked about X, said": the clause's subject is the sentence's.
    if (trimmed === '' || /(?:^|\s)(?:and|but|or|then)$/i.test(trimmed)) return this.sentenceSubject(masked, sentenceStart, headEnd, mentions);
    // A noun phrase right before the verb: a description or an institution, else someone unnamed.
    const np = /(?:^|[,;:]\s*|\b(?:that|and|but|while|as|when|after|since|because)\s+)((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)\s+[^,;:]{1,70}|\p{Lu}[^,;:]{0,50})$/u.exec(trimmed);
    if (np?.[1]) {
      const r = this.resolvePhrase(np[1], sentenceStart + (np.index ?? 0) + np[0].indexOf(np[1]), mentions);
      if (r !== undefined) return r;
      return null;
    }
    // "Zelenskyy, asked in Kyiv whether he would hold elections, said": the sentence's subject.
    return this.sentenceSubject(masked, sentenceStart, headEnd, mentions) ?? null;
  }

  /** The subject of a sentence: the first person it names that is followed by a verb, or a leading pronoun. */
  private sentenceSubject(masked: string, sentenceStart: number, limit: number, mentions: readonly Mention[]): Verdict {
    const head = masked.slice(sentenceStart, limit);
    const pronoun = /^\s*(?:[^,]{0,120},\s*)?([Hh]e|[Ss]he|[Tt]hey)\s+\p{Ll}/u.exec(head);
    // A leading subordinate clause ("Asked whether Putin had agreed, he replied") holds no subject.
    const subordinate = LEADING_SUBORDINATE.exec(head);
    const from = sentenceStart + (subordinate ? subordinate[0].length : 0);
    const inSentence = mentions.filter((m) => m.start >= from && m.end <= limit + 1);
    for (const m of inSentence) {
      if (pronoun && sentenceStart + (pronoun.index ?? 0) + pronoun[0].length - 3 < m.start) break;
      let after = masked.slice(m.end, Math.min(masked.length, m.end + 160));
      const stop = sentenceEnd(after);
      if (stop >= 0) after = after.slice(0, stop + 1);
      if (/^[’']s\b/.test(after)) continue;
      // "Sen. Jeanne Shaheen (D-N.H.), the top Democrat …, said".
      after = after.replace(/^\s*\([^()]{1,40}\)/, '');
      if (VERB_AFTER_SUBJECT.test(after)) return this.person(m.key);
      // An appositive or relative clause, possibly with commas of its own ("Kirill Dmitriev, the
      // head of the fund, who was not in the delegation, told reporters"): the verb after a comma.
      if (/^,/.test(after)) {
        for (const c of after.matchAll(/,/g)) {
          if ((c.index ?? 0) === 0) continue;
          if ((c.index ?? 0) > 240) break;
          if (/[“”"]/.test(after.slice(0, c.index))) break;
          if (VERB_AFTER_SUBJECT.test(after.slice(c.index ?? 0)) && !/^,\s+(?:who|which|whose)\b/.test(after.slice(c.index ?? 0))) return this.person(m.key);
        }
      }
    }
    if (pronoun?.[1]) return this.resolvePronoun(pronoun[1]);
    // "The conversation had been “very useful,” he told television": a pronoun that speaks.
    const speaking = new RegExp(String.raw`(?:^|[^\p{L}])([Hh]e|[Ss]he)\s+(?:also\s+)?${SPEECH_VERB}\b`, 'u').exec(head);
    if (speaking?.[1]) return this.resolvePronoun(speaking[1]);
    // A description as subject: "The US president did not say …".
    const described = /^\s*((?:[Tt]he|[Hh]er|[Hh]is)\s+(?:[\p{L}.’'-]+\s+){0,4}?(?:president|leader|spokesman|spokeswoman|spokesperson|minister|chancellor|envoy|negotiator|secretary|diplomat|adviser|aide))(?:,[^,]{1,60},)?\s+\p{Ll}/u.exec(head);
    if (described?.[1]) {
      const person = this.describedPerson(described[1]);
      if (person) return person;
    }
    // An institution as subject: "The Kremlin said …", "Downing Street said …".
    const inst = /^\s*((?:[Tt]he\s+|[Aa]n?\s+)?\p{Lu}[\p{L}.’']*(?:\s+\p{Lu}[\p{L}.]*){0,3}(?:\s+(?:side|ministry|office|foreign ministry|defen[cs]e ministry|spokesperson|spokesman|spokeswoman|press service))?)\s+(?:has |had |also |was |is )?\p{Ll}+/u.exec(head);
    if (inst?.[1]) {
      const org = this.institution(inst[1]);
      if (org) return org;
    }
    return undefined;
  }

  /** Attribute every quotation of an article's paragraphs. */
  attribute(paragraphs: readonly string[]): AttributedQuote[] {
    const spans = findQuoteSpans(paragraphs);
    const out: AttributedQuote[] = [];
    let previousParagraphSpeaker: { paragraph: number; speaker: Attribution } | null = null;
    let introducer: { paragraph: number; speaker: Attribution } | null = null;
    /** The person the previous paragraph reported speaking ("Umerov said that …"), for a quotation standing alone after it. */
    let previousSpeech: { paragraph: number; speaker: Attribution } | null = null;

    for (let pi = 0; pi < paragraphs.length; pi += 1) {
      const para = paragraphs[pi]!;
      const blanks: { start: number; end: number }[] = [];
      for (const s of spans) {
        if (s.paragraph === pi) blanks.push({ start: s.start, end: s.endParagraph > pi ? para.length : s.end });
        else if (s.paragraph < pi && s.endParagraph > pi) blanks.push({ start: 0, end: para.length });
        else if (s.paragraph < pi && s.endParagraph === pi) blanks.push({ start: 0, end: s.end });
      }
      const masked = blank(para, blanks);
      const mentions = this.scanNames(masked);
      const sentences = sentenceRanges(para);
      const own = spans.filter((s) => s.paragraph === pi);
      let lastInParagraph: Attribution | null = null;
      // A paragraph that is only a quotation (or "Quote: “…”") continues the speaker before it.
      const onlyQuote = masked.replace(/^\s*(?:quote|quoted|direct speech)\s*:/i, '').replace(/[\s.,;:!?—–-]+/g, '').length === 0;
      let speechSubject: Attribution | null = null;

      for (const sentence of sentences) {
        const inSentence = own.filter((s) => s.start >= sentence.start && s.start < sentence.end);
        const spoke: Attribution[] = [];
        inSentence.forEach((span, k) => {
          const end = span.endParagraph > pi ? para.length : span.end;
          const prevEnd = k > 0 ? inSentence[k - 1]!.end : sentence.start;
          const nextStart = k + 1 < inSentence.length ? inSentence[k + 1]!.start : para.length;
          const endSentence = sentences.find((r) => end - 1 >= r.start && end - 1 < r.end) ?? sentence;
          const sentenceEnd = Math.max(endSentence.end, sentence.end);
          const before = masked.slice(Math.max(prevEnd, sentence.start), span.start);
          const sentenceBefore = masked.slice(sentence.start, span.start);
          const after = masked.slice(end, Math.min(nextStart, sentenceEnd));
          const restOfSentence = masked.slice(end, sentenceEnd);
          const partial = this.isPartial(para, span, before, after);
          let speaker: Verdict;
          let rule = 'none';
          const tryRule = (name: string, verdict: () => Verdict) => {
            if (speaker !== undefined) return;
            const v = verdict();
            if (v !== undefined) {
              speaker = v;
              rule = name;
            }
          };
          tryRule('hearsay', () => (HEARSAY_RE.test(sentenceBefore) ? null : undefined));
          tryRule('said-after', () => this.fromAfter(span, after, end, mentions, partial));
          tryRule(partial ? 'paraphrase-frame' : 'frame-before', () => this.fromBefore(masked, before, span.start, sentence.start, mentions, partial));
          tryRule('closing-clause', () => this.fromClosingClause(restOfSentence, end, mentions));
          if (!partial) {
            tryRule('continues-paragraph', () => lastInParagraph ?? undefined);
            tryRule('continues-previous-paragraph', () =>
              onlyQuote && previousParagraphSpeaker?.paragraph === pi - 1 ? previousParagraphSpeaker.speaker : undefined,
            );
            tryRule('speech-of-previous-paragraph', () =>
              onlyQuote && previousSpeech?.paragraph === pi - 1 ? previousSpeech.speaker : undefined,
            );
            tryRule('introduced-by-previous-paragraph', () =>
              span.start <= 1 && introducer?.paragraph === pi - 1 ? introducer.speaker : undefined,
            );
          } else {
            tryRule('sentence-subject', () => this.sentenceSubject(masked, sentence.start, span.start, mentions));
          }
          const resolved: Attribution | null = speaker ?? null;
          if (resolved && !partial) {
            lastInParagraph = resolved;
            spoke.push(resolved);
          }
          out.push({ span, text: span.text, partial, speaker: resolved, rule });
        });
        // What this sentence was about, for the pronouns of the next ones: its subject, then its speakers.
        const subject = this.sentenceSubject(masked, sentence.start, sentence.end, mentions);
        this.remember(subject);
        // "The former comedian played his part": a person we cannot name is in focus, so a following
        // "he said" must not fall back to someone else.
        if (subject === undefined && UNNAMED_PERSON_SUBJECT.test(masked.slice(sentence.start, sentence.end))) this.remember(UNKNOWN);
        // "Welker asked Trump whether …": the one asked is the one who replies.
        const asked = /\basked\s+$/;
        const addressee = mentions.find((m) => m.start > sentence.start && m.end <= sentence.end && asked.test(masked.slice(Math.max(sentence.start, m.start - 8), m.start)));
        // "…, Russian Presidential Aide Yury Ushakov told reporters.": the one reporting is in focus.
        const closing = this.fromClosingClause(masked.slice(sentence.start, sentence.end), sentence.start, mentions);
        if (closing) this.remember(closing);
        for (const a of spoke) this.remember(a);
        if (addressee && spoke.length === 0) this.remember(this.person(addressee.key));
        if (closing || spoke.length > 0 || (subject && !subject.key.startsWith('org:'))) speechSubject = spoke[spoke.length - 1] ?? closing ?? this.speechSubjectOf(masked, sentence, mentions) ?? speechSubject;
      }

      introducer = null;
      const tail = masked.trimEnd();
      if (tail.endsWith(':')) {
        const lastSentence = sentences[sentences.length - 1]!;
        const frame = this.fromBefore(masked, masked.slice(lastSentence.start, tail.length), tail.length, lastSentence.start, mentions, false);
        if (frame) introducer = { paragraph: pi, speaker: frame };
      }
      previousSpeech = speechSubject ? { paragraph: pi, speaker: speechSubject } : null;
      if (lastInParagraph) previousParagraphSpeaker = { paragraph: pi, speaker: lastInParagraph };
      else if (!onlyQuote) previousParagraphSpeaker = null;
    }
    return mergeSplitQuotes(out, paragraphs);
  }

  /** A few words quoted inside the reporter's own sentence, rather than a quotation that speaks for itself. */
  private isPartial(para: string, span: QuoteSpan, before: string, after: string): boolean {
    const words = span.text.split(/\s+/).length;
    const b = before.trimEnd();
    const opensSentence = b === '' || /[.!?:]["”’]?$/.test(b) || (/,$/.test(b) && SPEECH_RE.test(b.split(/\s+/).slice(-5).join(' ')));
    const a = after.trimStart();
    const closedByClause = /^,/.test(a) || (/^\p{Lu}/u.test(a) && SPEECH_RE.test(a.split(/[.,]/)[0] ?? ''));
    const endsLikeSentence = /[.!?,]$/.test(span.text) || /[.!?,]$/.test(para.slice(Math.max(0, span.end - 2), span.end - 1));
    if (opensSentence && (endsLikeSentence || closedByClause) && words >= 3) return false;
    if (/(?:that|:)\s*$/.test(b) && words >= 6 && /^\p{Lu}/u.test(span.text)) return false;
    if (words >= 8 && /^\p{Lu}/u.test(span.text) && /[.!?]$/.test(span.text)) return false;
    return true;
  }

  /** "…,” Peskov said", "…,” said Peskov", "…,” Zakharova was quoted by TASS as saying". */
  private fromAfter(span: QuoteSpan, after: string, offset: number, mentions: readonly Mention[], partial: boolean): Verdict {
    // A partial quotation is followed by the reporter's sentence, not by a said-clause, unless a comma closes it.
    if (partial && !/^\s*[,—–-]/.test(after) && !/,$/.test(span.text)) return undefined;
    // A quotation that ends its sentence is followed by a new sentence, unless a said-clause comes straight after.
    const m = AFTER_CLAUSE.exec(after);
    if (!m) return undefined;
    const lead = m[1]?.length ?? 0;
    const subject = m[2] ?? '';
    const verb = m[3]!;
    if (/[.!?]$/.test(span.text) && /^[\s]*\p{Lu}/u.test(after) && subject.split(/\s+/).filter(Boolean).length > 6) return undefined;
    if (m[5]) {
      // "TASS quoted the ministry as saying"
      return this.resolvePhrase(m[5], offset + lead + subject.length + verb.indexOf(m[5]), mentions) ?? null;
    }
    if (subject.trim() === '') {
      // "said Peskov", "said the Kremlin spokesman": the subject follows the verb.
      const rest = after.slice(lead + verb.length);
      const obj = /^\s+((?:the\s+)?[^,.;:!?]{1,80}?)(?=,|\.|;|:|!|\?|\s+(?:on|in|at|during|after|before|when|while|as|to|adding|referring|according|speaking)\b|$)/.exec(rest);
      if (!obj?.[1]) return undefined;
      return this.resolvePhrase(obj[1], offset + lead + verb.length + 1, mentions);
    }
    // The words before the verb must read as a subject: no sentence break, at most an appositive.
    if (hasSentenceBreak(subject) || /[“”"]/.test(subject)) return undefined;
    if ((subject.match(/,/g) ?? []).length > 2) return undefined;
    const v = this.resolvePhrase(subject, offset + lead, mentions);
    if (v === undefined && /,/.test(subject)) return undefined;
    return v;
  }

  /** The frame before the quotation, in its sentence. */
  private fromBefore(masked: string, before: string, quoteStart: number, sentenceStart: number, mentions: readonly Mention[], partial: boolean): Verdict {
    const sentenceBefore = masked.slice(sentenceStart, quoteStart);
    const b = before.replace(/\s+$/, '');
    const bStart = quoteStart - before.length;
    // A label: "Kaja Kallas: “…”", "EU foreign policy chief Kaja Kallas: “…”", "Kremlin: ‘…’".
    const label = /^\s*([^:]{1,120}?)\s*:$/.exec(sentenceBefore.replace(/\s+$/, ''));
    if (label?.[1] && !SPEECH_RE.test(label[1]) && !/\b(?:that|which|who)\b/.test(label[1])) {
      const v = this.resolvePhrase(label[1], sentenceStart + (label.index ?? 0) + label[0].indexOf(label[1]), mentions);
      if (v) return v;
    }
    const according = /according to ([^,]{1,80}),?$/i.exec(b);
    if (according?.[1]) return this.resolvePhrase(according[1], bStart + (according.index ?? 0) + 13, mentions) ?? null;
    const asSaying = /(?:quoted|cited|citing|quoting) (.{1,80}?) as saying(?: that)?,?$/i.exec(b);
    if (asSaying?.[1]) return this.resolvePhrase(asSaying[1], bStart + (asSaying.index ?? 0) + asSaying[0].indexOf(asSaying[1]), mentions) ?? null;
    const passive = /^(.*?)\s+(?:was|were) quoted(?: by [^,]{1,60}?)? as saying(?: that)?,?$/i.exec(sentenceBefore.replace(/\s+$/, ''));
    if (passive?.[1] !== undefined) return this.subjectOfVerb(masked, sentenceStart, sentenceStart + passive[1].length + 1, mentions);
    // The last speech (or, for a partial quotation, framing) verb before the quotation.
    const verbs = [...sentenceBefore.matchAll(FRAMING_RE)].filter((v) => partial || SPEECH_RE.test(v[0]) || /ing$/.test(v[0]) || /^(?:called|described)$/.test(v[0]));
    const lastVerb = verbs[verbs.length - 1];
    if (!lastVerb) {
      // "Hours later, he went further: “…”", "Sybiha reacted on X: “…”": a clause about a person
      // that ends in a colon introduces their words.
      if (!partial && /:\s*$/.test(sentenceBefore)) {
        // The clause right before the colon speaks: "Trump laughed when Putin closed his remarks: “…”".
        const lastClause = sentenceBefore.replace(/:\s*$/, '');
        const cut = Math.max(lastClause.lastIndexOf(' when '), lastClause.lastIndexOf(' as '), lastClause.lastIndexOf(' after '), lastClause.lastIndexOf(' while '), lastClause.lastIndexOf(', '));
        const clauseStart = sentenceStart + (cut >= 0 ? cut + 1 : 0);
        const who = this.sentenceSubject(masked, clauseStart, quoteStart, mentions) ?? this.sentenceSubject(masked, sentenceStart, quoteStart, mentions);
        if (who && !who.key.startsWith('org:')) return who;
      }
      return undefined;
    }
    const verbAt = sentenceStart + (lastVerb.index ?? 0);
    const tail = sentenceBefore.slice((lastVerb.index ?? 0) + lastVerb[0].length);
    // A participle ("…, writing that", "…, saying") has the sentence's subject.
    const participle = /ing$/.test(lastVerb[0]) && /(?:,|[—–]\s*(?:\S+\s+){0,4})\s*$/.test(sentenceBefore.slice(0, lastVerb.index ?? 0));
    if (!partial) {
      // A whole quotation needs its frame to end right before it: "Peskov said:", "He continued,",
      // "Trump told reporters at the White House:", "…, he said in a statement:".
      const short = /^\s*(?:that\s*|[,:]\s*)?$/.test(tail);
      // "told reporters at the White House:", "posting a single line on X:", "told the BBC that".
      const toWhom =
        /^\s+(?:[^\s,:;]+\s+){0,6}[^\s,:;]+\s*:\s*$/.test(tail) ||
        /^,\s+(?:[^\s,:;“”"]+\s+){0,7}[^\s,:;“”"]+\s*:\s*$/.test(tail) ||
        (/^(?:told|tells|telling|wrote|writing|said|added)$/.test(lastVerb[0]) && /^\s+(?:[^\s,:;]+\s+){0,5}[^\s,:;]+\s*(?:,|\bthat)\s*$/.test(tail));
      const participle = /^\s*(?:,\s*)?(?:saying|adding|noting|writing|warning|telling [^,]+)(?: that)?,?\s*$/i.test(tail);
      if (!short && !toWhom && !participle) return undefined;
    } else {
      // A clause that starts after the verb has its own subject: "…, as Erdogan offered to host talks “at any level”".
      const clause = [...tail.matchAll(/(?:,\s*|;\s*|\b(?:as|while|whereas|when|after|because|since|but)\s+)/g)];
      const tailStart = verbAt + lastVerb[0].length;
      for (let i = clause.length - 1; i >= 0; i -= 1) {
        const at = tailStart + (clause[i]!.index ?? 0) + clause[i]![0].length;
        const who = mentions.find((mm) => mm.start >= at && mm.start <= at + 40 && mm.end < quoteStart);
        if (who && VERB_AFTER_SUBJECT.test(masked.slice(who.end, quoteStart))) return this.person(who.key);
      }
    }
    if (participle) {
      const subject = this.sentenceSubject(masked, sentenceStart, verbAt, mentions);
      if (subject !== undefined) return subject;
    }
    const subject = this.subjectOfVerb(masked, sentenceStart, verbAt, mentions);
    // "Medinsky told journalists that Moscow had proposed a ceasefire “in certain areas”": a place
    // standing for a side is not the speaker; the one reporting it is.
    if (subject === null && partial && verbs.length > 1) {
      const head = sentenceBefore.slice(0, lastVerb.index ?? 0).trimEnd().replace(/\s+(?:had|has|have|would|will|was|is)$/, '');
      if (/(?:^|\s)(?:Moscow|Kyiv|Kiev|Washington|Russia|Ukraine|Brussels|Beijing|London|Paris|Berlin|the Kremlin)$/.test(head)) {
        const earlier = verbs.slice(0, -1).reverse().find((v) => SPEECH_RE.test(v[0]));
        if (earlier) return this.subjectOfVerb(masked, sentenceStart, sentenceStart + (earlier.index ?? 0), mentions);
      }
    }
    return subject;
  }

  /** The person a sentence reports speaking: the subject of its last speech verb, when a person. */
  private speechSubjectOf(masked: string, sentence: { start: number; end: number }, mentions: readonly Mention[]): Attribution | undefined {
    const text = masked.slice(sentence.start, sentence.end);
    const verbs = [...text.matchAll(new RegExp(SPEECH_RE.source, 'g'))];
    const last = verbs[verbs.length - 1];
    if (!last) return undefined;
    const who = this.subjectOfVerb(masked, sentence.start, sentence.start + (last.index ?? 0), mentions);
    return who && !who.key.startsWith('org:') ? who : undefined;
  }

  /** "… discussed “the next steps”, the Russian Foreign Ministry said in a statement." */
  private fromClosingClause(rest: string, offset: number, mentions: readonly Mention[]): Verdict {
    const r = rest.replace(/\s+$/, '');
    const m = CLOSING_CLAUSE.exec(r);
    if (m?.[1]) {
      const v = this.resolvePhrase(m[1], offset + (m.index ?? 0) + m[0].indexOf(m[1]), mentions);
      if (v !== undefined) return v;
    }
    const according = /,\s*according to ([^,;“”"]{1,80}?)[.!?]?\s*$/.exec(r);
    if (according?.[1]) return this.resolvePhrase(according[1], offset + (according.index ?? 0) + according[0].indexOf(according[1]), mentions) ?? null;
    const vf = CLOSING_VERB_FIRST.exec(r);
    if (vf?.[1]) return this.resolvePhrase(vf[1], offset + (vf.index ?? 0) + vf[0].indexOf(vf[1]), mentions);
    return undefined;
  }
}

/** Join “Q1,” he said, “q2.” into one quotation when both halves have the same speaker. */
function mergeSplitQuotes(quotes: AttributedQuote[], paragraphs: readonly string[]): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  for (const q of quotes) {
    const prev = out[out.length - 1];
    if (prev && !prev.partial && prev.span.endParagraph === q.span.paragraph && prev.speaker && /,$/.test(prev.text) && /^\p{Ll}/u.test(q.text)) {
      const between = paragraphs[q.span.paragraph]!.slice(prev.span.end, q.span.start);
      if (between.length <= 200 && SPEECH_RE.test(between) && !/[.!?]\s/.test(between) && /,\s*$/.test(between)) {
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
