/** Bad input to a rule (a programming or configuration error, not a result): the message names what is wrong. */
export class RuleInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleInputError';
  }
}

/** A votes file that cannot be read at all (no recognisable header, empty file). Row-level problems are counted, never thrown. */
export class VoteFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VoteFileError';
  }
}
