import { cleanBody } from '../../src/corpus/clean';

const prose = (n: number) => `Negotiators met in Geneva on Tuesday for the ${n}th round of talks aimed at ending the war, officials said.`;

describe('cleanBody', () => {
  it('removes the repeated headline, a kicker and a photo caption before the first paragraph', () => {
    const body = ['Support Our Newsroom!', '', 'Talks Resume in Geneva', '', 'Negotiators at the table. Reuters', '', prose(1), prose(2)].join('\n');
    expect(cleanBody(body, 'Talks Resume in Geneva')).toEqual([prose(1), prose(2)]);
  });
  it('removes short non-sentence lines such as buttons and widgets', () => {
    const body = [prose(1), 'Once', 'Monthly', 'Continue', prose(2)].join('\n');
    expect(cleanBody(body, null)).toEqual([prose(1), prose(2)]);
  });
  it('stops at a donation appeal after the article and drops everything after it', () => {
    const body = [
      prose(1),
      prose(2),
      'Dear readers,',
      'We rely on you. Your support, no matter how small, keeps our journalism independent and our reporters in the field.',
      prose(3),
    ].join('\n');
    expect(cleanBody(body, null)).toEqual([prose(1), prose(2)]);
  });
  it('removes a newsletter sign-up block', () => {
    const body = [prose(1), 'Sign up for our free weekly newsletter', 'Our weekly newsletter brings you the news. Subscribers agree to the Privacy Policy'].join('\n');
    expect(cleanBody(body, null)).toEqual([prose(1)]);
  });
  it('removes a comment form and a byline with dateline at the end', () => {
    const body = [prose(1), 'Jane Doe', 'Mon, 03/02/2025 – 10:00', 'Leave a Reply', 'Your email address will not be published.'].join('\n');
    expect(cleanBody(body, null)).toEqual([prose(1)]);
  });
  it('keeps bulleted statements, without their bullet marks', () => {
    const body = [prose(1), '  • EU foreign policy chief Kaja Kallas: “Zero indication” that Russia wants peace.'].join('\n');
    expect(cleanBody(body, null)).toEqual([prose(1), 'EU foreign policy chief Kaja Kallas: “Zero indication” that Russia wants peace.']);
  });
  it('keeps prose that quotes someone speaking as "we"', () => {
    const p = '“We are ready for talks, and we want our security guaranteed,” the minister told reporters in Kyiv on Monday.';
    expect(cleanBody([prose(1), p].join('\n'), null)).toEqual([prose(1), p]);
  });
});
