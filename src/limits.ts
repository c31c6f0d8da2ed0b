/**
 * Discord's limits on what a bot sends, in one place for every payload builder (the bot's replies
 * in src/discord/render.ts and the digests in src/digest/render.ts). Plain numbers: no discord.js.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title, description, field names and values, footer and author of every embed of a message together. */
  embedTotal: 6000,
  /** Autocomplete: choices per answer, and characters of a choice's name and value. */
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;
