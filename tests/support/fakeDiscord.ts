/**
 * A fake Discord that speaks the real protocol on 127.0.0.1, for driving the
 * REAL discord.js Client in tests (no mocks):
 *
 *   - REST API v10 over HTTP (`rest: { api: fake.apiBase }` → discord.js requests `${apiBase}/v10/...`)
 *   - the gateway over WebSocket (plain JSON, `?v=10&encoding=json`, no compression: zlib-sync is not installed)
 *
 * One HTTP server serves both (the WebSocket upgrade happens on the same port).
 *
 * Usage:
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
 *   await client.login(fake.token);
 *   const ix = await fake.sendCommand({ name: 'ask', options: { question: 'hi' } });
 *   const message = await ix.waitForMessage();
 *   ...
 *   await client.destroy();
 *   await fake.close();
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';
import {
  ApplicationCommandOptionType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
} from 'discord.js';
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOptionChoice,
  APIAttachment,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteraction,
  APIMessage,
  APIMessageComponentGuildInteraction,
  APIUser,
  ApplicationFlags,
  GatewayReadyDispatchData,
} from 'discord.js';
import { parseBody } from './fakeDiscordBody';
import type { UploadedFile } from './fakeDiscordBody';
import {
  DEFAULT_APP_PERMISSIONS,
  DEFAULT_MEMBER_PERMISSIONS,
  applyMessageEdit,
  buildAutocompleteInteraction,
  buildButtonInteraction,
  buildCommandInteraction,
  buildGuildCreate,
  buildInteractionMember,
  buildMessage,
  buildTextChannel,
  buildUser,
  getBoolean,
  getNumber,
  getString,
  isRecord,
  nextSnowflake,
  normalizeOptions,
  readMessageFields,
  resolveGuild,
  toOption,
  validateMessageFields,
} from './fakeDiscordPayloads';
import type {
  CommandOptionsInput,
  FakeChannel,
  FakeGuild,
  FakeGuildSpec,
  FakeUserInput,
  InteractionContext,
  JsonRecord,
  MessageBodyFields,
  SimpleOptionValue,
} from './fakeDiscordPayloads';

export type { FakeGuildSpec, FakeChannelSpec, FakeUserInput, CommandOptionsInput, SimpleOptionValue } from './fakeDiscordPayloads';
export type { UploadedFile } from './fakeDiscordBody';
export { DEFAULT_MEMBER_PERMISSIONS, DEFAULT_APP_PERMISSIONS } from './fakeDiscordPayloads';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

export interface StartFakeDiscordOptions {
  /** Bot token the fake accepts (REST `Authorization: Bot <token>`, gateway IDENTIFY/RESUME). */
  token?: string;
  /** Application id; also the bot user's id (as for every modern Discord app). */
  applicationId?: string;
  botUsername?: string;
  /** Guilds the bot is in. Default: one guild with one text channel `#general`. */
  guilds?: FakeGuildSpec[];
  /** The default human user who invokes interactions. */
  user?: FakeUserInput;
  /** HELLO heartbeat_interval in ms (Discord uses 41250). */
  heartbeatIntervalMs?: number;
  /** Default timeout of every `waitFor*` helper, in ms. */
  defaultTimeoutMs?: number;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body; `undefined` for empty (e.g. 204) responses. */
  body: unknown;
  /** True when the response came from `failNext`. */
  injected: boolean;
}

export interface RecordedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** Full decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Decoded path after `/api/v10`, e.g. `/webhooks/1/tok/messages/@original` (equals `path` if not under /api/v10). */
  route: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (for multipart: the `payload_json` part); `undefined` without body. */
  body: unknown;
  files: UploadedFile[];
  receivedAt: number;
  /** Set once the fake has answered. */
  response?: RecordedResponse;
}

/**
 * Which requests `failNext` applies to:
 *  - string `"METHOD /route/:param/..."` (or just `"/route/..."` for any method); `:name` matches one
 *    path segment, e.g. `"POST /interactions/:id/:token/callback"`;
 *  - RegExp tested against `"METHOD /route"`, e.g. /^PATCH \/webhooks\//;
 *  - a predicate on the recorded request.
 */
export type RouteMatcher = string | RegExp | ((request: RecordedRequest) => boolean);

export interface FailureSpec {
  status: number;
  /** 429 only: seconds, sent both in the `retry-after` header (unrounded, unlike Discord) and the body. Default 0.05. */
  retryAfter?: number;
  /** 429 only: a global rate limit (`x-ratelimit-global: true`, scope `global`). */
  global?: boolean;
  /** Discord error code for the `{message, code}` body (e.g. 50001 Missing Access, 10003 Unknown Channel). */
  code?: number;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
}

export interface InteractionCallbackRecord {
  type: InteractionResponseType;
  data: JsonRecord | undefined;
  files: UploadedFile[];
  withResponse: boolean;
  at: number;
}

/** Everything the bot has done in response to one interaction. */
export interface InteractionState {
  id: string;
  token: string;
  type: InteractionType;
  /** Command name (commands, autocomplete) or custom_id (components). */
  name: string;
  /** Successful callbacks (normally exactly one: the acknowledgement). */
  callbacks: InteractionCallbackRecord[];
  /** Type of the acknowledgement, or null while unacknowledged. */
  responseType: InteractionResponseType | null;
  acknowledged: boolean;
  /**
   * "The current message of the interaction" (@original): the reply (callback 4), the deferred
   * placeholder (callback 5, flags include Loading until edited or followed up), or for a component
   * interaction acknowledged with 6/7 the message the component belongs to — always with later
   * edits applied. Null before acknowledgement, after deletion, and for autocomplete/modal.
   */
  message: APIMessage | null;
  /** True once @original was deleted. */
  deleted: boolean;
  /**
   * Follow-up messages (current versions). Like Discord, the first follow-up after a deferred
   * reply (callback 5) that is still "thinking" edits @original instead of creating a message.
   */
  followUps: APIMessage[];
  /** Autocomplete choices (callback 8). */
  choices: APIApplicationCommandOptionChoice[] | null;
  /** Modal data (callback 9). */
  modal: JsonRecord | null;
}

export interface FakeInteraction<P extends APIInteraction = APIInteraction> {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload that was dispatched. */
  payload: P;
  /** Current state snapshot. */
  state(): InteractionState;
  /** Resolves with the acknowledgement (first successful callback). */
  waitForCallback(timeoutMs?: number): Promise<InteractionCallbackRecord>;
  /**
   * Resolves with the current @original message once `predicate` holds. Default predicate: the
   * message exists and is not the deferred "thinking…" placeholder.
   */
  waitForMessage(predicate?: (message: APIMessage) => boolean, timeoutMs?: number): Promise<APIMessage>;
  /** Resolves once at least `count` follow-ups exist. */
  waitForFollowUps(count: number, timeoutMs?: number): Promise<APIMessage[]>;
  /** Resolves with the autocomplete choices once answered. */
  waitForChoices(timeoutMs?: number): Promise<APIApplicationCommandOptionChoice[]>;
}

interface InteractionTarget {
  /** Default: the fake's default human user. A user without id gets a stable id per username. */
  user?: FakeUserInput;
  /** Member permissions (bitfield). Default DEFAULT_MEMBER_PERMISSIONS. */
  memberPermissions?: bigint | string;
  /** Bot permissions in the channel (`app_permissions`). Default DEFAULT_APP_PERMISSIONS. */
  appPermissions?: bigint | string;
  roles?: string[];
  guildId?: string;
  channelId?: string;
  locale?: Locale;
}

export interface SendCommandInput extends InteractionTarget {
  name: string;
  /** Array of raw options, or `{ name: value }` (strings → STRING, integers → INTEGER, other numbers → NUMBER, booleans → BOOLEAN). */
  options?: CommandOptionsInput;
  /** Default: the id of the registered command with that name, else a stable generated id. */
  commandId?: string;
}

export interface SendAutocompleteInput extends InteractionTarget {
  name: string;
  /** Options already filled in (not focused). */
  options?: Record<string, SimpleOptionValue>;
  /** The option being typed; sent as a STRING option with `focused: true`. */
  focused: { name: string; value: string };
  commandId?: string;
}

export interface ClickButtonInput extends InteractionTarget {
  /** The message holding the button: a message object or the id of a message the fake knows. */
  message: APIMessage | string;
  customId: string;
}

export interface CreateMessageInput {
  channelId?: string;
  content?: string;
  components?: MessageBodyFields['components'];
  embeds?: MessageBodyFields['embeds'];
  /** Default: the bot user. */
  author?: APIUser;
}

export interface RegisteredCommand extends JsonRecord {
  id: string;
  application_id: string;
  name: string;
  type: number;
  version: string;
  guild_id?: string;
}

export interface GatewayPayloadRecord {
  op: number;
  d: unknown;
  at: number;
}

export interface FakeDiscord {
  port: number;
  /** Value for discord.js' `rest.api` option: `http://127.0.0.1:<port>/api`. */
  apiBase: string;
  /** `ws://127.0.0.1:<port>` (what /gateway/bot returns). */
  gatewayUrl: string;
  token: string;
  applicationId: string;
  /** The bot user (id = applicationId). */
  botUser: APIUser;
  /** First guild / its first text channel. */
  guildId: string;
  channelId: string;
  /** The default human user. */
  userId: string;
  user: APIUser;
  guilds: FakeGuild[];

  /** Dispatches a slash command (INTERACTION_CREATE type 2, data.type 1). */
  sendCommand(input: SendCommandInput): Promise<FakeInteraction<APIChatInputApplicationCommandGuildInteraction>>;
  /** Dispatches an autocomplete request (INTERACTION_CREATE type 4). */
  sendAutocomplete(input: SendAutocompleteInput): Promise<FakeInteraction<APIApplicationCommandAutocompleteGuildInteraction>>;
  /** Dispatches a button click (INTERACTION_CREATE type 3, component_type 2). Throws if the message has no such custom_id. */
  clickButton(input: ClickButtonInput): Promise<FakeInteraction<APIMessageComponentGuildInteraction>>;
  /** Dispatches any gateway event to the active session. Returns the sequence number. */
  dispatch(event: string, data: unknown): Promise<number>;
  /** Puts a message into a channel as if it existed (default author: the bot), e.g. to click its buttons. */
  createMessage(input: CreateMessageInput): APIMessage;

  /** Sends op 7 RECONNECT to every connected session; resolves once they have resumed (RESUMED sent). */
  requestReconnect(timeoutMs?: number): Promise<void>;
  /** Closes every gateway connection with `code` (4000: client resumes; 1000: client re-identifies). */
  dropConnections(code?: number): void;
  /** Payloads received from clients over the gateway (IDENTIFY, HEARTBEAT, RESUME, ...). */
  gatewayPayloads(): GatewayPayloadRecord[];
  /** Query strings of every gateway connection, e.g. `{ v: '10', encoding: 'json' }`. */
  gatewayConnections(): Record<string, string>[];
  /** Open WebSocket connections, valid (resumable) sessions, and sessions with a live connection. */
  gatewayStatus(): { connections: number; sessions: number; connectedSessions: number };

  /** Makes the next matching REST request(s) fail. 429s carry full rate-limit headers. */
  failNext(matcher: RouteMatcher, failure: FailureSpec): void;

  /** Every REST request so far (answered or not). */
  requests(): RecordedRequest[];
  /** Resolves with the first answered request (past or future) matching `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * Generic wait: resolves with the first value of `check` that is not undefined/null/false. `check` runs on
   * every change of the fake (request answered, gateway payload, ...) and every 20 ms.
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, description?: string): Promise<T>;

  /** State of one interaction (throws for unknown ids). */
  interaction(id: string): InteractionState;
  /** Messages created through POST /channels/:id/messages (current versions), oldest first. */
  channelMessages(channelId?: string): APIMessage[];
  /** Any message the fake knows (channel, interaction reply, follow-up), by id. */
  message(id: string): APIMessage | undefined;
  /** Commands registered through PUT/POST (global when guildId is undefined). */
  registeredCommands(guildId?: string): RegisteredCommand[];

  /** Closes HTTP, WebSocket and keep-alive connections; rejects pending waits. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------
// Internal types
// ---------------------------------------------------------------------------

interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteContext {
  request: RecordedRequest;
  params: Record<string, string>;
}

interface RouteDefinition {
  method: string;
  segments: string[];
  auth: boolean;
  handle(context: RouteContext): FakeResponse;
}

interface PendingFailure {
  matches(request: RecordedRequest): boolean;
  failure: FailureSpec;
  remaining: number;
}

interface InteractionRecord {
  payload: APIInteraction;
  id: string;
  token: string;
  type: InteractionType;
  name: string;
  user: APIUser;
  channelId: string;
  guildId: string;
  /** For component interactions: the message the component belongs to. */
  sourceMessageId: string | null;
  callbacks: InteractionCallbackRecord[];
  originalMessageId: string | null;
  deleted: boolean;
  followUpIds: string[];
  choices: APIApplicationCommandOptionChoice[] | null;
  modal: JsonRecord | null;
}

interface GatewaySession {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  history: { s: number; frame: string }[];
  socket: WebSocket | null;
  valid: boolean;
  identifiedAt: number;
  resumeCount: number;
}

interface ConnectionState {
  session: GatewaySession | null;
}

interface Waiter {
  check(): boolean;
  reject(error: Error): void;
}

interface NonceEntry {
  messageId: string;
  at: number;
}

const NONCE_WINDOW_MS = 5 * 60 * 1000;
const API_PREFIX = '/api/v10';

function errorBody(message: string, code: number): FakeResponse['body'] {
  return { message, code };
}

function defaultError(status: number): { message: string; code: number } {
  switch (status) {
    case 400:
      return { message: 'Invalid Form Body', code: 50035 };
    case 401:
      return { message: '401: Unauthorized', code: 0 };
    case 403:
      return { message: 'Missing Access', code: 50001 };
    case 404:
      return { message: '404: Not Found', code: 0 };
    case 405:
      return { message: '405: Method Not Allowed', code: 0 };
    default:
      return { message: `${status}: ${status >= 500 ? 'Internal Server Error' : 'Error'}`, code: 0 };
  }
}

function compileMatcher(matcher: RouteMatcher): (request: RecordedRequest) => boolean {
  if (typeof matcher === 'function') return matcher;
  if (matcher instanceof RegExp) return (request) => matcher.test(`${request.method} ${request.route}`);
  const spaceAt = matcher.indexOf(' ');
  const method = spaceAt === -1 ? null : matcher.slice(0, spaceAt).toUpperCase();
  const pattern = (spaceAt === -1 ? matcher : matcher.slice(spaceAt + 1)).split('/').filter((s) => s !== '');
  return (request) => {
    if (method !== null && request.method !== method) return false;
    const segments = request.route.split('/').filter((s) => s !== '');
    if (segments.length !== pattern.length) return false;
    return pattern.every((part, index) => part.startsWith(':') || part === segments[index]);
  };
}

/** Finds a component custom_id anywhere in a components tree (action rows, containers, sections…). */
function containsCustomId(node: unknown, customId: string): boolean {
  if (Array.isArray(node)) return node.some((child) => containsCustomId(child, customId));
  if (!isRecord(node)) return false;
  if (node.custom_id === customId) return true;
  return Object.values(node).some((value) => typeof value === 'object' && containsCustomId(value, customId));
}

function readCallbackData(body: unknown): JsonRecord | undefined {
  if (!isRecord(body)) return undefined;
  return isRecord(body.data) ? body.data : undefined;
}

function readChoices(data: JsonRecord | undefined): APIApplicationCommandOptionChoice[] {
  const raw = data?.choices;
  if (!Array.isArray(raw)) return [];
  const choices: APIApplicationCommandOptionChoice[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const name = getString(entry, 'name');
    const value = entry.value;
    if (name !== undefined && (typeof value === 'string' || typeof value === 'number')) choices.push({ name, value });
  }
  return choices;
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

class FakeDiscordServer implements FakeDiscord {
  port = 0;
  apiBase = '';
  gatewayUrl = '';
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly user: APIUser;
  readonly guilds: FakeGuild[];

  private readonly heartbeatIntervalMs: number;
  private readonly defaultTimeoutMs: number;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly waiters = new Set<Waiter>();
  private readonly routes: RouteDefinition[] = [];
  private readonly recorded: RecordedRequest[] = [];
  private readonly failures: PendingFailure[] = [];
  private readonly messages = new Map<string, APIMessage>();
  private readonly channelMessageIds = new Map<string, string[]>();
  private readonly nonces = new Map<string, NonceEntry>();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly commands = new Map<string, RegisteredCommand[]>();
  private readonly generatedCommandIds = new Map<string, string>();
  private readonly usersByName = new Map<string, APIUser>();
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly sockets = new Map<WebSocket, ConnectionState>();
  private readonly received: GatewayPayloadRecord[] = [];
  private readonly connectionQueries: Record<string, string>[] = [];
  private closed = false;

  constructor(options: StartFakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token.for-tests';
    this.applicationId = options.applicationId ?? nextSnowflake();
    this.botUser = buildUser({ id: this.applicationId, username: options.botUsername ?? 'Parley', bot: true, globalName: null });
    this.user = buildUser({ id: options.user?.id, username: options.user?.username ?? 'tester', globalName: options.user?.globalName });
    this.usersByName.set(this.user.username, this.user);
    const guildSpecs = options.guilds && options.guilds.length > 0 ? options.guilds : [{}];
    this.guilds = guildSpecs.map((spec) => resolveGuild(spec, this.user.id));
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41250;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 5000;

    this.server = createServer((req, res) => {
      this.onHttpRequest(req, res);
    });
    this.server.keepAliveTimeout = 1000;
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket, req) => {
      this.onGatewayConnection(socket, req);
    });
    this.defineRoutes();
  }

  get guildId(): string {
    return this.guilds[0].id;
  }

  get channelId(): string {
    return this.guilds[0].channels[0].id;
  }

  get userId(): string {
    return this.user.id;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.port = address.port;
    this.apiBase = `http://127.0.0.1:${this.port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${this.port}`;
  }

  // -------------------------------------------------------------------------
  // Waiting
  // -------------------------------------------------------------------------

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  waitFor<T>(check: () => T | undefined | null | false, timeoutMs = this.defaultTimeoutMs, description = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) {
        reject(new Error(`fake Discord is closed (waiting for ${description})`));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = check();
          } catch (error) {
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
            return true;
          }
          if (value === undefined || value === null || value === false) return false;
          finish();
          resolve(value);
          return true;
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      let poll: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer) clearTimeout(timer);
        if (poll) clearInterval(poll);
        this.waiters.delete(waiter);
      };
      if (waiter.check()) return;
      this.waiters.add(waiter);
      // Re-checked on every change of the fake, and polled too, for conditions on outside state (e.g. the client's).
      poll = setInterval(() => waiter.check(), 20);
      timer = setTimeout(() => {
        finish();
        const recent = this.recorded
          .slice(-8)
          .map((r) => `${r.method} ${r.route} → ${r.response?.status ?? 'pending'}`)
          .join('\n  ');
        reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${description}. Recent requests:\n  ${recent || '(none)'}`));
      }, timeoutMs);
    });
  }

  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest> {
    return this.waitFor(() => this.recorded.find((r) => r.response !== undefined && predicate(r)), timeoutMs, 'a matching request');
  }

  requests(): RecordedRequest[] {
    return [...this.recorded];
  }

  // -------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------

  private onHttpRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname
        .split('/')
        .map((segment) => {
          try {
            return decodeURIComponent(segment);
          } catch {
            return segment;
          }
        })
        .join('/');
      const route = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
      const parsed = parseBody(Buffer.concat(chunks), req.headers['content-type']);
      const request: RecordedRequest = {
        seq: this.recorded.length + 1,
        method: (req.method ?? 'GET').toUpperCase(),
        path,
        route,
        query: Object.fromEntries(url.searchParams.entries()),
        headers: req.headers,
        body: parsed.json,
        files: parsed.files,
        receivedAt: Date.now(),
      };
      this.recorded.push(request);
      let response: FakeResponse;
      let injected = false;
      const failure = this.takeFailure(request);
      if (failure) {
        response = this.failureResponse(failure);
        injected = true;
      } else {
        try {
          response = this.route(request, path.startsWith(`${API_PREFIX}/`));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          response = { status: 500, body: errorBody(`fake Discord handler error: ${message}`, 0) };
        }
      }
      this.writeResponse(res, response);
      request.response = { status: response.status, headers: response.headers ?? {}, body: response.body, injected };
      this.changed();
    });
  }

  private writeResponse(res: ServerResponse, response: FakeResponse): void {
    const headers: Record<string, string> = { ...(response.headers ?? {}) };
    if (response.status === 204 || response.body === undefined) {
      // discord.js parses JSON only when content-type is application/json: send none for empty bodies.
      res.writeHead(response.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(response.body);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(response.status, headers);
    res.end(text);
  }

  private takeFailure(request: RecordedRequest): FailureSpec | null {
    const index = this.failures.findIndex((f) => f.matches(request));
    if (index === -1) return null;
    const pending = this.failures[index];
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.failures.splice(index, 1);
    return pending.failure;
  }

  private failureResponse(failure: FailureSpec): FakeResponse {
    if (failure.status === 429) {
      const retryAfter = failure.retryAfter ?? 0.05;
      const global = failure.global ?? false;
      const headers: Record<string, string> = {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String((Date.now() + retryAfter * 1000) / 1000),
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-bucket': 'fakebucket0000000000000000000000',
        'x-ratelimit-scope': global ? 'global' : 'user',
      };
      if (global) headers['x-ratelimit-global'] = 'true';
      return {
        status: 429,
        headers,
        body: { message: failure.message ?? 'You are being rate limited.', retry_after: retryAfter, global, code: failure.code ?? 0 },
      };
    }
    const fallback = defaultError(failure.status);
    return { status: failure.status, body: errorBody(failure.message ?? fallback.message, failure.code ?? fallback.code) };
  }

  failNext(matcher: RouteMatcher, failure: FailureSpec): void {
    this.failures.push({ matches: compileMatcher(matcher), failure, remaining: failure.times ?? 1 });
  }

  private route(request: RecordedRequest, versioned: boolean): FakeResponse {
    const notFound: FakeResponse = { status: 404, body: errorBody('404: Not Found', 0) };
    if (!versioned) return notFound;
    const segments = request.route.split('/').filter((s) => s !== '');
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((part, index) => {
        if (part.startsWith(':')) {
          params[part.slice(1)] = segments[index];
          return true;
        }
        return part === segments[index];
      });
      if (!matches) continue;
      if (route.method !== request.method) {
        methodMismatch = true;
        continue;
      }
      if (route.auth && request.headers.authorization !== `Bot ${this.token}`) {
        return { status: 401, body: errorBody('401: Unauthorized', 0) };
      }
      return route.handle({ request, params });
    }
    return methodMismatch ? { status: 405, body: errorBody('405: Method Not Allowed', 0) } : notFound;
  }

  private on(method: string, pattern: string, auth: boolean, handle: (context: RouteContext) => FakeResponse): void {
    this.routes.push({ method, segments: pattern.split('/').filter((s) => s !== ''), auth, handle });
  }

  private defineRoutes(): void {
    this.on('GET', '/gateway', false, () => ({ status: 200, body: { url: this.gatewayUrl } }));
    this.on('GET', '/gateway/bot', true, () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }));
    this.on('GET', '/users/@me', true, () => ({ status: 200, body: this.botUser }));
    this.on('GET', '/applications/@me', true, () => ({
      status: 200,
      body: {
        id: this.applicationId,
        name: this.botUser.username,
        icon: null,
        description: '',
        bot_public: true,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        flags: 0,
        bot: this.botUser,
        owner: this.user,
        team: null,
      },
    }));

    // Application commands
    const listCommands = (scope: string): FakeResponse => ({ status: 200, body: this.commands.get(scope) ?? [] });
    this.on('GET', '/applications/:app/commands', true, ({ params }) => this.checkApp(params.app) ?? listCommands('global'));
    this.on('PUT', '/applications/:app/commands', true, ({ params, request }) =>
      this.checkApp(params.app) ?? this.overwriteCommands(undefined, request.body),
    );
    this.on('POST', '/applications/:app/commands', true, ({ params, request }) =>
      this.checkApp(params.app) ?? this.upsertCommand(undefined, request.body),
    );
    this.on('GET', '/applications/:app/guilds/:guild/commands', true, ({ params }) =>
      this.checkApp(params.app) ?? this.checkGuild(params.guild) ?? listCommands(params.guild),
    );
    this.on('PUT', '/applications/:app/guilds/:guild/commands', true, ({ params, request }) =>
      this.checkApp(params.app) ?? this.checkGuild(params.guild) ?? this.overwriteCommands(params.guild, request.body),
    );
    this.on('POST', '/applications/:app/guilds/:guild/commands', true, ({ params, request }) =>
      this.checkApp(params.app) ?? this.checkGuild(params.guild) ?? this.upsertCommand(params.guild, request.body),
    );

    // Interactions
    this.on('POST', '/interactions/:id/:token/callback', false, ({ params, request }) => this.interactionCallback(params.id, params.token, request));
    this.on('POST', '/webhooks/:app/:token', false, ({ params, request }) => this.createFollowUp(params.app, params.token, request));
    this.on('GET', '/webhooks/:app/:token/messages/:message', false, ({ params }) => this.webhookMessage('GET', params, undefined));
    this.on('PATCH', '/webhooks/:app/:token/messages/:message', false, ({ params, request }) => this.webhookMessage('PATCH', params, request));
    this.on('DELETE', '/webhooks/:app/:token/messages/:message', false, ({ params }) => this.webhookMessage('DELETE', params, undefined));

    // Guilds and channels
    this.on('GET', '/guilds/:guild', true, ({ params }) => {
      const guild = this.guilds.find((g) => g.id === params.guild);
      if (!guild) return { status: 404, body: errorBody('Unknown Guild', 10004) };
      const { joined_at: _joined, large: _large, member_count: _count, members: _members, channels: _channels, threads: _threads, presences: _presences, voice_states: _voice, stage_instances: _stage, guild_scheduled_events: _events, soundboard_sounds: _sounds, unavailable: _unavailable, ...rest } = buildGuildCreate(guild);
      return { status: 200, body: rest };
    });
    this.on('GET', '/channels/:channel', true, ({ params }) => {
      const channel = this.findChannel(params.channel);
      if (!channel) return { status: 404, body: errorBody('Unknown Channel', 10003) };
      return { status: 200, body: buildTextChannel(channel) };
    });
    this.on('POST', '/channels/:channel/typing', true, ({ params }) =>
      this.findChannel(params.channel) ? { status: 204 } : { status: 404, body: errorBody('Unknown Channel', 10003) },
    );
    this.on('POST', '/channels/:channel/messages', true, ({ params, request }) => this.createChannelMessage(params.channel, request));
    this.on('GET', '/channels/:channel/messages/:message', true, ({ params }) => {
      const message = this.messages.get(params.message);
      if (!message || message.channel_id !== params.channel) return { status: 404, body: errorBody('Unknown Message', 10008) };
      return { status: 200, body: message };
    });
    this.on('PATCH', '/channels/:channel/messages/:message', true, ({ params, request }) => {
      const message = this.messages.get(params.message);
      if (!message || message.channel_id !== params.channel) return { status: 404, body: errorBody('Unknown Message', 10008) };
      const fields = readMessageFields(request.body);
      const invalid = validateMessageFields(fields, false);
      if (invalid) return { status: 400, body: invalid };
      const edited = applyMessageEdit(message, fields, this.attachmentsFor(request.files), true);
      this.messages.set(edited.id, edited);
      return { status: 200, body: edited };
    });
    this.on('DELETE', '/channels/:channel/messages/:message', true, ({ params }) => {
      const message = this.messages.get(params.message);
      if (!message || message.channel_id !== params.channel) return { status: 404, body: errorBody('Unknown Message', 10008) };
      this.messages.delete(params.message);
      const ids = this.channelMessageIds.get(params.channel) ?? [];
      this.channelMessageIds.set(params.channel, ids.filter((id) => id !== params.message));
      return { status: 204 };
    });
  }

  private checkApp(appId: string): FakeResponse | null {
    return appId === this.applicationId ? null : { status: 403, body: errorBody('Missing Access', 50001) };
  }

  private checkGuild(guildId: string): FakeResponse | null {
    return this.guilds.some((g) => g.id === guildId) ? null : { status: 403, body: errorBody('Missing Access', 50001) };
  }

  private findChannel(channelId: string): FakeChannel | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return channel;
    }
    return undefined;
  }

  private attachmentsFor(files: UploadedFile[]): APIAttachment[] {
    return files.map((file) => {
      const id = nextSnowflake();
      const url = `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(file.filename)}`;
      return { id, filename: file.filename, size: file.data.length, url, proxy_url: url, content_type: file.contentType };
    });
  }

  // -------------------------------------------------------------------------
  // Commands
  // -------------------------------------------------------------------------

  private toCommand(guildId: string | undefined, input: JsonRecord, existing: RegisteredCommand[]): RegisteredCommand | null {
    const name = getString(input, 'name');
    if (name === undefined) return null;
    const type = getNumber(input, 'type') ?? 1;
    const previous = existing.find((c) => c.name === name && c.type === type);
    const command: RegisteredCommand = {
      description: '',
      options: [],
      default_member_permissions: null,
      nsfw: false,
      ...input,
      id: previous?.id ?? nextSnowflake(),
      application_id: this.applicationId,
      name,
      type,
      version: nextSnowflake(),
    };
    if (guildId !== undefined) command.guild_id = guildId;
    return command;
  }

  private overwriteCommands(guildId: string | undefined, body: unknown): FakeResponse {
    if (!Array.isArray(body)) return { status: 400, body: errorBody('Invalid Form Body', 50035) };
    const scope = guildId ?? 'global';
    const existing = this.commands.get(scope) ?? [];
    const next: RegisteredCommand[] = [];
    for (const entry of body) {
      const command = isRecord(entry) ? this.toCommand(guildId, entry, existing) : null;
      if (!command) return { status: 400, body: errorBody('Invalid Form Body', 50035) };
      next.push(command);
    }
    this.commands.set(scope, next);
    return { status: 200, body: next };
  }

  private upsertCommand(guildId: string | undefined, body: unknown): FakeResponse {
    const scope = guildId ?? 'global';
    const existing = this.commands.get(scope) ?? [];
    const command = isRecord(body) ? this.toCommand(guildId, body, existing) : null;
    if (!command) return { status: 400, body: errorBody('Invalid Form Body', 50035) };
    const isNew = !existing.some((c) => c.id === command.id);
    this.commands.set(scope, [...existing.filter((c) => c.id !== command.id), command]);
    return { status: isNew ? 201 : 200, body: command };
  }

  registeredCommands(guildId?: string): RegisteredCommand[] {
    return [...(this.commands.get(guildId ?? 'global') ?? [])];
  }

  private commandIdFor(name: string, guildId: string): string {
    const registered = [...(this.commands.get(guildId) ?? []), ...(this.commands.get('global') ?? [])].find(
      (c) => c.name === name && c.type === 1,
    );
    if (registered) return registered.id;
    let id = this.generatedCommandIds.get(name);
    if (!id) {
      id = nextSnowflake();
      this.generatedCommandIds.set(name, id);
    }
    return id;
  }

  // -------------------------------------------------------------------------
  // Channel messages
  // -------------------------------------------------------------------------

  private createChannelMessage(channelId: string, request: RecordedRequest): FakeResponse {
    const channel = this.findChannel(channelId);
    if (!channel) return { status: 404, body: errorBody('Unknown Channel', 10003) };
    const fields = readMessageFields(request.body);
    const invalid = validateMessageFields(fields, request.files.length === 0);
    if (invalid) return { status: 400, body: invalid };
    const enforceNonce = isRecord(request.body) && getBoolean(request.body, 'enforce_nonce') === true;
    const nonceKey = fields.nonce !== undefined ? `${channelId}:${this.botUser.id}:${String(fields.nonce)}` : null;
    if (enforceNonce && nonceKey) {
      const previous = this.nonces.get(nonceKey);
      const existing = previous ? this.messages.get(previous.messageId) : undefined;
      if (previous && existing && Date.now() - previous.at < NONCE_WINDOW_MS) return { status: 200, body: existing };
    }
    const message = buildMessage({
      channelId,
      guildId: channel.guildId,
      author: this.botUser,
      fields,
      attachments: this.attachmentsFor(request.files),
    });
    this.storeChannelMessage(message);
    if (nonceKey) this.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
    return { status: 200, body: message };
  }

  private storeChannelMessage(message: APIMessage): void {
    this.messages.set(message.id, message);
    const ids = this.channelMessageIds.get(message.channel_id) ?? [];
    ids.push(message.id);
    this.channelMessageIds.set(message.channel_id, ids);
  }

  channelMessages(channelId: string = this.channelId): APIMessage[] {
    const ids = this.channelMessageIds.get(channelId) ?? [];
    return ids.map((id) => this.messages.get(id)).filter((m): m is APIMessage => m !== undefined);
  }

  message(id: string): APIMessage | undefined {
    return this.messages.get(id);
  }

  createMessage(input: CreateMessageInput): APIMessage {
    const channelId = input.channelId ?? this.channelId;
    const channel = this.findChannel(channelId);
    if (!channel) throw new Error(`fake Discord: unknown channel ${channelId}`);
    const message = buildMessage({
      channelId,
      guildId: channel.guildId,
      author: input.author ?? this.botUser,
      fields: { content: input.content, components: input.components, embeds: input.embeds },
    });
    this.storeChannelMessage(message);
    this.changed();
    return message;
  }

  // -------------------------------------------------------------------------
  // Interactions: REST side
  // -------------------------------------------------------------------------

  private interactionCallback(id: string, token: string, request: RecordedRequest): FakeResponse {
    const record = this.interactions.get(id);
    if (!record || record.token !== token) return { status: 404, body: errorBody('Unknown interaction', 10062) };
    if (record.callbacks.length > 0) {
      return { status: 400, body: errorBody('Interaction has already been acknowledged.', 40060) };
    }
    const body = request.body;
    const type = isRecord(body) ? getNumber(body, 'type') : undefined;
    const data = readCallbackData(body);
    const allowed: Record<InteractionType, InteractionResponseType[]> = {
      [InteractionType.Ping]: [InteractionResponseType.Pong],
      [InteractionType.ApplicationCommand]: [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.Modal,
      ],
      [InteractionType.MessageComponent]: [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.DeferredMessageUpdate,
        InteractionResponseType.UpdateMessage,
        InteractionResponseType.Modal,
      ],
      [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
      [InteractionType.ModalSubmit]: [
        InteractionResponseType.ChannelMessageWithSource,
        InteractionResponseType.DeferredChannelMessageWithSource,
        InteractionResponseType.DeferredMessageUpdate,
        InteractionResponseType.UpdateMessage,
      ],
    };
    const responseType = allowed[record.type].find((t) => t === type);
    if (responseType === undefined) {
      return {
        status: 400,
        body: {
          message: 'Invalid Form Body',
          code: 50035,
          errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${String(type)} is not valid for interaction type ${record.type}` }] } },
        },
      };
    }
    const fields = readMessageFields(data);
    const attachments = this.attachmentsFor(request.files);
    let resourceMessage: APIMessage | undefined;
    switch (responseType) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const invalid = validateMessageFields(fields, request.files.length === 0);
        if (invalid) return { status: 400, body: invalid };
        resourceMessage = this.interactionMessage(record, fields, attachments, 0);
        record.originalMessageId = resourceMessage.id;
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        resourceMessage = this.interactionMessage(record, { flags: fields.flags }, [], MessageFlags.Loading);
        record.originalMessageId = resourceMessage.id;
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate: {
        record.originalMessageId = record.sourceMessageId;
        break;
      }
      case InteractionResponseType.UpdateMessage: {
        const source = record.sourceMessageId ? this.messages.get(record.sourceMessageId) : undefined;
        if (!source) return { status: 404, body: errorBody('Unknown Message', 10008) };
        const invalid = validateMessageFields(fields, false);
        if (invalid) return { status: 400, body: invalid };
        resourceMessage = applyMessageEdit(source, fields, attachments, true);
        this.messages.set(resourceMessage.id, resourceMessage);
        record.originalMessageId = resourceMessage.id;
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        record.choices = readChoices(data);
        break;
      case InteractionResponseType.Modal:
        record.modal = data ?? {};
        break;
      default:
        break;
    }
    const withResponse = request.query.with_response === 'true';
    record.callbacks.push({ type: responseType, data, files: request.files, withResponse, at: Date.now() });
    if (!withResponse) return { status: 204 };
    const interaction: JsonRecord = { id: record.id, type: record.type };
    if (resourceMessage) {
      interaction.response_message_id = resourceMessage.id;
      interaction.response_message_loading = responseType === InteractionResponseType.DeferredChannelMessageWithSource;
      interaction.response_message_ephemeral = ((resourceMessage.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    }
    const resource: JsonRecord = { type: responseType };
    if (resourceMessage) resource.message = resourceMessage;
    return { status: 200, body: { interaction, resource } };
  }

  private interactionMessage(record: InteractionRecord, fields: MessageBodyFields, attachments: APIAttachment[], extraFlags: number): APIMessage {
    const message = buildMessage({
      channelId: record.channelId,
      guildId: record.guildId,
      author: this.botUser,
      fields,
      attachments,
      type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      webhookId: this.applicationId,
      applicationId: this.applicationId,
      interaction: { id: record.id, type: record.type, name: record.name, user: record.user },
      extraFlags,
    });
    this.messages.set(message.id, message);
    return message;
  }

  private findWebhookInteraction(appId: string, token: string): InteractionRecord | undefined {
    if (appId !== this.applicationId) return undefined;
    return this.interactionsByToken.get(token);
  }

  private createFollowUp(appId: string, token: string, request: RecordedRequest): FakeResponse {
    const record = this.findWebhookInteraction(appId, token);
    if (!record || record.callbacks.length === 0) return { status: 404, body: errorBody('Unknown Webhook', 10015) };
    const fields = readMessageFields(request.body);
    const invalid = validateMessageFields(fields, request.files.length === 0);
    if (invalid) return { status: 400, body: invalid };
    const attachments = this.attachmentsFor(request.files);
    const original = record.originalMessageId ? this.messages.get(record.originalMessageId) : undefined;
    let message: APIMessage;
    if (
      original &&
      record.callbacks[0].type === InteractionResponseType.DeferredChannelMessageWithSource &&
      record.followUpIds.length === 0 &&
      ((original.flags ?? 0) & MessageFlags.Loading) !== 0
    ) {
      // Discord: the first follow-up to a deferred reply replaces the "thinking…" message.
      message = applyMessageEdit(original, fields, attachments, false);
      this.messages.set(message.id, message);
    } else {
      message = this.interactionMessage(record, fields, attachments, 0);
      record.followUpIds.push(message.id);
    }
    if (request.query.wait !== 'true') return { status: 204 };
    return { status: 200, body: message };
  }

  private webhookMessage(method: 'GET' | 'PATCH' | 'DELETE', params: Record<string, string>, request: RecordedRequest | undefined): FakeResponse {
    const record = this.findWebhookInteraction(params.app, params.token);
    if (!record) return { status: 404, body: errorBody('Unknown Webhook', 10015) };
    const unknownMessage: FakeResponse = { status: 404, body: errorBody('Unknown Message', 10008) };
    const isOriginal = params.message === '@original' || params.message === record.originalMessageId;
    const messageId = isOriginal ? record.originalMessageId : record.followUpIds.find((id) => id === params.message);
    if (!messageId || (isOriginal && record.deleted)) return unknownMessage;
    const message = this.messages.get(messageId);
    if (!message) return unknownMessage;
    if (method === 'GET') return { status: 200, body: message };
    if (method === 'DELETE') {
      this.messages.delete(messageId);
      if (isOriginal) record.deleted = true;
      else record.followUpIds = record.followUpIds.filter((id) => id !== messageId);
      return { status: 204 };
    }
    const fields = readMessageFields(request?.body);
    const invalid = validateMessageFields(fields, false);
    if (invalid) return { status: 400, body: invalid };
    const wasLoading = ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
    const edited = applyMessageEdit(message, fields, this.attachmentsFor(request?.files ?? []), !wasLoading);
    this.messages.set(edited.id, edited);
    return { status: 200, body: edited };
  }

  interaction(id: string): InteractionState {
    const record = this.interactions.get(id);
    if (!record) throw new Error(`fake Discord: unknown interaction ${id}`);
    const message = record.originalMessageId && !record.deleted ? (this.messages.get(record.originalMessageId) ?? null) : null;
    return {
      id: record.id,
      token: record.token,
      type: record.type,
      name: record.name,
      callbacks: [...record.callbacks],
      responseType: record.callbacks[0]?.type ?? null,
      acknowledged: record.callbacks.length > 0,
      message,
      deleted: record.deleted,
      followUps: record.followUpIds.map((fid) => this.messages.get(fid)).filter((m): m is APIMessage => m !== undefined),
      choices: record.choices,
      modal: record.modal,
    };
  }

  // -------------------------------------------------------------------------
  // Interactions: gateway side
  // -------------------------------------------------------------------------

  private resolveUser(input: FakeUserInput | undefined): APIUser {
    if (!input) return this.user;
    if (input.id !== undefined) {
      return buildUser({ id: input.id, username: input.username ?? `user${input.id.slice(-4)}`, globalName: input.globalName });
    }
    const username = input.username ?? 'tester';
    let user = this.usersByName.get(username);
    if (!user) {
      user = buildUser({ username, globalName: input.globalName });
      this.usersByName.set(username, user);
    }
    return user;
  }

  private context(target: InteractionTarget, user: APIUser): InteractionContext {
    const guild = target.guildId ? this.guilds.find((g) => g.id === target.guildId) : this.guilds[0];
    if (!guild) throw new Error(`fake Discord: unknown guild ${String(target.guildId)}`);
    const channel = target.channelId ? guild.channels.find((c) => c.id === target.channelId) : guild.channels[0];
    if (!channel) throw new Error(`fake Discord: unknown channel ${String(target.channelId)} in guild ${guild.id}`);
    return {
      applicationId: this.applicationId,
      guild,
      channel,
      member: buildInteractionMember(user, BigInt(target.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS), target.roles ?? []),
      locale: target.locale ?? Locale.EnglishUS,
      appPermissions: BigInt(target.appPermissions ?? DEFAULT_APP_PERMISSIONS),
    };
  }

  private async deliverInteraction<P extends APIInteraction>(
    payload: P,
    meta: { name: string; user: APIUser; channelId: string; guildId: string; sourceMessageId: string | null },
  ): Promise<FakeInteraction<P>> {
    const record: InteractionRecord = {
      payload,
      id: payload.id,
      token: payload.token,
      type: payload.type,
      name: meta.name,
      user: meta.user,
      channelId: meta.channelId,
      guildId: meta.guildId,
      sourceMessageId: meta.sourceMessageId,
      callbacks: [],
      originalMessageId: null,
      deleted: false,
      followUpIds: [],
      choices: null,
      modal: null,
    };
    this.interactions.set(record.id, record);
    this.interactionsByToken.set(record.token, record);
    await this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return this.handle(payload);
  }

  private handle<P extends APIInteraction>(payload: P): FakeInteraction<P> {
    const id = payload.id;
    return {
      id,
      token: payload.token,
      payload,
      state: () => this.interaction(id),
      waitForCallback: (timeoutMs) =>
        this.waitFor(() => this.interactions.get(id)?.callbacks[0], timeoutMs, `the callback of interaction ${id}`),
      waitForMessage: (predicate, timeoutMs) =>
        this.waitFor(
          () => {
            const message = this.interaction(id).message;
            if (!message) return undefined;
            if (predicate) return predicate(message) ? message : undefined;
            return ((message.flags ?? 0) & MessageFlags.Loading) === 0 ? message : undefined;
          },
          timeoutMs,
          `the message of interaction ${id}`,
        ),
      waitForFollowUps: (count, timeoutMs) =>
        this.waitFor(
          () => {
            const followUps = this.interaction(id).followUps;
            return followUps.length >= count ? followUps : undefined;
          },
          timeoutMs,
          `${count} follow-up(s) of interaction ${id}`,
        ),
      waitForChoices: (timeoutMs) => this.waitFor(() => this.interactions.get(id)?.choices, timeoutMs, `the choices of interaction ${id}`),
    };
  }

  async sendCommand(input: SendCommandInput): Promise<FakeInteraction<APIChatInputApplicationCommandGuildInteraction>> {
    const user = this.resolveUser(input.user);
    const ctx = this.context(input, user);
    const payload = buildCommandInteraction(ctx, {
      id: input.commandId ?? this.commandIdFor(input.name, ctx.guild.id),
      name: input.name,
      options: normalizeOptions(input.options),
    });
    return this.deliverInteraction(payload, { name: input.name, user, channelId: ctx.channel.id, guildId: ctx.guild.id, sourceMessageId: null });
  }

  async sendAutocomplete(input: SendAutocompleteInput): Promise<FakeInteraction<APIApplicationCommandAutocompleteGuildInteraction>> {
    const user = this.resolveUser(input.user);
    const ctx = this.context(input, user);
    const options: APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[] = [];
    for (const [name, value] of Object.entries(input.options ?? {})) {
      if (name === input.focused.name) continue;
      const option = toOption(name, value);
      // In autocomplete payloads Discord sends INTEGER/NUMBER values as typed, i.e. possibly partial strings.
      if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
        options.push({ name, type: option.type, value: String(value) });
      } else {
        options.push(option);
      }
    }
    options.push({ name: input.focused.name, type: ApplicationCommandOptionType.String, value: input.focused.value, focused: true });
    const payload = buildAutocompleteInteraction(ctx, {
      id: input.commandId ?? this.commandIdFor(input.name, ctx.guild.id),
      name: input.name,
      options,
    });
    return this.deliverInteraction(payload, { name: input.name, user, channelId: ctx.channel.id, guildId: ctx.guild.id, sourceMessageId: null });
  }

  async clickButton(input: ClickButtonInput): Promise<FakeInteraction<APIMessageComponentGuildInteraction>> {
    let message: APIMessage | undefined;
    if (typeof input.message === 'string') {
      message = this.messages.get(input.message);
      if (!message) throw new Error(`fake Discord: unknown message ${input.message}`);
    } else {
      // Prefer the fake's current version of the message (it may have been edited since).
      message = this.messages.get(input.message.id) ?? input.message;
      if (!this.messages.has(message.id)) this.messages.set(message.id, message);
    }
    if (!containsCustomId(message.components ?? [], input.customId)) {
      throw new Error(`fake Discord: message ${message.id} has no component with custom_id ${JSON.stringify(input.customId)}`);
    }
    const user = this.resolveUser(input.user);
    const ctx = this.context({ ...input, channelId: input.channelId ?? message.channel_id }, user);
    const payload = buildButtonInteraction(ctx, { customId: input.customId, message });
    return this.deliverInteraction(payload, {
      name: input.customId,
      user,
      channelId: ctx.channel.id,
      guildId: ctx.guild.id,
      sourceMessageId: message.id,
    });
  }

  // -------------------------------------------------------------------------
  // Gateway
  // -------------------------------------------------------------------------

  private sendFrame(socket: WebSocket, frame: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  private onGatewayConnection(socket: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    this.connectionQueries.push(query);
    const state: ConnectionState = { session: null };
    this.sockets.set(socket, state);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      this.onGatewayMessage(socket, state, data, isBinary);
    });
    socket.on('close', (code: number) => {
      this.sockets.delete(socket);
      const session = state.session;
      if (session && session.socket === socket) {
        session.socket = null;
        // Like Discord: a 1000/1001 close ends the session; any other code keeps it resumable.
        if (code === 1000 || code === 1001) session.valid = false;
      }
      this.changed();
    });
    socket.on('error', () => {
      // Connection errors just end the connection (the 'close' handler does the bookkeeping).
    });
    if (query.encoding !== undefined && query.encoding !== 'json') {
      socket.close(4002, 'Only encoding=json is supported by the fake');
      return;
    }
    if (query.compress !== undefined) {
      socket.close(4002, 'Transport compression is not supported by the fake');
      return;
    }
    this.sendFrame(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    this.changed();
  }

  private onGatewayMessage(socket: WebSocket, state: ConnectionState, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      socket.close(4002, 'Binary frames are not supported by the fake');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      socket.close(4002, 'Decode error');
      return;
    }
    if (!isRecord(payload) || typeof payload.op !== 'number') {
      socket.close(4002, 'Decode error');
      return;
    }
    const op = payload.op;
    const d = payload.d;
    this.received.push({ op, d, at: Date.now() });
    switch (op) {
      case GatewayOpcodes.Heartbeat:
        this.sendFrame(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOpcodes.Identify:
        this.onIdentify(socket, state, d);
        break;
      case GatewayOpcodes.Resume:
        this.onResume(socket, state, d);
        break;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!state.session) socket.close(4003, 'Not authenticated');
        break;
      default:
        socket.close(4001, 'Unknown opcode');
        break;
    }
    this.changed();
  }

  private onIdentify(socket: WebSocket, state: ConnectionState, d: unknown): void {
    if (state.session) {
      socket.close(4005, 'Already authenticated');
      return;
    }
    if (!isRecord(d) || getString(d, 'token') !== this.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    const session: GatewaySession = {
      id: nextSnowflake(),
      seq: 0,
      history: [],
      socket,
      valid: true,
      identifiedAt: Date.now(),
      resumeCount: 0,
    };
    this.sessions.set(session.id, session);
    state.session = session;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false },
      guilds: this.guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.dispatchTo(session, GatewayDispatchEvents.Ready, ready);
    for (const guild of this.guilds) this.dispatchTo(session, GatewayDispatchEvents.GuildCreate, buildGuildCreate(guild));
  }

  private onResume(socket: WebSocket, state: ConnectionState, d: unknown): void {
    if (state.session) {
      socket.close(4005, 'Already authenticated');
      return;
    }
    if (!isRecord(d) || getString(d, 'token') !== this.token) {
      socket.close(4004, 'Authentication failed');
      return;
    }
    const session = this.sessions.get(getString(d, 'session_id') ?? '');
    const seq = getNumber(d, 'seq') ?? 0;
    if (!session || !session.valid || seq > session.seq) {
      this.sendFrame(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.close(4000, 'Session resumed elsewhere');
    session.socket = socket;
    state.session = session;
    for (const entry of session.history) {
      if (entry.s > seq && socket.readyState === WebSocket.OPEN) socket.send(entry.frame);
    }
    session.resumeCount += 1;
    this.dispatchTo(session, GatewayDispatchEvents.Resumed, null);
  }

  private dispatchTo(session: GatewaySession, event: string, data: unknown): number {
    session.seq += 1;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data });
    session.history.push({ s: session.seq, frame });
    if (session.socket && session.socket.readyState === WebSocket.OPEN) session.socket.send(frame);
    return session.seq;
  }

  /** The session interactions go to: the most recently identified one that is still valid. */
  private activeSession(): GatewaySession | undefined {
    let best: GatewaySession | undefined;
    for (const session of this.sessions.values()) {
      if (session.valid && (!best || session.identifiedAt >= best.identifiedAt)) best = session;
    }
    return best;
  }

  async dispatch(event: string, data: unknown): Promise<number> {
    const session = await this.waitFor(() => this.activeSession(), this.defaultTimeoutMs, 'a gateway session (log a client in first)');
    const seq = this.dispatchTo(session, event, data);
    this.changed();
    return seq;
  }

  async requestReconnect(timeoutMs?: number): Promise<void> {
    const targets = [...this.sessions.values()].filter((s) => s.valid && s.socket !== null);
    if (targets.length === 0) throw new Error('fake Discord: no connected gateway session to reconnect');
    const before = new Map(targets.map((s) => [s, s.resumeCount]));
    for (const session of targets) {
      if (session.socket) this.sendFrame(session.socket, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
    }
    await this.waitFor(
      () => targets.every((s) => !s.valid || (s.resumeCount > (before.get(s) ?? 0) && s.socket !== null)),
      timeoutMs ?? this.defaultTimeoutMs,
      'the client to resume after op 7 RECONNECT',
    );
  }

  dropConnections(code = 4000): void {
    for (const socket of this.sockets.keys()) socket.close(code, 'Closed by the fake');
  }

  gatewayPayloads(): GatewayPayloadRecord[] {
    return [...this.received];
  }

  gatewayConnections(): Record<string, string>[] {
    return [...this.connectionQueries];
  }

  gatewayStatus(): { connections: number; sessions: number; connectedSessions: number } {
    const valid = [...this.sessions.values()].filter((s) => s.valid);
    return {
      connections: this.sockets.size,
      sessions: valid.length,
      connectedSessions: valid.filter((s) => s.socket !== null).length,
    };
  }

  // -------------------------------------------------------------------------
  // Shutdown
  // -------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.reject(new Error('fake Discord was closed'));
    for (const socket of this.sockets.keys()) socket.terminate();
    await new Promise<void>((resolve) => {
      this.wss.close(() => resolve());
    });
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Starts a fake Discord (REST + gateway) on 127.0.0.1 with a random port. */
export async function startFakeDiscord(options: StartFakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscordServer(options);
  await fake.listen();
  return fake;
}
