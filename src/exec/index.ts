export { runProcess, type SpawnRequest, type SpawnResult } from './spawn-process.js';
export { runInteractive, type InteractiveResult } from './spawn-interactive.js';
