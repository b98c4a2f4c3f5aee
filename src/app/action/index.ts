export { runAction, type ActionIO } from './run-action.js';
export { readActionInputs, inputVarName, SAFETY_STRATEGIES, type ActionInputs, type SafetyStrategy } from './inputs.js';
export { parseCodexArgs, splitShellWords } from './codex-args.js';
export { formatOutputs, parseOutputs, summaryMarkdown } from './github-output.js';
export { summarizeEvents, type RunSummary, type RunUsage } from './run-events.js';
export { checkActor, type ActorDecision } from './actor-check.js';
