import { splitSentences } from '../../src/corpus/sentences';

describe('splitSentences', () => {
  it('does not split after "U.S." inside a sentence', () => {
    expect(splitSentences('U.S. President Donald Trump spoke. He left.')).toEqual(['U.S. President Donald Trump spoke.', 'He left.']);
  });
  it('splits after "U.S." when it ends a sentence and a new one starts', () => {
    expect(splitSentences('The envoy flew to the U.S. The talks resumed.')).toEqual(['The envoy flew to the U.S.', 'The talks resumed.']);
  });
  it('does not split after titles such as "Dr." and "Gen."', () => {
    expect(splitSentences('Dr. Smith met Gen. Syrskyi on Monday. They talked.')).toEqual(['Dr. Smith met Gen. Syrskyi on Monday.', 'They talked.']);
  });
  it('does not split after initials', () => {
    expect(splitSentences('Vice President J. D. Vance arrived. He spoke.')).toEqual(['Vice President J. D. Vance arrived.', 'He spoke.']);
  });
  it('ends a sentence after a quotation that closes with .”', () => {
    expect(splitSentences('He called it “impossible.” The Kremlin disagreed.')).toEqual(['He called it “impossible.”', 'The Kremlin disagreed.']);
  });
  it('keeps “…?” followed by a said-clause in one sentence', () => {
    expect(splitSentences('“Who do we talk to?” Peskov told reporters. Nobody answered.')).toEqual([
      '“Who do we talk to?” Peskov told reporters.',
      'Nobody answered.',
    ]);
  });
  it('keeps “…?” followed by a lower-case said-clause in one sentence', () => {
    expect(splitSentences('“Why now?” he asked. Then he left.')).toEqual(['“Why now?” he asked.', 'Then he left.']);
  });
  it('does not split inside abbreviated months', () => {
    expect(splitSentences('The war began on Feb. 24, 2022. It goes on.')).toEqual(['The war began on Feb. 24, 2022.', 'It goes on.']);
  });
});
