/**
 * The built bot as `npm start` runs it (`node dist/src/bot.js`), as a real process with its
 * configuration in the environment, against the fake Discord: it logs in and answers /whosaid;
 * SIGTERM and SIGINT close it cleanly with exit 0; a refused token or a missing variable stops it
 * with one clear line and a non-zero exit.
 *
 * dist/ is built by `npm test` (pretest); when it is missing or older than the sources (e.g. under
 * `npx jest`), beforeAll builds it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const BOT = path.join(ROOT, 'dist', 'src', 'bot.js');
const TOKEN = 'MTA1.fake-process.token-for-tests';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const sources = Math.max(newestSource(path.join(ROOT, 'src')), newestSource(path.join(ROOT, 'commands')));
  if (existsSync(BOT) && statSync(BOT).mtimeMs >= sources) return;
  // Emit only (--noCheck): type errors are the typecheck's business, and unfinished files elsewhere must not stop this test.
  spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(BOT)) throw new Error(`could not build ${BOT}: run npm run build`);
}

interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let fake: FakeDiscord;
let data: { dir: string; remove: () => Promise<void> };
const running: ChildProcess[] = [];

function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, [BOT], {
    // A folder without .env, and only the variables given: nothing of the developer's own setup leaks in.
    cwd: data.dir,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PARLEY_DATA_DIR: data.dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

function discordEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, ...overrides };
}

/** Lines of stderr that are not pino's JSON log lines. */
function plainLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('{'));
}

async function whenLoggedIn(bot: BotProcess): Promise<void> {
  await fake.waitFor(() => bot.stderr().includes('"msg":"logged in to Discord"') || bot.child.exitCode !== null, 20000, 'the bot process to log in');
  if (bot.child.exitCode !== null) throw new Error(`the bot exited with ${bot.child.exitCode}:\n${bot.stderr()}`);
}

beforeAll(async () => {
  buildIfStale();
  fake = await startFakeDiscord({ token: TOKEN });
  data = await tempDir();
}, 180_000);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
  await data?.remove();
});

describe('node dist/src/bot.js', () => {
  it('logs in, answers /whosaid "rose-tinted glasses" with Dmitry Peskov, The Moscow Times, 2025-09-12; SIGTERM exits 0', async () => {
    const bot = startBotProcess(discordEnv());
    await whenLoggedIn(bot);
    expect(bot.stderr()).toMatch(/"msg":"corpus loaded in \d+ ms, indexed in \d+ ms"/);

    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose-tinted glasses' } });
    const message = await ix.waitForMessage();
    const embed = message.embeds[0];
    expect(embed?.author?.name).toContain('Dmitry Peskov');
    expect(embed?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'The Moscow Times' }), expect.objectContaining({ value: '2025-09-12' })]));
    expect(embed?.url).toContain('themoscowtimes.com');

    bot.child.kill('SIGTERM');
    expect(await bot.exit).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toContain('"msg":"stopped"');
    expect(bot.stderr()).not.toContain('kept the process alive');
    expect(bot.stderr()).not.toContain(TOKEN);
    expect(bot.stdout()).toBe('');
    // The database was closed cleanly (SQLite removes its WAL file on the last close).
    expect(existsSync(path.join(data.dir, 'parley.db-wal'))).toBe(false);
    await fake.waitFor(() => fake.gatewayStatus().connections === 0, 3000, 'the gateway connection to close');
  });

  it('SIGINT exits 0 too', async () => {
    const bot = startBotProcess(discordEnv());
    await whenLoggedIn(bot);
    bot.child.kill('SIGINT');
    expect(await bot.exit).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toContain('"signal":"SIGINT"');
  });

  it('a token Discord refuses (401): one line that says how to fix it, exit 1', async () => {
    const bot = startBotProcess(discordEnv({ DISCORD_TOKEN: 'MTA1.refused.token' }));
    const { code } = await bot.exit;
    expect(code).toBe(1);
    expect(plainLines(bot.stderr())).toEqual([
      'parley: DISCORD_TOKEN was refused by Discord (401): reset it at https://discord.com/developers/applications → your application → Bot → Reset Token, and put the new token in .env',
    ]);
    expect(bot.stderr()).not.toContain('MTA1.refused.token');
  });

  it('a missing variable: one line naming it, exit 1, before anything else', async () => {
    const bot = startBotProcess(discordEnv({ DISCORD_TOKEN: '' }));
    expect((await bot.exit).code).toBe(1);
    expect(bot.stderr()).toMatch(/^parley: DISCORD_TOKEN is not set: create a bot at https:\/\/discord\.com\/developers\/applications.*\n$/);
  });
});
