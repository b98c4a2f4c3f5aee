export {
  captureHostEnv,
  deriveHostEnv,
  envVar,
  SYSTEM_CONFIG_DIR_VAR,
  DEFAULT_SYSTEM_CONFIG_DIR,
  type HostEnv,
  type HostEnvBase,
  timeZoneFromFiles,
  type TimeZoneFiles,
} from './host-env.js';
export { systemClock, type Clock } from './clock.js';
