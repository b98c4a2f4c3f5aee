export {
  applyPatch,
  describeIoError,
  formatFreeformOutput,
  formatSummary,
  OUTSIDE_WRITABLE_ROOTS_REJECTION,
  READ_ONLY_REJECTION,
  type ApplyPatchOptions,
  type ApplyPatchOutcome,
  type FileChange,
  type WriteCheck,
} from './apply-patch.js';
export {
  formatParseError,
  formatParseErrorStandalone,
  parsePatch,
  type AddFileHunk,
  type DeleteFileHunk,
  type ParsePatchResult,
  type PatchHunk,
  type PatchParseError,
  type UpdateChunk,
  type UpdateFileHunk,
} from './parse-patch.js';
export { normalisePunctuation, seekSequence } from './seek-sequence.js';
export { computeUpdatedContents } from './compute-update.js';
export { localFileOps, type FileOps } from './file-ops.js';
