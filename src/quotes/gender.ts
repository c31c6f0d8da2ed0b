/**
 * Grammatical gender of a person, for resolving "he" and "she": from titles and role words
 * ("Ms", "spokeswoman"), from common first names, and from how the text has already referred to
 * them. Unknown is the default and is compatible with both pronouns.
 */
export type Gender = 'f' | 'm' | null;

const FEMALE_ROLES = /\b(?:ms|mrs|miss|madam|dame|lady|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|duchess|first lady)\b/i;
const MALE_ROLES = /\b(?:mr|sir|lord|spokesman|chairman|congressman|businessman|king|prince|duke)\b/i;

/** Common female first names in news about Europe, Russia, Ukraine and the U.S. (lower case, folded). */
const FEMALE_NAMES: ReadonlySet<string> = new Set(
  `anna anne ann annalena alice alina alla angela angelina antonina barbara beata carla caroline catherine charlotte
  chrystia christiane christine claire daria darya dorsa diana ekaterina elena elina elisabeth elizabeth ella emily
  emma eva evgenia fiona giorgia hanna hannah helen helena hillary ingrid irina iryna ivanka jane janet jennifer
  jessica jill julia julie yulia yuliia kaja kristen kirsten karin kamila jeanne joanna jacinda mairead micheline ilze agnieszka paula gabrielle nathalie catherine amy andrea kamala karen karin karine karoline kate katherine kateryna katya
  kristi kristina kristin laura lesia linda lisa liz liudmyla lyudmila magdalena maia maria mariana marie marine
  marina marta mary melania mette meloni michelle monica nadia nancy natalia nataliya natalya nicola nikki
  oksana olena olga olha patricia rachel roberta ruth samantha sanna sarah sophie susan svetlana tatiana tetiana
  tatyana theresa tulsi ursula valentina valeria vera veronika victoria viktoria yelena yevgenia zuzana`.split(/\s+/),
);

/** Common male first names, so that "she" skips them. */
const MALE_NAMES: ReadonlySet<string> = new Set(
  `abbas alexander alexei alexey aleksandr andrew andrii andriy andrzej anthony antony antonio benjamin boris charles
  daniel david denis denys dmitri dmitriy dmitry dmytro donald edward emmanuel friedrich george gerhard hakan ihor
  igor ilham ivan jake james jd jens jim joe john jonathan joseph keir keith kirill kyriakos larry leonid marco mark
  matthew michael mike mikhail mohammed mykhailo mykola narendra nikolai oleg oleksandr oleksiy olaf pavel pedro pete
  peter petro petr radoslaw ramzan recep richard robert roman rustem ruslan sergei sergey sergiy serhii serhiy
  sebastian stephen steve steven taras thomas tim tom valery vasyl viktor vitaly vitali vladimir volodymyr vyacheslav
  william xi yevgeny yuri yury yuriy zbigniew`.split(/\s+/),
);

export function genderOf(name: string, role: string | null): Gender {
  if (role && FEMALE_ROLES.test(role)) return 'f';
  if (role && MALE_ROLES.test(role)) return 'm';
  const first = name
    .split(/\s+/)[0]
    ?.normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (!first || name.split(/\s+/).length < 2) return null;
  if (FEMALE_NAMES.has(first)) return 'f';
  if (MALE_NAMES.has(first)) return 'm';
  return null;
}

export function pronounGender(pronoun: string): Gender {
  const p = pronoun.toLowerCase();
  if (p === 'she' || p === 'her') return 'f';
  if (p === 'he' || p === 'him' || p === 'his') return 'm';
  return null;
}
