/**
 * Vocabulary of the benchmark's generated news: function words with their frequencies in English
 * news (per million words, rounded from published frequency lists), the negotiations' own words,
 * general news words, and a long tail of made-up words so that the term distribution has the Zipf
 * shape of real text (a few words in nearly every sentence, most words rare).
 */

/** Function words and their frequency per million words of news English. */
export const FUNCTION_WORDS: readonly (readonly [string, number])[] = [
  ['the', 60000], ['of', 29000], ['and', 27000], ['to', 26000], ['a', 22000], ['in', 20000], ['that', 11000],
  ['is', 9000], ['for', 8800], ['it', 7800], ['was', 7500], ['on', 7000], ['with', 6500], ['he', 6000], ['as', 5800],
  ['by', 5000], ['at', 4800], ['from', 4500], ['his', 4200], ['an', 3600], ['have', 3500], ['has', 3500],
  ['be', 3400], ['are', 3300], ['not', 3000], ['but', 3000], ['were', 2800], ['they', 2700], ['this', 2700],
  ['which', 2400], ['had', 2400], ['who', 2200], ['will', 2200], ['been', 2000], ['their', 1900], ['would', 1800],
  ['its', 1800], ['or', 1700], ['we', 1600], ['after', 1500], ['more', 1400], ['there', 1300], ['she', 1100],
  ['also', 1200], ['than', 1000], ['can', 1000], ['about', 1000], ['all', 950], ['one', 950], ['when', 900],
  ['if', 900], ['over', 850], ['could', 800], ['no', 800], ['so', 750], ['up', 750], ['her', 700], ['out', 700],
  ['into', 650], ['what', 650], ['i', 650], ['two', 600], ['our', 600], ['other', 550], ['some', 500],
  ['them', 500], ['only', 450], ['any', 400], ['most', 400], ['because', 400], ['before', 380], ['against', 380],
  ['while', 350], ['should', 350], ['during', 330], ['those', 320], ['these', 320], ['under', 300],
  ['between', 300], ['since', 280], ['where', 280], ['just', 280], ['did', 260], ['do', 260], ['may', 250],
  ['how', 250], ['such', 240], ['through', 240], ['us', 240], ['very', 220], ['now', 220], ['still', 200],
  ['even', 200], ['being', 200], ['both', 180], ['each', 170], ['many', 170], ['without', 150], ['however', 150],
  ['then', 140], ['until', 130], ['my', 130], ['me', 130], ['you', 300], ['your', 120], ['him', 400],
  ['here', 100], ['down', 300], ['off', 150], ['too', 100], ['much', 200], ['own', 150], ['same', 120],
  ['again', 130], ['few', 90], ['why', 80], ['whether', 150], ['although', 90], ['though', 100], ['among', 120],
  ['including', 200], ['yet', 80], ['never', 100], ['already', 150], ['across', 120], ['toward', 60],
  ['around', 160], ['within', 110], ['further', 90], ['every', 90], ['another', 130], ['several', 110],
];

/** The negotiations' vocabulary, most frequent first. */
export const DOMAIN_WORDS: readonly string[] = (
  'ukraine russia said peace talks russian ukrainian war president kremlin moscow kyiv ceasefire negotiations ' +
  'military forces security minister foreign deal agreement officials government told meeting sanctions support ' +
  'territory troops attack plan region summit european nato states united washington aid weapons drone strikes ' +
  'putin zelensky trump envoy delegation proposal truce front line occupied territories talks conflict invasion ' +
  'diplomatic diplomacy ministry statement reporters spokesman leader leaders country countries border energy ' +
  'infrastructure missile missiles attacks drones regions donbas crimea donetsk luhansk zaporizhzhia kherson ' +
  'kharkiv istanbul geneva riyadh alaska minsk prisoners exchange guarantees guarantee withdrawal occupation ' +
  'referendum elections election sovereignty neutrality membership alliance allies partners partner assistance ' +
  'defense defence army soldiers civilians casualties humanitarian corridor grain port ports black sea shelling ' +
  'offensive counteroffensive mobilization frontline memorandum framework roadmap settlement resolution ' +
  'mediation mediator mediators negotiator negotiators round rounds ultimatum demands demand concessions ' +
  'compromise recognition annexation sanction tariffs oil gas exports economy economic financial frozen assets ' +
  'reparations reconstruction tribunal justice crimes accountability intelligence ammunition artillery tanks ' +
  'jets aircraft air defense shield coalition willing peacekeepers peacekeeping monitoring mission observers'
).split(/\s+/);

/** General news English, roughly by frequency. */
export const GENERAL_WORDS: readonly string[] = (
  'year people time week new last first day months month years says according state public world former ' +
  'official national political power long next city group including three local high part place news make ' +
  'take made come back well way work good going get see know think want need must says say end early major ' +
  'important clear little likely possible recent days hours four five second third million billion percent ' +
  'report reports reported sources source media press interview comments remarks speech address visit trip ' +
  'call phone conversation letter decision decisions position positions question questions issue issues ' +
  'process progress step steps effort efforts talks approach situation conditions condition terms term level ' +
  'weeks earlier later today yesterday tomorrow morning evening night spring summer autumn winter history ' +
  'future past moment period stage phase point points side sides parties party members member head chief ' +
  'council committee commission union parliament congress senate house white office administration policy ' +
  'policies law laws rights right human life lives family families children women men home homes hospital ' +
  'school schools building buildings water electricity heating power plant plants nuclear station stations ' +
  'control area areas city cities village villages town towns capital centre center north south east west ' +
  'eastern western northern southern central large small big great key main senior top special general ' +
  'strong hard difficult real serious direct open full free fair final short simple able ready willing ' +
  'prepared unable sure certain different similar whole entire single common international global regional ' +
  'domestic foreign internal external military civil legal illegal official unofficial private personal ' +
  'help helped helping meet met meets meeting hold held holds holding agree agreed agrees reach reached ' +
  'reaching discuss discussed discussing accept accepted reject rejected rejects offer offered offers propose ' +
  'proposed send sent sending receive received continue continued continues begin began started start stop ' +
  'stopped end ended ending remain remained remains keep kept give gave given provide provided providing ' +
  'allow allowed include included show showed shown lead led leading bring brought follow followed seek ' +
  'sought try tried trying expect expected expects hope hoped believe believed consider considered call ' +
  'called calls ask asked asks answer answered speak spoke spoken talk talked talking tell told tells ' +
  'write wrote written read announce announced warn warned warns insist insisted claim claimed deny denied ' +
  'confirm confirmed suggest suggested argue argued note noted stress stressed add added describe described ' +
  'raise raised face faced faces push pushed pushing pressure pressured threat threats threaten threatened ' +
  'risk risks chance chances opportunity hope hopes fear fears concern concerns doubt doubts trust interest ' +
  'interests goal goals aim aims idea ideas view views opinion response responses result results reason ' +
  'reasons way ways sense fact facts truth lie lies story stories event events change changes move moves ' +
  'action actions measure measures response signal signals sign signs message messages word words language ' +
  'team teams staff forces unit units people person leader leadership government governments authority ' +
  'authorities agency agencies service services company companies business industry market markets price ' +
  'prices cost costs money budget fund funds funding bank banks trade growth crisis crises damage losses ' +
  'victory defeat battle battles fighting fight fought front fronts position lines line strike struck ' +
  'destroyed destroy killed kill wounded injured dead death deaths fire fires shot shots blast explosion'
).split(/\s+/);

const ONSETS = ['b', 'br', 'c', 'ch', 'cr', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pl', 'pr', 'r', 's', 'sh', 'sk', 'sl', 'st', 't', 'tr', 'v', 'vl', 'w', 'z', 'zh'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'nd', 'st', 'rk', 'm', 'x', 'ck', 'v'];

/** The n-th made-up word of the long tail: pronounceable, deterministic, distinct. */
export function tailWord(n: number): string {
  let x = n + 7;
  let word = '';
  const syllables = 1 + (n % 3 === 0 ? 2 : 1);
  for (let s = 0; s < syllables; s += 1) {
    word += ONSETS[x % ONSETS.length]! + NUCLEI[Math.floor(x / ONSETS.length) % NUCLEI.length]!;
    x = Math.floor(x / (ONSETS.length * NUCLEI.length)) + s * 7919 + n * 31;
    x = (x * 2654435761) >>> 0;
    if (s === syllables - 1) word += CODAS[x % CODAS.length]!;
  }
  return `${word}${n.toString(36).slice(-1)}`.replace(/\d/g, 'q');
}

/** First names and surnames of the generated people (Russian, Ukrainian, American, European). */
export const FIRST_NAMES: readonly string[] = (
  'Dmitry Sergei Vladimir Andrii Oleksandr Volodymyr Mykhailo Yulia Olena Iryna Maria Anna Kaja Ursula ' +
  'Emmanuel Olaf Friedrich Keir Giorgia Donald Marco Steve Keith Jake Antony Lloyd Pete Jens Mark Recep ' +
  'Viktor Robert Kirill Yuri Alexei Nikolai Pavlo Denys Rustem Kyrylo Vadym Taras Oksana Natalia Ivan ' +
  'Boris Mikhail Grigory Valery Tatiana Svetlana Elena Karin Annalena Radoslaw Andrzej Petr Gabrielius ' +
  'Alexander Mette Ulf Jonas Edgars Margus Kristen Hakan Mevlut Wang Narendra Cyril Luiz Mohammed Faisal'
).split(/\s+/);

export const SURNAMES: readonly string[] = (
  'Peskov Lavrov Ushakov Dmitriev Medinsky Zakharova Shoigu Gerasimov Nebenzya Ryabkov Galuzin Grushko ' +
  'Zelensky Yermak Sybiha Umerov Shmyhal Svyrydenko Budanov Kuleba Podolyak Stefanchuk Syrskyi Zaluzhnyi Klitschko ' +
  'Tusk Macron Merz Starmer Meloni Rubio Witkoff Kellogg Sullivan Blinken Austin Hegseth Stoltenberg Rutte ' +
  'Erdogan Fidan Orban Fico Costa Kallas Leyen Borrell Sikorski Duda Pavel Stubb Frederiksen Kristersson ' +
  'Landsbergis Rinkevics Tsahkna Michal Nauseda Vance Waltz Graham Schumer Johnson Kennedy Wicker Coons ' +
  'Volodin Matviyenko Patrushev Kozak Kiriyenko Narishkin Naryshkin Bortnikov Belousov Siluanov Nabiullina ' +
  'Kovalenko Bondarenko Tkachenko Kravchenko Shevchenko Melnyk Boyko Marchenko Lysenko Rudenko Savchenko ' +
  'Petrenko Klymenko Moroz Polishchuk Ivanov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov'
).split(/\s+/);

/** Surnames written several ways in English (the transliteration problem). */
export const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Zelensky: ['Zelensky', 'Zelenskyy', 'Zelenskiy'],
  Syrskyi: ['Syrskyi', 'Syrsky', 'Syrskiy'],
  Zaluzhnyi: ['Zaluzhnyi', 'Zaluzhny'],
  Podolyak: ['Podolyak', 'Podoliak'],
  Klitschko: ['Klitschko', 'Klychko'],
  Shmyhal: ['Shmyhal', 'Shmygal'],
  Kuleba: ['Kuleba'],
};

/** Roles, as news writes them before a name. */
export const ROLES: readonly string[] = [
  'Kremlin spokesman', 'Russian Foreign Minister', 'Ukrainian Foreign Minister', 'Ukrainian President',
  'Russian President', 'U.S. President', 'U.S. Secretary of State', 'U.S. special envoy', 'presidential aide',
  'Kremlin aide', 'German Chancellor', 'French President', 'British Prime Minister', 'Italian Prime Minister',
  'NATO Secretary General', 'EU foreign policy chief', 'Polish Foreign Minister', 'Turkish Foreign Minister',
  'Ukrainian Defense Minister', 'Russian Defense Minister', 'chief negotiator', 'deputy foreign minister',
  'Ukrainian presidential adviser', 'Russian envoy', 'Finnish President', 'Hungarian Prime Minister',
  'senior Ukrainian official', 'Russian deputy foreign minister', 'U.S. national security adviser', 'senator',
];

export const OUTLETS: readonly { name: string; host: string; appeal: string }[] = [
  { name: 'The Moscow Times', host: 'www.themoscowtimes.com', appeal: 'Support The Moscow Times!' },
  { name: 'Kyiv Independent', host: 'kyivindependent.com', appeal: 'Become a member and support independent journalism.' },
  { name: 'Reuters', host: 'www.reuters.com', appeal: 'Sign up for our newsletter' },
  { name: 'Associated Press', host: 'apnews.com', appeal: 'Read more' },
  { name: 'Ukrainska Pravda', host: 'www.pravda.com.ua', appeal: 'Support Ukrainska Pravda!' },
  { name: 'Meduza', host: 'meduza.io', appeal: 'Support Meduza!' },
  { name: 'Al Jazeera', host: 'www.aljazeera.com', appeal: 'Follow us on social media' },
  { name: 'The Guardian', host: 'www.theguardian.com', appeal: 'Sign up to our daily newsletter' },
  { name: 'Euronews', host: 'www.euronews.com', appeal: 'Share this article' },
  { name: 'Novaya Gazeta Europe', host: 'novayagazeta.eu', appeal: 'Support independent journalism: donate' },
  { name: 'Politico Europe', host: 'www.politico.eu', appeal: 'Sign up for our newsletter' },
  { name: 'RFE/RL', host: 'www.rferl.org', appeal: 'Read more' },
  { name: 'Deutsche Welle', host: 'www.dw.com', appeal: 'Follow us' },
  { name: 'Financial Times', host: 'www.ft.com', appeal: 'Subscribe to read more' },
  { name: 'BBC News', host: 'www.bbc.com', appeal: 'Share this article' },
  { name: 'Interfax-Ukraine', host: 'en.interfax.com.ua', appeal: 'Read more' },
];

export const PLACES: readonly string[] = [
  'Kyiv', 'Moscow', 'Washington', 'Istanbul', 'Geneva', 'Riyadh', 'Brussels', 'Berlin', 'Paris', 'London',
  'Warsaw', 'Ankara', 'Budapest', 'Minsk', 'Odesa', 'Kharkiv', 'Donetsk', 'Crimea', 'Zaporizhzhia', 'Anchorage',
];

export const SPEECH_VERBS: readonly string[] = [
  'said', 'said', 'said', 'said', 'told reporters', 'added', 'warned', 'insisted', 'noted', 'stressed', 'argued',
  'claimed', 'explained', 'wrote', 'told journalists', 'declared',
];

export const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
