import { ArticleAttributor } from '../../src/quotes/attribute';
import { buildCorpus } from '../../src/corpus/process';
import type { Article } from '../../src/corpus/types';
import { makeArticle } from '../support/corpus';

/** Attribute the quotes of paragraphs (one article), returning [quote, speaker name | null]. */
function attribute(...paragraphs: string[]): [string, string | null][] {
  return new ArticleAttributor().attribute(paragraphs).map((q) => [q.text, q.speaker?.name ?? null]);
}

function speakerOf(quoteStart: string, ...paragraphs: string[]): string | null | undefined {
  const found = attribute(...paragraphs).find(([q]) => q.startsWith(quoteStart));
  return found ? found[1] : undefined;
}

describe('quote attribution', () => {
  describe('a name with a speech verb, in either order', () => {
    it('attributes “…,” Name said to the name', () => {
      expect(speakerOf('We will not', 'Foreign Minister Andrii Sybiha spoke in Kyiv.', '“We will not trade land for peace,” Sybiha said.')).toBe('Andrii Sybiha');
    });
    it('attributes “…,” said Name (verb first) to the name', () => {
      expect(speakerOf('The ball is', '“The ball is in Moscow’s court,” said Secretary of State Marco Rubio.')).toBe('Marco Rubio');
    });
    it('attributes a quote followed by "Name told reporters" to the name', () => {
      expect(speakerOf('Nothing has', '“Nothing has been agreed,” NATO Secretary General Mark Rutte told reporters in Brussels.')).toBe('Mark Rutte');
    });
    it('attributes a quote after "according to Name," to the name', () => {
      expect(speakerOf('The talks', 'According to envoy Keith Kellogg, “The talks are moving in the right direction.”')).toBe('Keith Kellogg');
    });
    it('attributes a quote after "Name was quoted as saying" to the name', () => {
      expect(speakerOf('We are ready', 'Deputy Foreign Minister Sergei Ryabkov was quoted as saying that “We are ready to continue the dialogue.”')).toBe('Sergei Ryabkov');
    });
    it('attributes a quote introduced by "Name said:" to the name', () => {
      expect(speakerOf('There can be', 'Polish Prime Minister Donald Tusk said: “There can be no peace without Ukraine at the table.”')).toBe('Donald Tusk');
    });
    it('attributes a quote whose said-clause follows a question mark to the name', () => {
      expect(speakerOf('Who would', 'Hungarian Prime Minister Viktor Orban arrived late.', '“Who would sign such a deal?” Orban asked.')).toBe('Viktor Orban');
    });
  });

  describe('a title alone', () => {
    it('resolves "the Kremlin spokesman" to the person the article named with that title', () => {
      expect(
        speakerOf('There is no', 'Kremlin spokesman Dmitry Peskov spoke on Monday.', 'Ukrainian President Volodymyr Zelensky was in Berlin.', '“There is no date yet,” the Kremlin spokesman said.'),
      ).toBe('Dmitry Peskov');
    });
    it('resolves "the American president" to the U.S. president, not another president', () => {
      expect(
        speakerOf('We are close', 'U.S. President Donald Trump met Ukrainian President Volodymyr Zelensky.', '“We are close,” the American president said.'),
      ).toBe('Donald Trump');
    });
    it('resolves "the Ukrainian leader" to the Ukrainian president', () => {
      expect(
        speakerOf('Ukraine will', 'U.S. President Donald Trump met Ukrainian President Volodymyr Zelenskyy in Paris.', '“Ukraine will not give up its land,” the Ukrainian leader said.'),
      ).toBe('Volodymyr Zelenskyy');
    });
    it('keeps no speaker when a title matches nobody the article named', () => {
      expect(speakerOf('It is early', 'Talks resumed in Geneva.', '“It is early days,” the French foreign minister said.')).toBeNull();
    });
  });

  describe('pronouns', () => {
    it('resolves "he said" to the speaker in focus, not to the last name seen', () => {
      expect(
        speakerOf(
          'The general',
          '“Who do we negotiate with?” Kremlin spokesman Dmitry Peskov told reporters, pointing to a decree signed by Ukrainian President Volodymyr Zelensky.',
          '“The general approach is positive,” he said.',
        ),
      ).toBe('Dmitry Peskov');
    });
    it('resolves "He continued, “…”" to the previous speaker', () => {
      expect(
        speakerOf('Europe must', 'European Commission President Ursula von der Leyen spoke in Strasbourg.', '“We stand with Ukraine,” von der Leyen said.', 'She continued, “Europe must pay for its own security.”'),
      ).toBe('Ursula von der Leyen');
    });
  });

  describe('split, continued and partial quotations', () => {
    it('joins a quote split around a said-clause into one quotation with one speaker', () => {
      const quotes = attribute('Finnish President Alexander Stubb spoke at the summit.', '“A ceasefire must come first,” Stubb said, “and then we talk about borders.”');
      expect(quotes).toHaveLength(1);
      expect(quotes[0]![0]).toContain('A ceasefire must come first');
      expect(quotes[0]![0]).toContain('and then we talk about borders');
      expect(quotes[0]![1]).toBe('Alexander Stubb');
    });
    it('attributes a second quotation in the same paragraph, without its own clause, to the same speaker', () => {
      expect(speakerOf('It is simple', '“We will see,” British Prime Minister Keir Starmer said. “It is simple: Russia must stop.”')).toBe('Keir Starmer');
    });
    it('treats a quote running over paragraphs that reopen with a mark as one quotation', () => {
      const quotes = attribute('German Chancellor Friedrich Merz told parliament:', '“We will support Ukraine for as long as it takes.', '“And we will not decide over its head.”');
      expect(quotes).toHaveLength(1);
      expect(quotes[0]![0]).toContain('over its head');
      expect(quotes[0]![1]).toBe('Friedrich Merz');
    });
    it('attributes a partial quote inside paraphrase to the subject of its verb', () => {
      expect(speakerOf('constructive', 'Russian Foreign Minister Sergei Lavrov called the meeting “constructive” and left.')).toBe('Sergei Lavrov');
    });
    it('attributes a partial quote in a subordinate clause to that clause’s subject', () => {
      expect(
        speakerOf(
          'unacceptable',
          '“That is our position,” Kremlin spokesman Dmitry Peskov said, recalling a statement in which French President Emmanuel Macron called the plan “unacceptable.”',
        ),
      ).toBe('Emmanuel Macron');
    });
  });

  describe('subjects with something between them and the verb', () => {
    it('looks past an appositive clause between commas to the subject', () => {
      expect(speakerOf('a basis', 'The French president, Emmanuel Macron, who hosted the talks on Monday, said the draft was “a basis for work”.')).toBe('Emmanuel Macron');
    });
    it('looks past a parenthesis between dashes to the subject', () => {
      expect(
        speakerOf('ready', 'Ukrainian President Volodymyr Zelenskyy, asked in Kyiv whether he would hold elections — a demand Trump has made — said he was “ready” to do so.'),
      ).toBe('Volodymyr Zelenskyy');
    });
    it('gives a participle ("…, writing that") the subject of its sentence', () => {
      expect(
        speakerOf('the dialogue', 'Kirill Dmitriev, head of the Russian Direct Investment Fund, struck an upbeat tone, writing that “the dialogue is constructive.”'),
      ).toBe('Kirill Dmitriev');
    });
    it('does not take a name in a leading "Asked whether …" clause as the subject', () => {
      expect(
        speakerOf('Not yet', 'U.S. President Donald Trump spoke briefly.', 'Asked whether Russian President Vladimir Putin had agreed to a ceasefire, he replied, “Not yet. But he wants to end it.”'),
      ).toBe('Donald Trump');
    });
    it('names the person after a possessive outlet ("Al Jazeera’s Dorsa Jabbari")', () => {
      expect(speakerOf('The Russians', '“The Russians are saying they are ready to talk,” Al Jazeera’s Dorsa Jabbari said from Moscow.')).toBe('Dorsa Jabbari');
    });
    it('resolves "she said" past a man named in between, by gender', () => {
      expect(
        speakerOf(
          'We will keep',
          'EU foreign policy chief Kaja Kallas met Ukrainian Foreign Minister Andrii Sybiha in Brussels.',
          '“We will keep the pressure on,” she said.',
        ),
      ).toBe('Kaja Kallas');
    });
    it('resolves an epithet ("the 79-year-old replied:") to the person in focus', () => {
      expect(speakerOf('I am not happy', 'US President Donald Trump also weighed in. Asked about Putin, the 79-year-old replied: “I am not happy with him.”')).toBe('Donald Trump');
    });
  });

  describe('clauses that close the sentence and institutions', () => {
    it('attributes a partial quote to a said-clause that closes the sentence', () => {
      expect(speakerOf('the next steps', 'Lavrov and Rubio discussed “the next steps” by phone, the Russian Foreign Ministry said in a statement.')).toBe('Foreign Ministry');
    });
    it('attributes to an institution as subject ("Downing Street said")', () => {
      expect(speakerOf('maximum pressure', 'Downing Street said the leaders had agreed to keep “maximum pressure” on Moscow.')).toBe('Downing Street');
    });
    it('reads a label before a quotation in straight single quotes', () => {
      expect(speakerOf('Nothing to celebrate', "Kremlin: 'Nothing to celebrate yet'")).toBe('Kremlin');
    });
    it('prefers the role that shares the description’s words when two people fit', () => {
      expect(
        speakerOf(
          'There is no point',
          'Kremlin spokesman Dmitry Peskov and Foreign Ministry spokeswoman Maria Zakharova both spoke on Friday.',
          '“There is no point in speculating,” the Kremlin spokesman added.',
        ),
      ).toBe('Dmitry Peskov');
    });
  });

  describe('no guess', () => {
    it('keeps no speaker for a quote with no attribution at all', () => {
      expect(speakerOf('peace through', 'The slogan “peace through strength” was everywhere in the city.')).toBeNull();
    });
    it('keeps no speaker for hearsay ("was said to have")', () => {
      expect(speakerOf('neutral status', 'President Vladimir Putin was said to have accepted Ukraine’s “neutral status” in private.')).toBeNull();
    });
    it('keeps no speaker when anonymous sources are the subject', () => {
      expect(speakerOf('put out', 'A report cited two anonymous sources as saying that Putin had “put out feelers” to Washington.')).toBeNull();
    });
  });

  describe('straight quotes', () => {
    it('attributes straight-quoted speech the same way', () => {
      expect(speakerOf('We are ready', 'Turkish President Recep Tayyip Erdogan hosted the delegations.', '"We are ready to host the next round," Erdogan said.')).toBe('Recep Tayyip Erdogan');
    });
  });
});

describe('canonical speakers across articles', () => {
  const article = (id: string, body: string): Article => makeArticle(id, body);

  it('makes "Kremlin spokesman Dmitry Peskov", "top spokesman Dmitry Peskov" and "Peskov" one speaker', () => {
    const corpus = buildCorpus([
      article('a', '“No comment on that today,” Kremlin spokesman Dmitry Peskov told reporters on Monday.'),
      article('b', '“The talks have stalled for now,” top spokesman Dmitry Peskov said on Friday afternoon.'),
      article('c', '“We will see what happens next week,” Peskov said during his daily briefing.'),
    ]);
    const ids = new Set(corpus.articles.flatMap((a) => a.quotes.map((q) => q.speaker?.id)));
    expect(ids).toEqual(new Set(['dmitry-peskov']));
    // The role each article gave is kept on its quote.
    expect(corpus.articles[1]!.quotes[0]!.speaker?.role).toBe('top spokesman');
  });

  it('makes Zelensky, Zelenskyy and Zelenskiy one speaker', () => {
    const corpus = buildCorpus([
      article('a', '“Ukraine wants a just peace for all of us,” Ukrainian President Volodymyr Zelensky said on Monday.'),
      article('b', '“We need air defense systems right now,” Volodymyr Zelenskyy said in his nightly address.'),
      article('c', '“The front line is holding for the moment,” President Volodymyr Zelenskiy said during a visit.'),
    ]);
    const speakers = corpus.articles.flatMap((a) => a.quotes.map((q) => q.speaker?.id));
    expect(new Set(speakers).size).toBe(1);
    const zelensky = corpus.speakers.find((s) => s.id === speakers[0]);
    expect(zelensky?.aliases).toEqual(expect.arrayContaining(['Volodymyr Zelensky', 'Volodymyr Zelenskyy', 'Volodymyr Zelenskiy']));
  });
});
