import { evaluateMany, gateEvaluation, type CommandGate, type ExecPolicy } from './exec-policy.js';
import { commandsForPolicy } from './shell-split.js';

/**
 * The exec-time decision for one command argv (e.g. `["/bin/bash","-lc","echo hi"]`):
 * evaluated per simple command of a plain shell script (see commandsForPolicy), strictest
 * wins, then mapped to run / refuse under approval policy `never`.
 */
export function gateCommand(policy: ExecPolicy, argv: readonly string[]): CommandGate {
  if (policy.prefixRules.length === 0) return { type: 'allow', evaluation: { matchedRules: [] } };
  return gateEvaluation(evaluateMany(policy, commandsForPolicy(argv).commands), argv);
}
