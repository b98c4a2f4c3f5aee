export {
  type SandboxPolicy,
  type SandboxModeName,
  READ_ONLY_POLICY,
  DANGER_FULL_ACCESS_POLICY,
  workspaceWritePolicy,
  networkAllowed,
  permissionProfileName,
  PROTECTED_NAMES,
} from './sandbox-policy.js';
export { type FsProbe, type FsKind, realFsProbe, resolveForWrite, isWithin } from './fs-probe.js';
export { sandboxLayout, layoutAllowsWrite, type SandboxLayout, type LayoutContext } from './sandbox-layout.js';
export { buildBwrapArgs, buildBwrapPlan, type BwrapContext, type BwrapPlan } from './bwrap-args.js';
export { canWrite, type CanWriteContext } from './can-write.js';
export {
  preflight,
  beginPreflight,
  preflightAfter,
  bwrapVersion,
  findBwrap,
  probeArgs,
  type EarlyPreflight,
  type PreflightResult,
} from './preflight.js';
export { diagnoseProbeFailure, MISSING_BWRAP_DIAGNOSIS, type ProbeFacts } from './diagnose.js';
export {
  launcherFor,
  isRefused,
  type CommandLauncher,
  type LaunchCommand,
  type LaunchOutcome,
  type LauncherOptions,
} from './launcher.js';
export {
  HERMETIC_IDENTITY,
  groupText,
  passwdText,
  writeIdentityFiles,
  type IdentitySpec,
  type SandboxIdentity,
} from './identity.js';
