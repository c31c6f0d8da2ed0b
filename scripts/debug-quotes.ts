import { loadArticles } from '../src/corpus/load';
import { buildCorpus } from '../src/corpus/process';
(async () => {
  const corpus = buildCorpus(await loadArticles(['seeds']));
  for (const a of corpus.articles) {
    console.log('=====', a.article.origin, a.article.published);
    if (process.argv.includes('--paras')) a.paragraphs.forEach((p) => console.log(`  [${p.index}] ${p.sentences.map((s) => s.text).join(' | ')}`));
    for (const q of a.quotes) console.log(`  ${q.partial ? 'P' : 'F'} ${q.speaker ? `${q.speaker.name} (${q.speaker.role})` : 'NULL'} <- ${q.text.slice(0, 70)}`);
  }
  console.log(corpus.speakers.map((s) => `${s.id}: ${s.name} / ${s.role} / ${s.aliases.join(',')}`).join('\n'));
})();
