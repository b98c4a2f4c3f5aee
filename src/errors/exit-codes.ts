/**
 * The exit-code contract. README.md's table is checked against this one by a test;
 * change both together.
 */
export const EXIT = {
  ok: 0,
  runFailed: 1,
  usage: 2,
  outputSchema: 3,
  budget: 4,
  sandbox: 5,
  replayDiverged: 6,
  auth: 7,
  sigint: 130,
  sigterm: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_MEANINGS: ReadonlyArray<readonly [ExitCode, string]> = [
  [EXIT.ok, 'success'],
  [EXIT.runFailed, 'run failed (model or turn failure, internal error)'],
  [EXIT.usage, 'usage or configuration error'],
  [EXIT.outputSchema, 'final output failed --output-schema after repair attempts'],
  [EXIT.budget, 'budget exhausted'],
  [EXIT.sandbox, 'sandbox required but unavailable'],
  [EXIT.replayDiverged, 'replay diverged from the recording'],
  [EXIT.auth, 'authentication failed'],
  [EXIT.sigint, 'interrupted (SIGINT)'],
  [EXIT.sigterm, 'terminated (SIGTERM)'],
];
