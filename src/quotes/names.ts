/**
 * Recognising people and their roles in news prose, without a dictionary of people.
 *
 * A person is a run of capitalised words that, once the role words in front of it are taken off
 * ("Kremlin spokesman", "U.S. President", "German Chancellor"), leaves one to three name words that
 * are neither function words, nor nationalities, nor the heads of organisation and place names. A
 * lone surname is a person when the article (or the corpus) named that person in full, or when a
 * title stands before it ("President Trump").
 */

/** Words that, capitalised or not, make up a role: titles, offices, nationalities, institutions. */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  'president', 'presidential', 'vice', 'prime', 'minister', 'deputy', 'foreign', 'defense', 'defence', 'interior',
  'finance', 'economy', 'chancellor', 'spokesman', 'spokeswoman', 'spokesperson', 'press', 'secretary', 'chief',
  'policy', 'state', 'senator', 'sen', 'rep', 'representative', 'governor', 'gov', 'general', 'gen', 'ambassador',
  'envoy', 'special', 'top', 'senior', 'supreme', 'commander', 'leader', 'mayor', 'pope', 'king', 'queen', 'prince',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'adviser', 'advisor', 'aide', 'negotiator', 'official', 'officials',
  'director', 'head', 'chair', 'chairman', 'chairwoman', 'speaker', 'lawmaker', 'analyst', 'fellow', 'expert',
  'lieutenant', 'colonel', 'major', 'captain', 'admiral', 'marshal', 'commissioner', 'high', 'representative',
  'national', 'security', 'intelligence', 'military', 'army', 'former', 'acting', 'chief-of-staff', 'staff',
  'kremlin', 'white', 'house', 'u.s.', 'us', 'u.k.', 'uk', 'eu', 'un', 'u.n.', 'nato', 'russian', 'ukrainian',
  'american', 'german', 'french', 'british', 'polish', 'chinese', 'japanese', 'turkish', 'hungarian', 'italian',
  'european', 'western', 'eastern', 'belarusian', 'indian', 'israeli', 'iranian', 'saudi', 'qatari', 'emirati',
  'estonian', 'latvian', 'lithuanian', 'finnish', 'swedish', 'norwegian', 'danish', 'dutch', 'belgian', 'spanish',
  'canadian', 'australian', 'georgian', 'moldovan', 'slovak', 'czech', 'romanian', 'bulgarian', 'serbian',
  'commission', 'council', 'parliament', 'duma', 'ministry', 'department', 'office', 'affairs', 'relations',
  'and', 'of', 'for', 'the', 'on', 'to', 'in', 'at',
]);

/** Role nouns: a role needs one of these (an adjective alone, "Russian", is not a role). */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'president', 'minister', 'chancellor', 'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'chief', 'senator',
  'sen', 'rep', 'representative', 'governor', 'gov', 'general', 'gen', 'ambassador', 'envoy', 'commander', 'leader',
  'mayor', 'pope', 'king', 'queen', 'prince', 'adviser', 'advisor', 'aide', 'negotiator', 'official', 'director',
  'head', 'chair', 'chairman', 'chairwoman', 'speaker', 'lawmaker', 'analyst', 'fellow', 'expert', 'lieutenant',
  'colonel', 'major', 'captain', 'admiral', 'marshal', 'commissioner', 'professor', 'prof', 'dr', 'mr', 'mrs', 'ms',
  'sir', 'dame', 'lord', 'lady', 'diplomat', 'correspondent', 'reporter', 'editor', 'researcher', 'economist',
  'strategist', 'scholar', 'member', 'deputy', 'founder', 'commentator',
]);

/** Capitalised words that start sentences or phrases and are never part of a name. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'but', 'or', 'yet', 'so', 'if', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on',
  'to', 'with', 'without', 'after', 'before', 'since', 'until', 'while', 'when', 'where', 'despite', 'during',
  'although', 'though', 'however', 'meanwhile', 'still', 'also', 'then', 'now', 'later', 'earlier', 'this', 'that',
  'these', 'those', 'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their',
  'our', 'my', 'your', 'according', 'asked', 'speaking', 'clearly', 'so', 'all', 'some', 'many', 'most', 'both',
  'each', 'every', 'other', 'such', 'what', 'which', 'who', 'whom', 'whose', 'why', 'how', 'not', 'no', 'yes',
  'continued', 'ongoing', 'recent', 'last', 'next', 'new', 'first', 'second', 'third', 'one', 'two', 'three',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'authorities',
  'tensions', 'talks', 'russia', 'ukraine', 'moscow', 'kyiv', 'kiev', 'washington', 'europe', 'america',
  'capitol', 'downing', 'wall', 'red', 'asked', 'speaking', 'writing', 'reporting', 'editing', 'additional', 'update',
  'breaking', 'live', 'watch', 'read', 'related', 'photo', 'video', 'image', 'key', 'points', 'analysis', 'opinion',
]);

/** Last words of organisation, media and place names: "The New York Times", "Black Sea", "Center for ...". */
const NON_PERSON_HEADS: ReadonlySet<string> = new Set([
  'times', 'post', 'news', 'journal', 'security', 'center', 'centre', 'council', 'office', 'ministry', 'house',
  'sea', 'ocean', 'union', 'nations', 'department', 'agency', 'bank', 'party', 'forces', 'army', 'navy', 'street',
  'institute', 'university', 'foundation', 'commission', 'committee', 'parliament', 'assembly', 'group', 'fund',
  'organization', 'organisation', 'service', 'services', 'company', 'corporation', 'inc', 'ltd', 'airport',
  'square', 'palace', 'station', 'plant', 'region', 'oblast', 'republic', 'federation', 'kingdom', 'states',
  'court', 'congress', 'senate', 'duma', 'government', 'administration', 'summit', 'channel', 'network', 'press',
  'friends', 'policy', 'affairs', 'media', 'television', 'radio', 'tv', 'online', 'daily', 'weekly', 'review',
  'herald', 'tribune', 'gazette', 'telegraph', 'guardian', 'economist', 'agreement', 'agreements', 'plan', 'war',
  'accords', 'treaty', 'club', 'conference', 'forum', 'peninsula', 'mountains', 'river', 'city', 'county',
]);

/** A capitalised word, a dotted abbreviation ("U.S."), or a hyphenated/apostrophised name. */
// A period stays with a capitalised word only for initials and short titles ("J.", "Mr.", "St."): a
// run never crosses the end of a sentence ("… in Miami. Friedrich Merz said").
const CAP_WORD = String.raw`(?:\p{Lu}\.(?:\p{Lu}\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Prof)\.|\p{Lu}\.(?=\s+\p{Lu})|\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*)`;
const NAME_PARTICLE = String.raw`(?:de|da|van|von|der|den|bin|al|la|le|di|du|dos|del)(?:\s+(?:der|den|de|la|los))?`;
/** A run of capitalised words, possibly joined by lower-case role words ("Kremlin spokesman Dmitry Peskov"). */
const CAP_RUN = new RegExp(
  String.raw`${CAP_WORD}(?:\s+(?:${CAP_WORD}|${NAME_PARTICLE}(?=\s+\p{Lu})|(?:spokesman|spokeswoman|spokesperson|president|minister|chancellor|chief|envoy|negotiator|adviser|advisor|aide|secretary|leader|ambassador|official|senator|governor|commander|general|foreign|deputy|prime|top|senior|former)(?=\s+\p{Lu})))*`,
  'gu',
);

export interface NameMention {
  /** The name as written, without its role ("Dmitry Peskov", "Peskov"). */
  name: string;
  /** The role written in front of it ("Kremlin spokesman"), or null. */
  role: string | null;
  /** Offsets of the whole run (role + name) in the text. */
  start: number;
  end: number;
  /** Offset where the name itself starts. */
  nameStart: number;
}

export function bare(word: string): string {
  return word.toLowerCase().replace(/[’']s$/, '').replace(/\.$/, '');
}

function isRoleWord(word: string): boolean {
  const lower = word.toLowerCase();
  const w = lower.replace(/\.$/, '');
  // "President-elect", "ex-minister", "vice-president": a role word with a prefix or suffix.
  const base = w.replace(/-elect$|-designate$|^ex-|^vice-|^deputy-/, '');
  return ROLE_WORDS.has(lower) || ROLE_WORDS.has(w) || ROLE_WORDS.has(base);
}

/** A nationality adjective not in the list ("Irish", "Austrian", "Japanese"): part of a role when a role word follows. */
function isNationality(word: string): boolean {
  return /^\p{Lu}\p{Ll}+(?:ian|ish|ese|an|i|ch)$/u.test(word);
}

/** An organisation's acronym ("SBU", "IAEA", "OSCE"): part of a role when a role word follows. */
function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,6}$/u.test(word);
}

/** "Hungary’s", "Zelensky’s": a possessive in front of a role belongs to the role ("Hungary’s Foreign Minister"). */
function isPossessive(word: string): boolean {
  return /^\p{Lu}[\p{L}.-]*[’']s$/u.test(word);
}

/** Fold transliteration variants so that Zelensky, Zelenskyy, Zelenskiy and Zelenskii compare equal. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[^a-z\- ]/g, '')
    .replace(/(?:iy|yy|ii|ij|yi|yj|i)$/g, 'y')
    .replace(/(?:iy|yy|ii|ij|yi|yj)(?=[\s-])/g, 'y')
    .replace(/kh/g, 'h')
    .replace(/ie/g, 'ye')
    .replace(/ck/g, 'k')
    .replace(/ff$/, 'v')
    .replace(/w$/, 'v');
}

/** The role, trimmed of leading articles and possessives ("his top negotiator" → "top negotiator"). */
/** Honorifics: they make a lone surname a person ("Mr. Rubio", "Sir Keir") but are not a role. */
export const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof']);

export function cleanRole(words: readonly string[]): string | null {
  const out = words.filter((w) => !HONORIFICS.has(bare(w)));
  while (out.length > 0 && /^(the|a|an|his|her|their|its|and|of|for|to|in|on|at)$/i.test(out[0] ?? '')) out.shift();
  while (out.length > 0 && /^(the|a|an|and|of|for|to|in|on|at)$/i.test(out[out.length - 1] ?? '')) out.pop();
  if (!out.some((w) => ROLE_NOUNS.has(bare(w)))) return null;
  return out.join(' ');
}

/**
 * Person names in a text (quotations should be blanked out first). `known` holds folded surnames of
 * people already named in full, so that a lone "Peskov" is recognised.
 */
export function findNames(text: string, knownBefore: ReadonlySet<string>): NameMention[] {
  const mentions: NameMention[] = [];
  // Surnames named in full earlier in the same text are known from then on.
  const known = new Set(knownBefore);
  for (const m of text.matchAll(CAP_RUN)) {
    const runStart = m.index ?? 0;
    const words: { w: string; start: number }[] = [];
    for (const wm of m[0].matchAll(/\S+/g)) words.push({ w: wm[0], start: runStart + (wm.index ?? 0) });
    // Lower-case role words just before the run belong to the role: "top spokesman Dmitry Peskov".
    const before = text.slice(Math.max(0, runStart - 60), runStart);
    const back = /((?:(?:[\p{L}.’'-]+)\s+)*)$/u.exec(before)?.[1] ?? '';
    const backWords = back.trim() ? back.trim().split(/\s+/) : [];
    let offset = runStart;
    for (let k = backWords.length - 1; k >= 0; k -= 1) {
      const w = backWords[k]!;
      if (!isRoleWord(w) || /^(and|of|for|the|on|to|in|at)$/i.test(w)) break;
      offset = before.lastIndexOf(w, offset - (runStart - before.length) - 1) + (runStart - before.length);
      words.unshift({ w, start: offset });
    }
    // "Al Jazeera’s Dorsa Jabbari", "Volodymyr Zelensky’s adviser Mykhailo Podolyak": the person is
    // after the last possessive; what stands before it is context, not a name.
    const lastPossessive = words.map((x) => isPossessive(x.w)).lastIndexOf(true);
    if (lastPossessive >= 0 && lastPossessive < words.length - 1 && !isRoleWord(words[lastPossessive + 1]!.w)) words.splice(0, lastPossessive + 1);
    else if (lastPossessive >= 0 && lastPossessive < words.length - 1) {
      // A possessive before a role ("Zelensky’s adviser Mykhailo Podolyak") starts the role.
      let k = lastPossessive + 1;
      while (k < words.length && isRoleWord(words[k]!.w)) k += 1;
      if (k < words.length && words.slice(0, lastPossessive).every((x) => !isRoleWord(x.w))) words.splice(0, lastPossessive);
    }
    // Leading function words ("Despite", "The") are not part of anything.
    while (words.length > 0 && FUNCTION_WORDS.has(bare(words[0]!.w)) && !isRoleWord(words[0]!.w)) words.shift();
    // Role words in front of the name.
    let i = 0;
    while (
      i < words.length - 1 &&
      (isRoleWord(words[i]!.w) || ((isPossessive(words[i]!.w) || isAcronym(words[i]!.w) || isNationality(words[i]!.w)) && isRoleWord(words[i + 1]!.w)))
    )
      i += 1;
    if (i === words.length - 1 && isRoleWord(words[i]!.w)) continue;
    let nameWords = words.slice(i);
    const roleWords = words.slice(0, i).map((x) => x.w);
    // A trailing possessive ("Zelensky’s") still names the person.
    nameWords = nameWords.filter((x) => !FUNCTION_WORDS.has(bare(x.w)) || known.has(foldName(x.w)));
    if (nameWords.length === 0 || nameWords.length > 4) continue;
    const last = bare(nameWords[nameWords.length - 1]!.w);
    if (NON_PERSON_HEADS.has(last)) continue;
    if (nameWords.some((x) => isRoleWord(x.w) && !known.has(foldName(x.w)))) continue;
    if (nameWords.some((x) => /^\p{Lu}\.(\p{Lu}\.)+$/u.test(x.w))) continue;
    let lastEnd = nameWords[nameWords.length - 1]!.start + nameWords[nameWords.length - 1]!.w.length;
    // "President Volodymyr Zelensky of Ukraine", "Chancellor Olaf Scholz of Germany": the country
    // belongs to the role, and the mention runs to its end.
    const ofCountry = roleWords.length > 0 ? /^\s+of\s+((?:the\s+)?\p{Lu}[\p{L}’'-]+(?:\s+\p{Lu}[\p{L}’'-]+)?)/u.exec(text.slice(lastEnd, lastEnd + 60)) : null;
    const baseRole = cleanRole(roleWords);
    const role = baseRole ? (ofCountry ? `${baseRole} of ${ofCountry[1]}` : baseRole) : appositiveRole(text.slice(lastEnd, lastEnd + 120));
    if (ofCountry && baseRole) lastEnd += ofCountry[0].length;
    const surname = foldName(nameWords[nameWords.length - 1]!.w);
    const lone = nameWords.length === 1;
    // A lone word is a person only when known, or when a title stands before it ("President Trump", "Mr. Rubio").
    if (lone && !known.has(surname) && !cleanRole(roleWords) && !roleWords.some((w) => HONORIFICS.has(bare(w)))) continue;
    // "United States-brokered", "Trump-backed": a hyphen into lower case makes an adjective, not a name.
    if (nameWords.some((x) => /-\p{Ll}/u.test(x.w))) continue;
    const first = nameWords[0]!;
    const lastWord = nameWords[nameWords.length - 1]!;
    // Middle initials ("Sergey V. Lavrov") are dropped from the name: one person, one name.
    const shown = nameWords.filter((x, k) => !(k > 0 && k < nameWords.length - 1 && /^\p{Lu}\.?$/u.test(x.w)));
    const name = shown.map((x) => x.w.replace(/[’']s$/, '').replace(/\.$/, '')).join(' ');
    if (!lone) known.add(surname);
    mentions.push({
      name,
      role,
      start: words[0]!.start,
      end: Math.max(lastEnd, lastWord.start + lastWord.w.length),
      nameStart: first.start,
    });
  }
  return mentions;
}

/** A role given after the name: "Jim Townsend, senior fellow at the Center for a New American Security, said". */
export function appositiveRole(after: string): string | null {
  const m = /^,\s+((?:the\s+|a\s+|an\s+)?[\p{Ll}\p{Lu}][^,;:“”"()]{2,100}?)(?=,|;|\.(?:\s|$)|$)/u.exec(after);
  if (!m?.[1]) return null;
  const words = m[1].trim().split(/\s+/);
  // The role noun comes early in an appositive ("senior fellow at ..."), never after a verb.
  const head = words.slice(0, 4).map(bare);
  if (!head.some((w) => ROLE_NOUNS.has(w))) return null;
  if (words.some((w) => /^(said|says|told|added|is|was|has|had|who|which)$/i.test(w))) return null;
  return cleanRole(words) ? words.join(' ').replace(/^(the|a|an)\s+/i, '') : null;
}
