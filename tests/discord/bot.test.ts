/**
 * The bot end to end (startBot: the same wiring as `npm start`) against the fake Discord: log-in
 * to READY, start-up logs, failures in handlers, a rate-limited reply, a gateway reconnect.
 */
import { ApplicationCommandOptionType, GatewayIntentBits, GatewayOpcodes, MessageFlags, type APIMessage } from 'discord.js';
import { commands } from '../../commands';
import type { Command } from '../../src/discord/command';
import { UserError } from '../../src/errors';
import { startFakeDiscord, type FakeDiscord } from '../support/fakeDiscord';
import { startTestBot, type TestBot, isEphemeral } from './helpers';

/** Commands that fail on purpose, besides the real ones. */
const boom: Command = {
  data: { name: 'boom', description: 'Throws', options: [{ type: ApplicationCommandOptionType.String, name: 'what', description: 'x', autocomplete: true }] },
  async execute() {
    throw new Error('kaboom in a handler');
  },
  async autocomplete() {
    throw new Error('kaboom in autocomplete');
  },
};
const slowBoom: Command = {
  data: { name: 'slowboom', description: 'Defers, then throws', options: [] },
  async execute(interaction) {
    await interaction.deferReply();
    throw new Error('kaboom after deferring');
  },
};
const picky: Command = {
  data: { name: 'picky', description: 'Throws a UserError after replying', options: [] },
  async execute(interaction) {
    await interaction.reply({ content: 'first part', allowedMentions: { parse: [] } });
    throw new UserError('the second part needs a date');
  },
};

let fake: FakeDiscord;
let t: TestBot;

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 1000 });
  t = await startTestBot(fake, [...commands, boom, slowBoom, picky]);
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
});


async function askRoseTinted(): Promise<APIMessage> {
  const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose-tinted glasses' } });
  return ix.waitForMessage();
}

function expectRoseTinted(message: APIMessage): void {
  const embed = message.embeds[0];
  expect(embed?.author?.name).toContain('Dmitry Peskov');
  expect(embed?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'The Moscow Times' }), expect.objectContaining({ value: '2025-09-12' })]));
}

describe('bot', () => {
  it('logs in with intent Guilds only, becomes ready, and logs how long loading took', async () => {
    expect(t.bot.client.isReady()).toBe(true);
    expect(t.bot.client.user.id).toBe(fake.applicationId);
    const identify = fake.gatewayPayloads().find((p) => p.op === GatewayOpcodes.Identify);
    expect(identify?.d).toMatchObject({ intents: GatewayIntentBits.Guilds });

    const records = t.log.records();
    const loaded = records.find((r) => r.msg?.startsWith('corpus loaded in'));
    expect(loaded).toMatchObject({ loadMs: expect.any(Number), indexMs: expect.any(Number), articles: expect.any(Number), quotes: expect.any(Number) });
    expect(records.find((r) => r.msg === 'logged in to Discord')).toMatchObject({ guilds: 1, invite: expect.stringContaining('scope=bot+applications.commands') });
    // Then the feeds (none configured here) and the digest scheduler start.
    expect(records.find((r) => r.msg === 'no feeds to poll (PARLEY_FEEDS is empty); digests scheduled')).toMatchObject({ feeds: 0, subscriptions: 0 });
    // Commands are never registered at start-up.
    expect(fake.requests().filter((r) => r.route.includes('/commands'))).toEqual([]);
  });

  it('answers /whosaid with a child logger per interaction, and never logs the token', async () => {
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose-tinted glasses' } });
    expectRoseTinted(await ix.waitForMessage());
    expect(t.log.records().find((r) => r.interactionId === ix.id)).toMatchObject({ command: 'whosaid', guildId: fake.guildId });
    expect(t.log.lines.join('\n')).not.toContain(fake.token);
  });

  it('a handler that throws is logged with its stack; the user gets a short apology; the bot keeps answering', async () => {
    const ix = await fake.sendCommand({ name: 'boom' });
    const message = await ix.waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toMatch(/^Sorry, something went wrong on my side/);
    const failure = t.log.records().find((r) => r.interactionId === ix.id && r.level === 50);
    expect(failure?.msg).toBe('interaction handler failed');
    expect(failure?.err?.stack).toContain('kaboom in a handler');
    expect(failure?.err?.stack).toContain('bot.test.ts');

    // Deferred, then thrown: the apology replaces the "thinking…" message.
    const deferred = await fake.sendCommand({ name: 'slowboom' });
    expect((await deferred.waitForMessage()).content).toMatch(/^Sorry, something went wrong/);

    // Replied, then a UserError: it comes as an ephemeral follow-up.
    const picked = await fake.sendCommand({ name: 'picky' });
    const [followUp] = await picked.waitForFollowUps(1);
    expect(followUp?.content).toBe('⚠️ the second part needs a date');
    expect(isEphemeral(followUp!)).toBe(true);
    expect(picked.state().message?.content).toBe('first part');

    // Autocomplete that throws: an empty list, logged.
    const auto = await fake.sendAutocomplete({ name: 'boom', focused: { name: 'what', value: 'x' } });
    expect(await auto.waitForChoices()).toEqual([]);
    expect(t.log.records().some((r) => r.interactionId === auto.id && r.err?.stack?.includes('kaboom in autocomplete'))).toBe(true);

    expect(t.bot.client.isReady()).toBe(true);
    expectRoseTinted(await askRoseTinted());
  });

  it('a command Discord still has but the bot does not know gets an ephemeral explanation', async () => {
    const message = await (await fake.sendCommand({ name: 'retired' })).waitForMessage();
    expect(isEphemeral(message)).toBe(true);
    expect(message.content).toBe('⚠️ /retired is no longer available: ask whoever runs the bot to run "parley deploy-commands" again');
  });

  it('a 429 on the reply route is waited out and the reply still arrives', async () => {
    fake.failNext('POST /interactions/:id/:token/callback', { status: 429, retryAfter: 0.05 });
    const ix = await fake.sendCommand({ name: 'whosaid', options: { query: 'rose-tinted glasses' } });
    expectRoseTinted(await ix.waitForMessage());
    const attempts = fake.requests().filter((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${ix.id}/`));
    expect(attempts.map((r) => r.response?.status)).toEqual([429, 204]);
  });

  it('after a gateway reconnect (op 7) it resumes and commands still work', async () => {
    const identifies = fake.gatewayPayloads().filter((p) => p.op === GatewayOpcodes.Identify).length;
    await fake.requestReconnect();
    expectRoseTinted(await askRoseTinted());
    expect(fake.gatewayPayloads().filter((p) => p.op === GatewayOpcodes.Identify)).toHaveLength(identifies);
    expect(fake.gatewayPayloads().some((p) => p.op === GatewayOpcodes.Resume)).toBe(true);
  });
});
