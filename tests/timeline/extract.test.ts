import { extractEvents, summarize, SUMMARY_LENGTH } from '../../src/timeline/extract';
import { datesOf, doc, mentionsOf } from './helpers';

// Publication days used below: 2025-11-14 is a Friday, 2025-03-05 and 2025-10-01 are Wednesdays,
// 2024-01-26 is a Friday.

describe('extractEvents: the publication', () => {
  it('adds the publication as an event on the publication day, summarised by the headline', () => {
    const [first] = extractEvents(doc('2025-11-14', ['No date here.'], 'x', 'Kremlin Says Talks Are Paused'));
    expect(first).toMatchObject({
      articleId: 'x',
      kind: 'publication',
      date: '2025-11-14',
      precision: 'day',
      summary: 'Kremlin Says Talks Are Paused',
      sentence: -1,
      future: false,
    });
    expect(first?.terms).toEqual(expect.arrayContaining(['kremlin', 'talk']));
  });

  it('keeps the sentence, its index, the date words and the key terms of a mention', () => {
    const [m] = mentionsOf('2025-11-14', 'Putin hosted Trump at a summit in Alaska back in August.');
    expect(m).toMatchObject({
      sentence: 0,
      evidence: 'Putin hosted Trump at a summit in Alaska back in August.',
      matchedText: 'back in August',
      kind: 'mention',
    });
    expect(m?.terms).toEqual(expect.arrayContaining(['putin', 'trump', 'summit', 'alaska']));
  });
});

describe('extractEvents: the days a date can stand for', () => {
  it('cuts the period of a past mention at publication and of a future one before it', () => {
    const [year] = mentionsOf('2025-09-12', 'Delegates, who have met in Istanbul twice this year, had no plans.');
    expect(year).toMatchObject({ date: '2025', earliest: '2025-01-01', latest: '2025-09-12' });
    const [month] = mentionsOf('2025-11-14', 'The deal could be signed later this month.');
    expect(month).toMatchObject({ date: '2025-11', earliest: '2025-11-14', latest: '2025-11-30' });
  });

  it('keeps the span of days "this week" covers', () => {
    const [week] = mentionsOf('2025-09-12', 'Tensions escalated this week after NATO shot down drones.');
    expect(week).toMatchObject({ date: '2025-09', earliest: '2025-09-08', latest: '2025-09-12' });
  });
});

describe('extractEvents: past bias', () => {
  it('resolves a bare weekday to the most recent one on or before publication (past bias)', () => {
    expect(datesOf('2025-03-05', 'Trump told Congress on Tuesday that he received a letter.')).toEqual(['2025-03-04/day']);
    // chrono alone would pick the closest Monday, which is after a Friday publication.
    expect(datesOf('2025-11-14', 'Officials met on Monday in Riyadh.')).toEqual(['2025-11-10/day']);
  });

  it('resolves the weekday of publication to the publication day', () => {
    expect(datesOf('2025-03-05', 'The Kremlin said Wednesday that it welcomes the prospect of talks.')).toEqual(['2025-03-05/day']);
  });

  it('dates a bare weekday adjective: "The Thursday Kremlin statement"', () => {
    expect(datesOf('2025-11-14', 'The Thursday Kremlin statement was the first in a long time.')).toEqual(['2025-11-13/day']);
    expect(datesOf('2024-01-26', "Peskov was quoted in Thursday's report.")).toEqual(['2024-01-25/day']);
  });

  it('resolves a month without a year to the most recent one on or before publication (past bias)', () => {
    expect(datesOf('2024-01-26', 'Putin put out feelers to U.S. officials in December.')).toEqual(['2023-12/month']);
    expect(datesOf('2025-03-05', 'Since taking office in January, he has sought to reset relations.')).toEqual(['2025-01/month']);
  });

  it('resolves a day and month without a year to the most recent one (past bias)', () => {
    expect(datesOf('2025-11-14', 'The ceasefire took effect on Feb. 24.')).toEqual(['2025-02-24/day']);
    expect(datesOf('2025-11-14', 'The talks collapsed on Dec. 5.')).toEqual(['2024-12-05/day']);
  });

  it('keeps a weekday in the future when the sentence says "will meet on Wednesday"', () => {
    expect(datesOf('2025-11-14', 'Putin and Trump will meet on Wednesday in Budapest.')).toEqual(['2025-11-19/day future']);
  });

  it('keeps a date in the future when the sentence says "is due to", "is expected to" or "are scheduled"', () => {
    expect(datesOf('2025-11-14', 'The two leaders are due to meet in Budapest, possibly in December.')).toEqual(['2025-12/month future']);
    expect(datesOf('2025-11-14', 'Witkoff is expected to arrive in Moscow on Monday.')).toEqual(['2025-11-17/day future']);
    expect(datesOf('2025-11-14', 'The talks will resume in January, officials said.')).toEqual(['2026-01/month future']);
  });

  it('dates "in a week" in a future sentence from the publication day', () => {
    expect(datesOf('2025-12-28', 'Talks will resume in a week.')).toEqual(['2026-01-04/day future']);
  });

  it('dates "next month" and "later this month" as future months', () => {
    expect(datesOf('2025-11-14', 'Trump will travel to Moscow next month.')).toEqual(['2025-12/month future']);
    expect(datesOf('2025-11-14', 'The deal could be signed later this month.')).toEqual(['2025-11/month future']);
  });

  it('keeps a date that follows a past verb in the past when a later clause speaks of the future', () => {
    expect(datesOf('2025-11-14', 'Putin said on Tuesday he would meet Trump on Thursday.')).toEqual([
      '2025-11-11/day',
      '2025-11-20/day future',
    ]);
    expect(datesOf('2025-11-14', 'Peskov said on Thursday that Putin will meet Trump soon.')).toEqual(['2025-11-13/day']);
  });

  it('keeps a date of a past relative clause in the past inside a future sentence', () => {
    expect(datesOf('2025-11-14', 'Trump, who met Putin in Alaska in August, will travel to Moscow next month.')).toEqual([
      '2025-08/month',
      '2025-12/month future',
    ]);
  });
});

describe('extractEvents: dates relative to publication', () => {
  it('resolves "yesterday", "last month", "last year" and "two weeks ago"', () => {
    expect(datesOf('2025-11-14', 'Zelensky spoke to Trump yesterday.')).toEqual(['2025-11-13/day']);
    expect(datesOf('2025-09-12', 'Trump hosted Putin at a summit in Alaska last month.')).toEqual(['2025-08/month']);
    expect(datesOf('2025-11-14', 'Last year, talks in Istanbul failed.')).toEqual(['2024/year']);
    expect(datesOf('2025-11-14', 'Two weeks ago, Ukraine struck a refinery.')).toEqual(['2025-10-31/day']);
  });

  it('dates "this month" and "this year" at their own precision', () => {
    expect(datesOf('2025-09-12', 'A coalition announced this month that it would send troops.')).toEqual(['2025-09/month']);
    expect(datesOf('2025-09-12', 'Delegates, who have met in Istanbul twice this year, had no plans.')).toEqual(['2025/year']);
  });
});

describe('extractEvents: precision', () => {
  it('gives "back in August" month precision', () => {
    expect(datesOf('2025-11-14', 'The talks stalled after the summit in Alaska back in August.')).toEqual(['2025-08/month']);
  });

  it('gives "mid-October" month precision', () => {
    const [m] = mentionsOf('2025-11-14', 'Since a mid-October phone call with Putin, the meeting has stalled.');
    expect(m).toMatchObject({ date: '2025-10', precision: 'month', matchedText: 'mid-October' });
  });

  it('gives "in early September" and "the end of September" month precision, not a day', () => {
    expect(datesOf('2025-09-12', 'During a visit to China in early September, Putin warned Kyiv.')).toEqual(['2025-09/month']);
    expect(datesOf('2025-11-14', 'The summit took place at the end of September.')).toEqual(['2025-09/month']);
  });

  it('gives "September 2022" month precision', () => {
    expect(datesOf('2025-03-05', 'Peskov pointed to a September 2022 decree by Zelensky.')).toEqual(['2022-09/month']);
  });

  it('gives "October 20" and "Feb. 24, 2022" day precision', () => {
    expect(datesOf('2025-11-14', 'Lavrov spoke with Rubio on October 20.')).toEqual(['2025-10-20/day']);
    expect(datesOf('2025-11-14', 'Russia invaded on Feb. 24, 2022, after months of build-up.')).toEqual(['2022-02-24/day']);
  });

  it('gives a year alone year precision: "in 2015", "since 2014", "in late 2023", "the 2022 invasion"', () => {
    expect(datesOf('2025-11-14', 'The accords were signed in 2015.')).toEqual(['2015/year']);
    expect(datesOf('2025-11-14', 'Since 2014, fighting has raged in the Donbas.')).toEqual(['2014/year']);
    expect(datesOf('2025-11-14', 'The sanctions were imposed in late 2023.')).toEqual(['2023/year']);
    expect(datesOf('2025-11-14', 'The 2022 invasion changed Europe.')).toEqual(['2022/year']);
  });

  it('gives a season only its year: "the summer of 2023", "this summer", "last autumn"', () => {
    expect(datesOf('2025-11-26', 'The offensive began in the summer of 2023.')).toEqual(['2023/year']);
    expect(datesOf('2025-11-26', 'Russia made gains this summer.')).toEqual(['2025/year']);
    // Late November is still autumn: the last autumn that has ended is 2024's.
    expect(datesOf('2025-11-26', 'The sanctions were imposed last autumn.')).toEqual(['2024/year']);
  });

  it('gives "earlier this year" year precision', () => {
    expect(datesOf('2025-11-14', 'He spoke earlier this year about the deal.')).toEqual(['2025/year']);
  });

  it('gives "this week" the month of the days it covers, not a day', () => {
    // Friday 2025-09-12: Monday 8 to Friday 12 September.
    expect(datesOf('2025-09-12', 'Tensions escalated this week after NATO shot down drones.')).toEqual(['2025-09/month']);
  });

  it('gives "this week" only the year when the week so far spans two months', () => {
    // Wednesday 2025-10-01: Monday 29 September to Wednesday 1 October.
    expect(datesOf('2025-10-01', 'Tensions escalated this week after NATO shot down drones.')).toEqual(['2025/year']);
  });

  it('gives "last week" the month of the Monday-to-Sunday before the publication week', () => {
    expect(datesOf('2025-11-14', 'Officials met last week in Riyadh.')).toEqual(['2025-11/month']);
    // Tuesday 2025-12-02: the week before ran from 24 to 30 November.
    expect(datesOf('2025-12-02', 'Officials met last week in Riyadh.')).toEqual(['2025-11/month']);
  });

  it('gives "this week" in a future sentence the rest of the week, marked future', () => {
    expect(datesOf('2025-11-26', 'Zelensky will travel to Washington this week.')).toEqual(['2025-11/month future']);
  });

  it('gives "over the weekend" the month of the weekend before publication', () => {
    // Monday 2025-12-01: the weekend was 29-30 November.
    expect(datesOf('2025-12-01', 'Russia launched drones over the weekend.')).toEqual(['2025-11/month']);
  });
});

describe('extractEvents: dates counted from another event', () => {
  it('dates "the day before" from the last day told', () => {
    expect(
      datesOf(
        '2024-01-26',
        'The Kremlin on Friday denied reports that Putin is probing for talks.',
        'A Bloomberg report published the day before cited two sources.',
      ),
    ).toEqual(['2024-01-26/day', '2024-01-25/day']);
  });

  it('dates "Later that month" from the last month told', () => {
    expect(
      datesOf('2024-01-26', 'The New York Times reported in December that Putin might change his mind.', 'Later that month, Nikkei reported a different story.'),
    ).toEqual(['2023-12/month', '2023-12/month']);
  });

  it('dates "Earlier in the day" on the last day told', () => {
    expect(
      datesOf('2025-12-02', 'Putin met Witkoff at the Kremlin on Tuesday for talks on a plan to end the war.', 'Earlier in the day, Putin accused Europe.'),
    ).toEqual(['2025-12-02/day', '2025-12-02/day']);
  });

  it('dates the object of "a day after" a day before the date of the sentence', () => {
    expect(datesOf('2025-11-14', "Putin met Witkoff on Tuesday, a day after Ukraine's drone attack.")).toEqual([
      '2025-11-11/day',
      '2025-11-10/day',
    ]);
  });

  it('counts "two days later" from the main event, not from the object of "a day after"', () => {
    expect(
      datesOf('2025-11-14', "Putin met Witkoff on Tuesday, a day after Ukraine's drone attack.", 'The talks collapsed two days later.'),
    ).toEqual(['2025-11-11/day', '2025-11-10/day', '2025-11-13/day']);
  });
});

describe('extractEvents: not events', () => {
  it('does not date "after five years in office"', () => {
    expect(datesOf('2025-03-05', 'His mandate expired in May 2024 after five years in office.')).toEqual(['2024-05/month']);
  });

  it('does not date durations: "for 16 hours", "would last five years", "over the past year", "within 100 days"', () => {
    expect(datesOf('2025-11-14', 'The negotiators talked for 16 hours.')).toEqual([]);
    expect(datesOf('2025-11-14', 'Putin said the invasion would last five years.')).toEqual([]);
    expect(datesOf('2025-11-14', 'The economy has shrunk over the past year.')).toEqual([]);
    expect(datesOf('2025-11-14', 'The plan calls for elections within 100 days.')).toEqual([]);
  });

  it('does not date ages: "a four-year war", "the nearly four-year conflict", "for over 30 years"', () => {
    expect(datesOf('2025-11-14', 'It was a four-year war.')).toEqual([]);
    expect(datesOf('2025-11-14', 'Trump wants to end the nearly four-year conflict.')).toEqual([]);
    expect(datesOf('2025-11-14', 'The Moscow Times, an independent news source for over 30 years, was labeled.')).toEqual([]);
  });

  it('does not date numbers: "a 28-point plan", "13 others", "2,000 troops"', () => {
    expect(datesOf('2025-11-26', 'Trump promoted a 28-point plan and 13 others were injured.')).toEqual([]);
    expect(datesOf('2025-11-26', 'About 2,000 troops were deployed.')).toEqual([]);
  });

  it('does not date a time of day alone: "at 10 a.m."', () => {
    expect(datesOf('2025-11-14', 'The strike happened at 10 a.m. local time.')).toEqual([]);
  });

  it('does not date years used as names: "Euro 2024", "Resolution 2202", "the 1990s"', () => {
    expect(datesOf('2025-11-14', 'Euro 2024 was held in Germany.')).toEqual([]);
    expect(datesOf('2025-11-14', 'UN Security Council Resolution 2202 endorsed the Minsk agreements.')).toEqual([]);
    expect(datesOf('2025-11-14', 'In the 1990s, Russia was weak.')).toEqual([]);
  });

  it('does not date recurrences: "every Friday"', () => {
    expect(datesOf('2025-11-14', 'You will receive it in your mailbox every Friday.')).toEqual([]);
  });

  it('does not read lower-case words as months or weekdays: "march", "may", "sun"', () => {
    expect(datesOf('2025-11-14', 'Thousands march in Kyiv as Russia may launch a new offensive under the sun.')).toEqual([]);
  });

  it('does not date a part of the day alone, a moment or a name: "his evening address", "at the last minute", "India Today"', () => {
    expect(datesOf('2025-12-21', 'Zelensky asked during his evening address.')).toEqual([]);
    expect(datesOf('2025-12-21', 'The document was shared only at the last minute.')).toEqual([]);
    expect(datesOf('2025-12-04', 'Putin spoke in an interview with India Today.')).toEqual([]);
    expect(datesOf('2025-12-04', 'There were 184 clashes over the past day.')).toEqual([]);
  });

  it('does not date a wire dateline: "MOSCOW, Nov 21 (Reuters) -"', () => {
    expect(datesOf('2025-11-21', 'MOSCOW, Nov 21 (Reuters) - The Kremlin said on Friday it had seen the plan.')).toEqual(['2025-11-21/day']);
  });

  it('does not let "now" make a weekday certain: "said on Tuesday, now runs to 20 points"', () => {
    expect(datesOf('2025-12-10', 'The plan, an official said on Tuesday, now runs to 20 points.')).toEqual(['2025-12-09/day']);
  });

  it('does not date "now", "9/11" or "24/7"', () => {
    expect(datesOf('2025-11-14', 'The conflict, now in its fourth year, is not 9/11 and runs 24/7.')).toEqual([]);
  });

  it('does not date a page stamp: "Fri, 11/14/2025 – 23:00"', () => {
    expect(datesOf('2025-11-14', 'Tyler Durden Fri, 11/14/2025 – 23:00')).toEqual([]);
  });

  it('does not date vague spans: "in the coming days", "in recent months"', () => {
    expect(datesOf('2025-11-26', 'Witkoff will go to Moscow in the coming days.')).toEqual([]);
    expect(datesOf('2024-01-26', 'Outlets have in recent months reported an openness to talks.')).toEqual([]);
  });
});

describe('summarize', () => {
  it('keeps a short sentence whole', () => {
    expect(summarize('Talks resumed on Monday.', 14, 23)).toBe('Talks resumed on Monday.');
  });

  it(`cuts a long sentence to about ${SUMMARY_LENGTH} characters around the date words`, () => {
    const long = `${'word '.repeat(60)}met on Tuesday in Riyadh ${'more '.repeat(60)}`.trim();
    const at = long.indexOf('on Tuesday');
    const summary = summarize(long, at, at + 'on Tuesday'.length);
    expect(summary).toContain('on Tuesday');
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_LENGTH + 4);
    expect(summary.startsWith('… ')).toBe(true);
    expect(summary.endsWith(' …')).toBe(true);
  });
});
