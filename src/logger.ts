/**
 * The one pino root logger. Logs go to stderr: stdout belongs to the CLI's output. Secrets are
 * redacted wherever they would appear in a log object.
 */
import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

/** Paths that never reach a log line. */
export const REDACT_PATHS: readonly string[] = [
  'token',
  'config.token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
];

export function createLogger(level: LevelWithSilent = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      name: 'parley',
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
      base: undefined,
    },
    destination,
  );
}

/** A logger that writes nothing, for tests and quiet runs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
