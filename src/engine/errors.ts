/**
 * The one table of numbered errors. Every error a user can cause (a malformed model, an unknown
 * property or parameter, a corrupt trace file, a bad option) is a ProbecheckError with a stable
 * code from this table and a message naming what was wrong and where; the CLI prints it as
 * `probecheck: E301: ...` and exits 2. Anything else escaping is a bug in probecheck.
 */
export const ERRORS = {
  // 1xx: the model's definition
  E101: 'malformed model',
  E102: 'malformed state schema',
  E103: 'malformed thread or step',
  E104: 'unknown or invalid model parameter',
  E105: 'model file could not be loaded',
  // 2xx: the model misbehaved while running
  E201: 'state field out of range',
  E202: 'step returned an unknown label',
  E203: 'step threw',
  E204: 'thread spawned while running',
  // 3xx: properties
  E301: 'unknown property',
  E302: 'property threw',
  // 4xx: traces
  E401: 'trace file unreadable or corrupt',
  E402: 'trace is for another model',
  E403: 'trace diverges from the model',
  // 5xx: usage and suites
  E501: 'bad command-line usage',
  E502: 'bad suite',
  E503: 'unreadable input file',
  // 6xx: kernel scenarios, profiles and patches
  E601: 'malformed scenario',
  E602: 'unknown kernel profile',
  E603: 'unknown patch',
  E604: 'patch does not apply',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class ProbecheckError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ProbecheckError';
  }
  /** `E202 (step returned an unknown label): ...`. */
  describe(): string { return `${this.code} (${ERRORS[this.code]}): ${this.message}`; }
}

/** Errors in a model's definition or behaviour (E1xx, E2xx). */
export class ModelError extends ProbecheckError {}
