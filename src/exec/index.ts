export { runProcess, type SpawnRequest, type SpawnResult } from './spawn-process.js';
export {
  startProcess,
  type OutputSlice,
  type ProcessExit,
  type ProcessHandle,
  type StartOptions,
} from './interactive-process.js';
export { runInteractive, type InteractiveResult } from './spawn-interactive.js';
export { startBackground, type BackgroundRequest, type BackgroundProcess } from './background-process.js';
