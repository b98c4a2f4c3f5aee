export {
  captureHostEnv,
  deriveHostEnv,
  envVar,
  retryBackoffBaseMs,
  RETRY_BACKOFF_BASE_VAR,
  SYSTEM_CONFIG_DIR_VAR,
  DEFAULT_SYSTEM_CONFIG_DIR,
  type HostEnv,
  type HostEnvBase,
} from './host-env.js';
export { systemClock, type Clock } from './clock.js';
export { stdinKind, type StdinKind } from './stdin-kind.js';
