import { defineFreeformTool } from '../define-tool.js';
import { textOutcome } from '../tool-types.js';
import { applyPatch } from './apply-patch.js';

/** codex's Lark grammar of a patch (the `format` of the freeform tool), byte for byte. */
export const APPLY_PATCH_GRAMMAR = [
  'start: begin_patch hunk+ end_patch',
  'begin_patch: "*** Begin Patch" LF',
  'end_patch: "*** End Patch" LF?',
  '',
  'hunk: add_hunk | delete_hunk | update_hunk',
  'add_hunk: "*** Add File: " filename LF add_line+',
  'delete_hunk: "*** Delete File: " filename LF',
  'update_hunk: "*** Update File: " filename LF change_move? change?',
  '',
  'filename: /(.+)/',
  'add_line: "+" /(.*)/ LF -> line',
  '',
  'change_move: "*** Move to: " filename LF',
  'change: (change_context | change_line)+ eof_line?',
  'change_context: ("@@" | "@@ " /(.+)/) LF',
  'change_line: ("+" | "-" | " ") /(.*)/ LF',
  'eof_line: "*** End of File" LF',
  '',
  '%import common.LF',
  '',
].join('\n');

export const APPLY_PATCH = defineFreeformTool({
  name: 'apply_patch',
  description:
    'The `apply_patch` tool can be used to edit files. This is a FREEFORM tool, so do not wrap the patch in JSON.',
  grammar: APPLY_PATCH_GRAMMAR,
  run: async (input, ctx) => {
    const r = await applyPatch(input, {
      cwd: ctx.cwd,
      canWrite: ctx.canWrite,
      ...(ctx.clock !== undefined ? { clock: ctx.clock } : {}),
      ...(ctx.fileOps !== undefined ? { fileOps: ctx.fileOps } : {}),
    });
    if (r.status === 'rejected') return textOutcome(r.output);
    return { output: r.output, event: { kind: 'file_change', changes: r.changes, status: r.status } };
  },
});
