import { clauseAround, speaksOfFuture } from '../../src/timeline/tense';

function future(sentence: string, phrase: string): boolean {
  const at = sentence.indexOf(phrase);
  if (at < 0) throw new Error(`no "${phrase}" in "${sentence}"`);
  return speaksOfFuture(sentence, at, at + phrase.length);
}

describe('speaksOfFuture', () => {
  it('hears "will", "is due to", "are to", "plans to" and "in the coming" as the future', () => {
    expect(future('Putin and Trump will meet on Wednesday.', 'on Wednesday')).toBe(true);
    expect(future('The envoy is due to arrive on Monday.', 'on Monday')).toBe(true);
    expect(future('Delegations are to meet in Istanbul on Monday.', 'on Monday')).toBe(true);
    expect(future('Trump plans to visit Moscow in December.', 'in December')).toBe(true);
  });

  it('does not hear the noun in "a plan to end the war" as the future', () => {
    expect(future('Putin met Witkoff on Tuesday for talks on a U.S. plan to end the war.', 'on Tuesday')).toBe(false);
  });

  it('reads a past sentence as the past', () => {
    expect(future('Putin and Trump met on Wednesday.', 'on Wednesday')).toBe(false);
    expect(future('The talks, which were scheduled for Monday, collapsed.', 'for Monday')).toBe(false);
  });

  it('tells the modal "may" from the month "May"', () => {
    expect(future('The mandate expired in May 2024.', 'May 2024')).toBe(false);
    expect(future('Talks may resume in March.', 'in March')).toBe(true);
    expect(future('Putin may have signaled openness since September.', 'since September')).toBe(false);
  });

  it('lets a clause without a verb borrow the clause before it, or else the one after it', () => {
    expect(future('The leaders are due to meet in Budapest, possibly in December.', 'possibly in December')).toBe(true);
    expect(future('On Friday, Putin will meet Trump.', 'On Friday')).toBe(true);
    expect(clauseAround('On Friday, Putin will meet Trump.', 0, 'On Friday'.length)).toContain('will meet');
  });

  it('keeps a subordinate clause apart: "said on Thursday that Putin will"', () => {
    expect(future('Peskov said on Thursday that Putin will meet Trump.', 'on Thursday')).toBe(false);
    expect(future('Trump, who met Putin in August, will travel to Moscow.', 'in August')).toBe(false);
  });

  it('gives a date right after a past verb to that verb', () => {
    expect(future('Putin said on Tuesday he would meet Trump on Thursday.', 'on Tuesday')).toBe(false);
    expect(future('Putin said on Tuesday he would meet Trump on Thursday.', 'on Thursday')).toBe(true);
    expect(future('Zelensky is scheduled to visit Washington on Friday.', 'on Friday')).toBe(true);
  });
});
