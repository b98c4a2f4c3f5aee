import { APPLY_PATCH } from './apply-patch/apply-patch-tool.js';
import type { ToolDefinition } from './define-tool.js';
import { EXEC_COMMAND, WRITE_STDIN } from './exec-command/exec-command-tool.js';
import {
  textOutcome,
  type DeclarationOptions,
  type ToolCall,
  type ToolContext,
  type ToolDeclaration,
  type ToolOutcome,
} from './tool-types.js';
import { UPDATE_PLAN } from './update-plan.js';
import { VIEW_IMAGE } from './view-image.js';

/** Every tool, in the order codex 0.169 declares them (update_plan, hexec's, last). */
export const TOOLS: readonly ToolDefinition[] = [EXEC_COMMAND, WRITE_STDIN, APPLY_PATCH, VIEW_IMAGE, UPDATE_PLAN];

function offeredTools(opts: DeclarationOptions): ToolDefinition[] {
  return TOOLS.filter((t) => t.offered(opts));
}

/** The declarations sent to the model: exec_command, write_stdin, apply_patch, view_image[, update_plan]. */
export function toolDeclarations(opts: DeclarationOptions = {}): ToolDeclaration[] {
  return offeredTools(opts).map((t) => t.declaration);
}

/**
 * Runs one tool call of the model and returns what goes back to it plus the data for
 * the `--json` event. Never throws: unknown tools, bad arguments and unexpected errors
 * all become text for the model.
 */
export async function dispatchTool(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  try {
    const tool = offeredTools({ planTool: ctx.planTool === true }).find((t) => t.name === call.name);
    if (tool === undefined)
      return textOutcome(
        call.type === 'custom_tool_call'
          ? `unsupported custom tool call: ${call.name}`
          : `unsupported call: ${call.name}`,
      );
    return await tool.handle(call, ctx);
  } catch (e) {
    return textOutcome(`${call.name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
