import { say } from './messages';

/** A command used wrongly: said with the command's usage line, exit code 2. */
export class UsageError extends Error {}

export const requireOpt = (v: Record<string, unknown>, name: string) => {
  const x = v[name];
  if (typeof x !== 'string' || x === '') throw new UsageError(say('optionRequired', { name }));
  return x;
};
