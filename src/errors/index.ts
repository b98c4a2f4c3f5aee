export { EXIT, EXIT_MEANINGS, type ExitCode } from './exit-codes.js';
export {
  HexecError,
  isHexecError,
  exitCodeFor,
  formatError,
  type ErrorKind,
  type ErrorSource,
  type HexecErrorOptions,
} from './hexec-error.js';
