/**
 * Proves that the REAL discord.js Client (no mocks) can log in to the fake Discord in
 * tests/support/fakeDiscord.ts and exchange interactions with it over real HTTP + WebSocket.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import type { Interaction } from 'discord.js';
import { startFakeDiscord } from '../support/fakeDiscord';
import type { FakeDiscord, RecordedRequest } from '../support/fakeDiscord';

let fake: FakeDiscord;
const clients: Client[] = [];
let handlerErrors: unknown[] = [];

function newClient(): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  clients.push(client);
  return client;
}

async function loginClient(): Promise<Client<true>> {
  const client = newClient();
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  if (!client.isReady()) throw new Error('client not ready');
  return client;
}

/** Registers an interaction handler whose failures fail the test (in afterEach). */
function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<void>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => {
      handlerErrors.push(error);
    });
  });
}

function callbackRequests(interactionId: string): RecordedRequest[] {
  return fake.requests().filter((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`));
}

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 500 });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  const errors = handlerErrors;
  handlerErrors = [];
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await fake.close();
});

describe('fake Discord with the real discord.js Client', () => {
  test('logs in over REST + gateway and becomes ready with the guild cached', async () => {
    const client = await loginClient();

    expect(client.user.id).toBe(fake.applicationId);
    expect(client.user.bot).toBe(true);
    expect(client.application.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.channelId)?.isTextBased()).toBe(true);
    expect(guild?.roles.everyone.id).toBe(fake.guildId);

    const gatewayBot = await fake.waitForRequest((r) => r.route === '/gateway/bot');
    expect(gatewayBot.path).toBe('/api/v10/gateway/bot');
    expect(gatewayBot.headers.authorization).toBe(`Bot ${fake.token}`);
    // Without zlib-sync, @discordjs/ws connects with plain JSON and no transport compression.
    expect(fake.gatewayConnections().at(-1)).toEqual({ v: '10', encoding: 'json' });
    const identify = fake.gatewayPayloads().find((p) => p.op === GatewayOpcodes.Identify);
    expect(identify?.d).toMatchObject({ token: fake.token, intents: GatewayIntentBits.Guilds, compress: false, shard: [0, 1] });

    // Heartbeats are acknowledged (interval 500 ms, first beat after a random jitter).
    await fake.waitFor(() => fake.gatewayPayloads().some((p) => p.op === GatewayOpcodes.Heartbeat), 2000, 'a heartbeat');
    await fake.waitFor(() => client.ws.ping >= 0, 2000, 'a heartbeat ack');
  });

  test('a slash command is received and answered with reply()', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const question = interaction.options.getString('question', true);
      await interaction.reply({
        content: `You asked: ${question} (${interaction.options.getInteger('limit') ?? 'no limit'})`,
        embeds: [new EmbedBuilder().setTitle('Answer').setDescription(`by ${interaction.user.username}`)],
        allowedMentions: { parse: [] },
      });
    });

    const ix = await fake.sendCommand({ name: 'ask', options: { question: 'When did talks start?', limit: 3 } });
    const message = await ix.waitForMessage();

    expect(message.content).toBe('You asked: When did talks start? (3)');
    expect(message.embeds).toEqual([expect.objectContaining({ title: 'Answer', description: 'by tester' })]);
    expect(message.author.id).toBe(fake.applicationId);
    const state = ix.state();
    expect(state.responseType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(state.callbacks).toHaveLength(1);

    const [callback] = callbackRequests(ix.id);
    expect(callback.route).toBe(`/interactions/${ix.id}/${ix.token}/callback`);
    expect(callback.query).toEqual({ with_response: 'false' });
    expect(callback.headers.authorization).toBeUndefined();
    expect(callback.body).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
    expect(callback.response?.status).toBe(204);
    expect(callback.response?.headers['content-type']).toBeUndefined();
  });

  test('deferReply + editReply, and reply({ withResponse: true })', async () => {
    const client = await loginClient();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let withResponseContent: string | undefined;
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === 'slow') {
        await interaction.deferReply();
        await released;
        const edited = await interaction.editReply({ content: 'Done thinking', embeds: [{ title: 'Result' }] });
        expect(edited.content).toBe('Done thinking');
      } else {
        const response = await interaction.reply({ content: 'with response', withResponse: true });
        withResponseContent = response.resource?.message?.content;
      }
    });

    const slow = await fake.sendCommand({ name: 'slow' });
    const placeholder = await slow.waitForMessage((m) => ((m.flags ?? 0) & MessageFlags.Loading) !== 0);
    expect(placeholder.content).toBe('');
    expect(slow.state().responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    release();
    const final = await slow.waitForMessage();
    expect(final.id).toBe(placeholder.id);
    expect(final.content).toBe('Done thinking');
    expect(final.embeds[0]?.title).toBe('Result');
    const patch = await fake.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(slow.token));
    expect(patch.route).toBe(`/webhooks/${fake.applicationId}/${slow.token}/messages/@original`);

    const quick = await fake.sendCommand({ name: 'quick' });
    await quick.waitForMessage();
    await fake.waitFor(() => withResponseContent, 2000, 'the withResponse result');
    expect(withResponseContent).toBe('with response');
    expect(callbackRequests(quick.id)[0].response?.status).toBe(200);
  });

  test('followUp (ephemeral, with a file sent as multipart/form-data)', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'first' });
      await interaction.followUp({
        content: 'second',
        flags: MessageFlags.Ephemeral,
        files: [{ attachment: Buffer.from('source list'), name: 'sources.txt' }],
      });
    });

    const ix = await fake.sendCommand({ name: 'ask', options: { question: 'x' } });
    const [followUp] = await ix.waitForFollowUps(1);
    expect(followUp.content).toBe('second');
    expect((followUp.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(followUp.attachments.map((a) => a.filename)).toEqual(['sources.txt']);
    expect(ix.state().message?.content).toBe('first');

    const post = await fake.waitForRequest((r) => r.method === 'POST' && r.route === `/webhooks/${fake.applicationId}/${ix.token}`);
    expect(post.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(post.query.wait).toBe('true');
    expect(post.body).toMatchObject({ content: 'second', flags: MessageFlags.Ephemeral });
    expect(post.files.map((f) => [f.filename, f.data.toString()])).toEqual([['sources.txt', 'source list']]);
  });

  test('fetchReply, deleteReply, and a followUp after deferReply replacing the "thinking" message', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === 'temp') {
        await interaction.reply({ content: 'temporary' });
        const fetched = await interaction.fetchReply();
        expect(fetched.content).toBe('temporary');
        await interaction.deleteReply();
      } else {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.followUp({ content: 'answer' });
      }
    });

    const temp = await fake.sendCommand({ name: 'temp' });
    await fake.waitFor(() => temp.state().deleted, 2000, 'deleteReply');
    expect(temp.state().message).toBeNull();
    const get = await fake.waitForRequest((r) => r.method === 'GET' && r.route.includes(temp.token));
    expect(get.route).toBe(`/webhooks/${fake.applicationId}/${temp.token}/messages/@original`);

    const deferred = await fake.sendCommand({ name: 'deferred' });
    const message = await deferred.waitForMessage();
    expect(message.content).toBe('answer');
    expect((message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(deferred.state().followUps).toEqual([]);
  });

  test('autocomplete is answered with respond()', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused(true);
      await interaction.respond([
        { name: `${focused.value} talks`, value: `${focused.name}:1` },
        { name: `${focused.value} ceasefire`, value: `${focused.name}:2` },
      ]);
    });

    const ix = await fake.sendAutocomplete({ name: 'ask', options: { limit: 5 }, focused: { name: 'topic', value: 'Istanbul' } });
    const choices = await ix.waitForChoices();
    expect(choices).toEqual([
      { name: 'Istanbul talks', value: 'topic:1' },
      { name: 'Istanbul ceasefire', value: 'topic:2' },
    ]);
    expect(ix.state().responseType).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
  });

  test('a button click is answered with update()', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('more:1').setLabel('More').setStyle(ButtonStyle.Primary),
        );
        await interaction.reply({ content: 'page 1', components: [row] });
      } else if (interaction.isButton()) {
        expect(interaction.message.content).toBe('page 1');
        await interaction.update({ content: `page 2 (${interaction.customId} by ${interaction.user.id})`, components: [] });
      }
    });

    const command = await fake.sendCommand({ name: 'ask', options: { question: 'x' } });
    const withButton = await command.waitForMessage();
    const click = await fake.clickButton({ message: withButton, customId: 'more:1', user: { username: 'alice' } });
    const updated = await click.waitForMessage((m) => m.content.startsWith('page 2'));

    expect(updated.id).toBe(withButton.id);
    expect(updated.components).toEqual([]);
    expect(updated.content).toBe(`page 2 (more:1 by ${click.payload.member.user.id})`);
    expect(click.state().responseType).toBe(InteractionResponseType.UpdateMessage);
    // The command's "current message" is the same message, so it shows the update too.
    expect(command.state().message?.content).toBe(updated.content);
  });

  test('a 429 on the interaction callback is retried by discord.js until it succeeds', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'after rate limit' });
    });

    fake.failNext('POST /interactions/:id/:token/callback', { status: 429, retryAfter: 0.05, times: 2 });
    const ix = await fake.sendCommand({ name: 'ask', options: { question: 'x' } });
    const message = await ix.waitForMessage();

    expect(message.content).toBe('after rate limit');
    const attempts = callbackRequests(ix.id);
    expect(attempts.map((r) => r.response?.status)).toEqual([429, 429, 204]);
    expect(attempts[0].response?.headers).toMatchObject({ 'retry-after': '0.05', 'x-ratelimit-remaining': '0', 'x-ratelimit-scope': 'user' });
    expect(attempts[0].response?.body).toEqual({ message: 'You are being rate limited.', retry_after: 0.05, global: false, code: 0 });
  });

  test('after an op 7 RECONNECT the client resumes and interactions still work (incl. ones sent while disconnected)', async () => {
    const client = await loginClient();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: `pong ${interaction.options.getString('n', true)}` });
    });
    const identifiesBefore = fake.gatewayPayloads().filter((p) => p.op === GatewayOpcodes.Identify).length;

    expect((await (await fake.sendCommand({ name: 'ping', options: { n: '1' } })).waitForMessage()).content).toBe('pong 1');

    const resumed = fake.requestReconnect();
    await fake.waitFor(() => fake.gatewayStatus().connectedSessions === 0, 3000, 'the client to disconnect');
    // Dispatched while the client is away: replayed after RESUME.
    const whileAway = await fake.sendCommand({ name: 'ping', options: { n: '2' } });
    await resumed;
    expect((await whileAway.waitForMessage()).content).toBe('pong 2');
    expect((await (await fake.sendCommand({ name: 'ping', options: { n: '3' } })).waitForMessage()).content).toBe('pong 3');

    const payloads = fake.gatewayPayloads();
    expect(payloads.filter((p) => p.op === GatewayOpcodes.Identify)).toHaveLength(identifiesBefore);
    expect(payloads.filter((p) => p.op === GatewayOpcodes.Resume).at(-1)?.d).toMatchObject({ token: fake.token });
    expect(client.isReady()).toBe(true);
  });

  test('client.rest PUT of guild commands is stored and used for command ids', async () => {
    const client = await loginClient();
    const body = [
      new SlashCommandBuilder()
        .setName('ask')
        .setDescription('Ask a question')
        .addStringOption((o) => o.setName('question').setDescription('The question').setRequired(true))
        .toJSON(),
    ];
    const result = await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body });

    expect(result).toEqual([expect.objectContaining({ name: 'ask', application_id: fake.applicationId, guild_id: fake.guildId, type: 1 })]);
    const [registered] = fake.registeredCommands(fake.guildId);
    expect(registered.id).toMatch(/^\d{17,19}$/);
    // Overwriting again keeps the id of a command with the same name.
    await client.rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body });
    expect(fake.registeredCommands(fake.guildId)[0].id).toBe(registered.id);

    let seenCommandId: string | undefined;
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seenCommandId = interaction.commandId;
      await interaction.reply({ content: 'ok' });
    });
    await (await fake.sendCommand({ name: 'ask', options: { question: 'x' } })).waitForMessage();
    expect(seenCommandId).toBe(registered.id);
  });

  test('login with a bad token rejects', async () => {
    const client = newClient();
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    const failed = await fake.waitForRequest((r) => r.route === '/gateway/bot' && r.headers.authorization === 'Bot not-the-token');
    expect(failed.response).toMatchObject({ status: 401, body: { message: '401: Unauthorized', code: 0 } });
  });

  test('channel.send with nonce + enforceNonce twice creates one message (also through a 429)', async () => {
    const client = await loginClient();
    const channel = await client.channels.fetch(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const before = fake.channelMessages().length;

    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.05 });
    const first = await channel.send({ content: 'daily digest', nonce: 'digest-2024-01-01', enforceNonce: true });
    const second = await channel.send({ content: 'daily digest', nonce: 'digest-2024-01-01', enforceNonce: true });

    expect(second.id).toBe(first.id);
    expect(fake.channelMessages().length).toBe(before + 1);
    const posts = fake.requests().filter((r) => r.method === 'POST' && r.route === `/channels/${fake.channelId}/messages`);
    expect(posts.map((r) => r.response?.status)).toEqual([429, 200, 200]);
    expect(posts[1].body).toMatchObject({ nonce: 'digest-2024-01-01', enforce_nonce: true });
    expect(posts[1].headers.authorization).toBe(`Bot ${fake.token}`);
  });

  test('injected 403 / 500 and unknown routes surface like real Discord errors', async () => {
    const client = await loginClient();
    const channel = await client.channels.fetch(fake.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');

    fake.failNext('POST /channels/:id/messages', { status: 403, code: 50001, message: 'Missing Access' });
    const forbidden = await channel.send('hello').catch((error: unknown) => error);
    expect(forbidden).toBeInstanceOf(DiscordAPIError);
    expect(forbidden).toMatchObject({ status: 403, code: 50001, message: 'Missing Access' });

    // A global 429: discord.js blocks all requests for retry_after, then retries.
    fake.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.05, global: true });
    expect((await channel.send('after a global 429')).content).toBe('after a global 429');

    // 5xx responses are retried by discord.js (3 retries by default).
    fake.failNext('POST /channels/:id/messages', { status: 500 });
    expect((await channel.send('after a 500')).content).toBe('after a 500');

    await expect(client.rest.get('/channels/123456789012345678')).rejects.toMatchObject({ status: 404, code: 10003 });
    await expect(client.rest.get('/no/such/route')).rejects.toMatchObject({ status: 404, code: 0 });
  });
});
