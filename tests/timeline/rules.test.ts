/**
 * The rules added after the held-out evaluation (tests/fixtures/heldout/events.gold.json): one
 * `describe` per rule, named for it. Publication days: 2025-11-20 is a Thursday, 2025-11-19 a
 * Wednesday, 2025-11-22 a Saturday, 2025-11-26 a Wednesday, 2025-05-11 a Sunday, 2025-03-12 a
 * Wednesday, 2025-02-18 a Tuesday, 2025-12-03 a Wednesday, 2025-04-25 a Friday.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEvents } from '../../src/timeline/extract';
import { guardTimeWords, mayHoldDate, newsChrono, parseDates, yearOfMonth } from '../../src/timeline/parser';
import { dateDirection, unquoteShort } from '../../src/timeline/tense';
import { keyNames, keyTerms, keyTermsAndNames } from '../../src/timeline/terms';
import { datesOf, doc } from './helpers';
import { seedDoc, seedFiles } from './seedArticles';

function direction(sentence: string, phrase: string): string {
  const at = sentence.indexOf(phrase);
  if (at < 0) throw new Error(`no "${phrase}" in "${sentence}"`);
  return dateDirection(sentence, at, at + phrase.length);
}

describe('rule: a plan made in the past looks forward from when it was made ("agreed to meet again on December 4")', () => {
  it('dates the plan after publication when nothing dates the plan itself (the reported bug)', () => {
    expect(datesOf('2025-11-20', 'The two sides agreed to meet again on December 4.')).toEqual(['2025-12-04/day future']);
    expect(datesOf('2025-11-20', 'Putin invited Trump to Moscow for talks on December 4.')).toEqual(['2025-12-04/day future']);
    expect(datesOf('2025-11-20', 'Putin proposed holding talks in Istanbul on December 15.')).toEqual(['2025-12-15/day future']);
    expect(datesOf('2025-11-20', 'The meeting has been postponed to December 4.')).toEqual(['2025-12-04/day future']);
  });

  it('counts from the day the sentence gives the plan: "agreed on Monday to meet again on Friday"', () => {
    expect(datesOf('2025-11-26', 'The sides agreed on Monday to meet again on Friday.')).toEqual(['2025-11-24/day', '2025-11-28/day future']);
    expect(datesOf('2025-11-20', 'In March, the sides agreed to meet again in May.')).toEqual(['2025-03/month', '2025-05/month']);
  });

  it('takes the next weekday after a plan: "proposed that delegations resume talks on Thursday"', () => {
    expect(datesOf('2025-05-11', 'Putin proposed that delegations resume “direct negotiations” in Istanbul on Thursday.')).toEqual([
      '2025-05-15/day future',
    ]);
    expect(datesOf('2025-05-11', 'The leaders had demanded a 30-day truce starting Monday.')).toEqual(['2025-05-12/day future']);
  });

  it('keeps "agreed to" with a noun in the past: "agreed to a ceasefire on March 11"', () => {
    expect(datesOf('2025-11-20', 'Russia agreed to a ceasefire on March 11.')).toEqual(['2025-03-11/day']);
  });

  it(`does not reach further ahead than the nearest horizon: "agreed to exchange prisoners on May 16" in November is the May past`, () => {
    expect(datesOf('2025-11-20', 'The sides agreed to exchange prisoners on May 16.')).toEqual(['2025-05-16/day']);
  });

  it('keeps a date written after a verb in the past tense that follows the plan: "agreed to talks that ended on Monday"', () => {
    expect(direction('Kyiv agreed to resume the talks that ended on Monday.', 'on Monday')).toBe('past');
  });
});

describe('rule: a schedule told in the past tense is the nearest date ("were scheduled to take place on Nov. 3")', () => {
  it('dates a schedule that has come and gone, and one still ahead', () => {
    expect(datesOf('2025-11-20', 'The talks, which were scheduled to take place on Nov. 3, were postponed.')).toEqual(['2025-11-03/day']);
    expect(datesOf('2025-11-20', 'Officials said talks, scheduled for December 4, would go ahead.')).toEqual(['2025-12-04/day future']);
    expect(datesOf('2025-11-20', 'Zelensky was expected to arrive in Washington on Friday.')).toEqual(['2025-11-21/day future']);
  });

  it('keeps "The talks, which were scheduled for Monday, collapsed" in the past', () => {
    expect(datesOf('2025-11-20', 'The talks, which were scheduled for Monday, collapsed.')).toEqual(['2025-11-17/day']);
  });
});

describe('rule: a date told in the present tense is the nearest one ("The deadline is November 27")', () => {
  it('dates deadlines and terms told in the present tense', () => {
    expect(datesOf('2025-11-20', 'The deadline is November 27.')).toEqual(['2025-11-27/day future']);
    expect(datesOf('2025-11-20', 'Kyiv has until November 27 to accept the plan.')).toEqual(['2025-11-27/day future']);
    expect(datesOf('2025-11-20', 'The plan calls for elections in March.')).toEqual(['2026-03/month future']);
  });

  it('takes the next weekday after a present-tense verb and "on": "travels to Washington on Monday"', () => {
    expect(datesOf('2025-11-20', 'Zelensky travels to Washington on Monday for talks with Trump.')).toEqual(['2025-11-24/day future']);
    expect(datesOf('2025-02-18', 'Olaf Scholz, who faces a national election on Sunday, said he was irritated.')).toEqual([
      '2025-02-23/day future',
    ]);
  });

  it('keeps the past when the present verb only follows the date, or "since" and "Monday’s" tell a past event', () => {
    expect(datesOf('2025-11-19', 'The strike on Monday is the deadliest this year.')).toEqual(['2025-11-17/day', '2025/year']);
    expect(datesOf('2025-11-20', 'Since December 1, the front has barely moved.')).toEqual(['2024-12-01/day']);
    expect(datesOf('2025-11-20', 'Monday’s meeting is the first since August.')).toEqual(['2025-11-17/day', '2025-08/month']);
  });

  it('reads "has" with a participle as the past: "Ukraine has hit Russian refineries on Sunday"', () => {
    expect(datesOf('2025-11-18', 'Ukraine has hit Russian refineries on Sunday.')).toEqual(['2025-11-16/day']);
  });

  it('does not reach months ahead: "Talks in Istanbul in May and June are the only contacts so far" (in November)', () => {
    expect(datesOf('2025-11-20', 'Talks in Istanbul in May and June are the only direct contacts so far.')).toEqual([
      '2025-05/month',
      '2025-06/month',
    ]);
  });

  it('reads the nearest year forward or back within the horizon', () => {
    const ref = { year: 2025, month: 11, day: 20 };
    expect(yearOfMonth(12, 4, ref, 'nearest')).toBe(2025);
    expect(yearOfMonth(11, 3, ref, 'nearest')).toBe(2025);
    expect(yearOfMonth(1, 15, ref, 'nearest')).toBe(2026);
    expect(yearOfMonth(5, 16, ref, 'nearest')).toBe(2025);
    expect(yearOfMonth(5, null, ref, { after: { year: 2025, month: 3, day: 1 } })).toBe(2025);
  });
});

describe('rule: in a sentence without a verb a month is the nearest one, a weekday stays past', () => {
  it('dates a bullet "Dec. 4: talks in Miami" and a caption "at the talks in Jeddah on Tuesday"', () => {
    expect(datesOf('2025-11-20', 'Dec. 4: talks in Miami.')).toEqual(['2025-12-04/day future']);
    expect(datesOf('2025-03-12', 'Ukrainian and US delegations at the talks in Jeddah on Tuesday.')).toEqual(['2025-03-11/day']);
  });
});

describe('rule: a headline infinitive tells what is planned ("Zelensky and Trump to meet in Florida on Sunday")', () => {
  it('reads a short subject and an infinitive without a finite verb as the future', () => {
    expect(datesOf('2025-11-20', 'Zelensky and Trump to meet in Florida on Sunday.')).toEqual(['2025-11-23/day future']);
  });

  it('does not read an infinitive of purpose after a past verb as the future: "flew to Moscow to meet Putin on Tuesday"', () => {
    expect(datesOf('2025-11-22', 'Witkoff flew to Moscow to meet Putin on Tuesday.')).toEqual(['2025-11-18/day']);
  });

  it('does not read "In a bid to" as a subject', () => {
    expect(datesOf('2025-11-18', 'In a bid to revive talks on Monday, Trump called Putin.')).toEqual(['2025-11-17/day']);
  });
});

describe('rule: plans in the present tense are the future ("agrees to", "promises to", "needs to")', () => {
  it('hears them as the future', () => {
    expect(direction('Russia agrees to resume talks in December.', 'in December')).toBe('future');
    expect(direction('Ukraine needs to respond by Thursday.', 'by Thursday')).toBe('future');
  });
});

describe('rule: short quotations are scare quotes, not clauses', () => {
  it('blanks the marks of a quotation of a few words, keeping every index', () => {
    const text = 'They will resume “direct negotiations” in Istanbul.';
    expect(unquoteShort(text)).toHaveLength(text.length);
    expect(unquoteShort(text)).toContain(' direct negotiations ');
    const long = '“We are not planning to fight Europe,” Putin said.';
    expect(unquoteShort(long)).toBe(long);
  });
});

describe('rule: "the previous week" and "the following week" are the calendar week before or after the last day told', () => {
  it('gives the week the finest precision that holds it', () => {
    expect(datesOf('2025-12-03', 'Umerov met Witkoff on November 30.', 'The previous week, talks were held in Geneva.')).toEqual([
      '2025-11-30/day',
      '2025-11/month',
    ]);
    expect(datesOf('2025-11-20', 'Zelensky met Trump on Friday, October 17.', 'The two spoke again the following week.')).toEqual([
      '2025-10-17/day',
      '2025-10/month',
    ]);
  });

  it('does not date a stretch: "over the next week"', () => {
    expect(datesOf('2025-12-03', 'Talks will resume over the next week.')).toEqual([]);
  });
});

describe('rule: "the day before <something>" in a sentence without a date is not dated from the publication', () => {
  it('gives no date rather than one after publication', () => {
    expect(datesOf('2025-11-20', 'Trump spoke with Putin the day before the summit in Alaska.')).toEqual([]);
  });
});

describe('rule: "a day after he traveled": a clause opened by a pronoun is the object of "after"', () => {
  it('dates the object a day before the date the sentence tells', () => {
    expect(datesOf('2025-05-11', 'Merz spoke on Sunday.', '“Talks can follow,” Merz said, a day after he traveled to Kyiv.')).toEqual([
      '2025-05-11/day',
      '2025-05-10/day',
    ]);
  });
});

describe('rule: a window of days "between 20 and 30 June" has the precision that holds it all', () => {
  it('dates the window by its month, written either way round', () => {
    expect(datesOf('2025-06-02', 'Kyiv proposed holding another meeting between 20 and 30 June.')).toEqual(['2025-06/month future']);
    expect(datesOf('2025-06-02', 'Kyiv proposed holding another meeting between June 20 and 30.')).toEqual(['2025-06/month future']);
  });

  it('still dates a range told with "from … to" by its start', () => {
    expect(datesOf('2025-11-20', 'Talks ran from June 2 to June 4.')).toEqual(['2025-06-02/day']);
  });
});

describe('rule: a part of the year or month ("since the start of the year", "by the end of the month")', () => {
  it('dates it at the year or the month', () => {
    expect(datesOf('2025-04-25', 'This is his fourth visit to Russia since the start of the year.')).toEqual(['2025/year']);
    expect(datesOf('2025-12-03', 'The deal should be done by the end of the month.')).toEqual(['2025-12/month future']);
    expect(datesOf('2025-12-03', 'Prices rose at the end of last year.')).toEqual(['2024/year']);
  });
});

describe('rule: a day followed by a word beginning with "am" is not a time ("on November 28 amid")', () => {
  it('keeps the date chrono would lose', () => {
    expect(datesOf('2025-12-03', 'Yermak resigned on November 28 amid a corruption investigation.')).toEqual(['2025-11-28/day']);
  });

  it('keeps the length of the text', () => {
    const text = 'on November 28 amid';
    expect(guardTimeWords(text)).toBe('on November 28,amid');
    expect(guardTimeWords('at 10 am')).toBe('at 10 am');
  });
});

describe('rule: sentences without date words skip chrono (pre-filter)', () => {
  it('lets through month and weekday names, relative words, years and numeric dates', () => {
    for (const text of ['on Tuesday', 'in MARCH', 'yesterday', 'two weeks ago', 'in 2015', '11/14/2025', 'in 3 hrs', 'this summer', 'later today']) {
      expect(mayHoldDate(text)).toBe(true);
    }
    for (const text of ['The Kremlin said talks were paused.', 'Peskov told reporters: “We will see.”', 'a 28-point plan', 'may march']) {
      expect(mayHoldDate(text)).toBe(false);
    }
  });

  it('loses no date chrono finds in the seeds and the held-out articles, furniture included', () => {
    const lines: { text: string; published: string }[] = [];
    for (const f of seedFiles()) {
      const d = seedDoc(f);
      for (const s of d.sentences) lines.push({ text: s.text, published: d.article.published });
    }
    const heldout = join(__dirname, '..', 'fixtures', 'heldout');
    for (const f of ['01_reuters.md', '07_politico.md', '11_liveblog.md', '12_furniture.md']) {
      for (const line of readFileSync(join(heldout, f), 'utf8').split('\n')) if (line.trim()) lines.push({ text: line, published: '2025-12-01' });
    }
    for (const { text, published } of lines) {
      if (mayHoldDate(text)) continue;
      const found = newsChrono.parse(text, { instant: new Date(`${published}T12:00:00Z`), timezone: 0 }, { forwardDate: false });
      expect({ text, found: found.map((r) => r.text) }).toEqual({ text, found: [] });
      expect(parseDates(text, published)).toEqual([]);
    }
  });

  it('gives the same mentions to a sentence without date words as before: none', () => {
    expect(extractEvents(doc('2025-11-20', ['The Kremlin said talks were paused.'])).filter((m) => m.kind === 'mention')).toEqual([]);
  });
});

describe('keyTermsAndNames', () => {
  it('equals keyTerms and keyNames read separately', () => {
    for (const text of ['Putin met Trump in Alaska in August.', 'Kremlin Says Talks Are Paused', '“Nobody in Brussels saw this,” one EU diplomat said.']) {
      expect(keyTermsAndNames(text)).toEqual({ terms: keyTerms(text), names: keyNames(text) });
    }
  });
});
