export { runProcess, type SpawnRequest, type SpawnResult } from './spawn-process.js';
