/** `parley deploy-commands [--guild ID]` against the fake Discord: what gets registered, where, and the failures a person can fix. */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { run } from '../../src/cli';
import { silentLogger } from '../../src/logger';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';

const TOKEN = 'MTA1.fake-deploy.token-for-tests';
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
});

afterAll(async () => {
  await fake?.close();
});

async function parley(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase, ...env },
    logger: silentLogger(),
  });
  return { code, stdout, stderr };
}

describe('parley deploy-commands', () => {
  it('--guild registers /whosaid, /timeline and /digest, with their options, for that server only', async () => {
    const { code, stdout, stderr } = await parley(['deploy-commands', '--guild', fake.guildId]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`Registered /whosaid, /timeline, /digest in server ${fake.guildId}: usable there now.\n`);
    const registered = fake.registeredCommands(fake.guildId);
    expect(registered.map((c) => c.name)).toEqual(['whosaid', 'timeline', 'digest']);
    expect(registered[0]).toMatchObject({
      type: 1,
      guild_id: fake.guildId,
      options: [
        { name: 'query', type: ApplicationCommandOptionType.String, required: true, autocomplete: true },
        { name: 'speaker', type: ApplicationCommandOptionType.String, autocomplete: true },
        { name: 'from', type: ApplicationCommandOptionType.String },
        { name: 'to', type: ApplicationCommandOptionType.String },
      ],
    });
    // /digest: subcommands, Manage Channels by default, servers only.
    expect(registered[2]).toMatchObject({
      default_member_permissions: String(PermissionFlagsBits.ManageChannels),
      contexts: [InteractionContextType.Guild],
      options: ['subscribe', 'unsubscribe', 'status', 'preview'].map((name) => expect.objectContaining({ name, type: ApplicationCommandOptionType.Subcommand })),
    });
    expect(fake.registeredCommands()).toEqual([]);
    const put = fake.requests().find((r) => r.method === 'PUT');
    expect(put?.route).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
  });

  it('without --guild registers globally (even when DISCORD_GUILD_ID is set), and again keeps the ids', async () => {
    const first = await parley(['deploy-commands', '--json'], { DISCORD_GUILD_ID: fake.guildId });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ scope: 'global', names: ['whosaid', 'timeline', 'digest'] });
    const ids = fake.registeredCommands().map((c) => c.id);
    expect(ids).toHaveLength(3);
    expect((await parley(['deploy-commands'])).stdout).toMatch(/^Registered \/whosaid, \/timeline, \/digest globally/);
    expect(fake.registeredCommands().map((c) => c.id)).toEqual(ids);
  });

  it('a refused token: one line that says how to fix it, exit 2, the token never printed', async () => {
    const { code, stdout, stderr } = await parley(['deploy-commands', '--guild', fake.guildId], { DISCORD_TOKEN: 'MTA1.wrong.token' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^parley: DISCORD_TOKEN was refused by Discord \(401\): reset it at https:\/\/discord\.com\/developers\/applications/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('MTA1.wrong.token');
  });

  it('a server the bot is not in: says to invite it', async () => {
    const { code, stderr } = await parley(['deploy-commands', '--guild', '123456789012345678']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^parley: Discord refused access \(403 Missing Access\): check that the bot was invited to server 123456789012345678 with the applications\.commands scope/);
  });

  it('checks its input before calling Discord', async () => {
    const before = fake.requests().length;
    expect((await parley(['deploy-commands', '--guild', 'general'])).stderr).toBe('parley: --guild must be a server id (17 to 20 digits), got "general"\n');
    expect((await parley(['deploy-commands'], { DISCORD_APPLICATION_ID: '' })).stderr).toMatch(/^parley: DISCORD_APPLICATION_ID is not set/);
    expect((await parley(['deploy-commands', 'extra'])).code).toBe(2);
    expect(fake.requests().length).toBe(before);
  });
});
