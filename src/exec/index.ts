export { runProcess, type SpawnRequest, type SpawnResult } from './spawn-process.js';
export { startBackground, type BackgroundRequest, type BackgroundProcess } from './background-process.js';
