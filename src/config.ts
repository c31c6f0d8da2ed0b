/**
 * Configuration, read and validated once at start into a typed object. A missing or malformed
 * variable stops the program with one line that names it and says how to fix it.
 */
import { z } from 'zod';
import { UserError } from './errors';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Discord's default REST base URL (discord.js appends /v10). */
export const DEFAULT_DISCORD_API = 'https://discord.com/api';
export const DEFAULT_DATA_DIR = './data';
/** Minutes between polls of each feed, unless PARLEY_FEED_INTERVAL says otherwise. */
export const DEFAULT_FEED_INTERVAL = 15;

const snowflake = (name: string, how: string) =>
  z.string({ error: `${name} is not set: ${how}` }).trim().regex(/^\d{17,20}$/, { message: `${name} must be a Discord id (17 to 20 digits): ${how}` });

const common = {
  PARLEY_DATA_DIR: z.string().trim().min(1).default(DEFAULT_DATA_DIR),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PARLEY_FEEDS: z
    .string()
    .default('')
    .transform((v) => [...new Set(v.split(/[\s,]+/).filter((u) => u.length > 0))])
    .refine((urls) => urls.every((u) => /^https?:\/\/[^\s/]+/i.test(u) && URL.canParse(u)), {
      message: 'PARLEY_FEEDS must list feed URLs (http or https), separated by commas or spaces',
    }),
  PARLEY_FEED_INTERVAL: z
    .string()
    .default(String(DEFAULT_FEED_INTERVAL))
    .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 1440, {
      message: 'PARLEY_FEED_INTERVAL must be a whole number of minutes from 1 to 1440 (default 15)',
    })
    .transform(Number),
};

const TOKEN_HELP = 'create a bot at https://discord.com/developers/applications (Bot → Reset Token) and put it in .env as DISCORD_TOKEN=…';
const APP_HELP = 'copy the Application ID from https://discord.com/developers/applications (General Information) into .env';

const BotEnv = z.object({
  ...common,
  DISCORD_TOKEN: z
    .string({ error: `DISCORD_TOKEN is not set: ${TOKEN_HELP}` })
    .trim()
    .min(1, { message: `DISCORD_TOKEN is empty: ${TOKEN_HELP}` })
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, { message: `DISCORD_TOKEN does not look like a bot token (three dot-separated parts): ${TOKEN_HELP}` }),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID', APP_HELP),
  DISCORD_GUILD_ID: z
    .string()
    .trim()
    .regex(/^\d{17,20}$/, { message: 'DISCORD_GUILD_ID must be a server id (17 to 20 digits): right-click the server with Developer Mode on → Copy Server ID, or leave it unset' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DISCORD_API_BASE: z
    .url({ protocol: /^https?$/, message: 'DISCORD_API_BASE must be an http(s) URL such as https://discord.com/api, or unset' })
    .default(DEFAULT_DISCORD_API)
    .transform((u) => u.replace(/\/+$/, '').replace(/\/v\d+$/, '')),
});

const CliEnv = z.object(common);

/** The feeds to poll (common to the CLI and the bot). */
export interface FeedsConfig {
  /** Feed URLs (PARLEY_FEEDS, comma- or space-separated). */
  feeds: string[];
  /** Minutes between polls of each feed (PARLEY_FEED_INTERVAL, default 15). */
  feedIntervalMinutes: number;
}

export interface CliConfig extends FeedsConfig {
  dataDir: string;
  logLevel: LogLevel;
}

export interface BotConfig extends CliConfig {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  apiBase: string;
}

type Env = Record<string, string | undefined>;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid configuration';
  const name = String(issue.path[0] ?? 'configuration');
  return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
}

/** Blank values count as unset. */
function clean(env: Env): Env {
  const out: Env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

export function loadCliConfig(env: Env): CliConfig {
  const parsed = CliEnv.safeParse(clean(env));
  if (!parsed.success) throw new UserError(firstIssue(parsed.error));
  return {
    dataDir: parsed.data.PARLEY_DATA_DIR,
    logLevel: parsed.data.LOG_LEVEL,
    feeds: parsed.data.PARLEY_FEEDS,
    feedIntervalMinutes: parsed.data.PARLEY_FEED_INTERVAL,
  };
}

export function loadBotConfig(env: Env): BotConfig {
  const parsed = BotEnv.safeParse(clean(env));
  if (!parsed.success) throw new UserError(firstIssue(parsed.error));
  const d = parsed.data;
  return {
    dataDir: d.PARLEY_DATA_DIR,
    logLevel: d.LOG_LEVEL,
    feeds: d.PARLEY_FEEDS,
    feedIntervalMinutes: d.PARLEY_FEED_INTERVAL,
    token: d.DISCORD_TOKEN,
    applicationId: d.DISCORD_APPLICATION_ID,
    guildId: d.DISCORD_GUILD_ID,
    apiBase: d.DISCORD_API_BASE,
  };
}
