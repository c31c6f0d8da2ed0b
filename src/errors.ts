/**
 * An expected failure caused by what a person typed or handed in (no match, a bad date, a file that
 * is not an article). Its message is written for that person; front ends show it as it is, without
 * a stack trace. Anything else thrown is a bug.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
