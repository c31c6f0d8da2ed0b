/** Every slash command, listed by hand (no folder scanning): the bot and `parley deploy-commands` both use this list. */
import type { Command } from '../src/discord/command';
import { command as digest } from './digest';
import { command as timeline } from './timeline';
import { command as whosaid } from './whosaid';

export const commands: readonly Command[] = [whosaid, timeline, digest];
