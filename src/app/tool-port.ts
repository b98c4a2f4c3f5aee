import type { ToolPort, ToolEventData } from '../agent/ports.js';
import { dispatchTool, type ToolContext, type ToolEvent, type CommandExecutionData } from '../tools/index.js';

function toEventData(ev: ToolEvent): ToolEventData {
  switch (ev.kind) {
    case 'command_execution':
      return commandData(ev);
    case 'file_change':
      return {
        type: 'file_change',
        changes: ev.changes.map((c) => ({ path: c.path, kind: c.kind })),
        status: ev.status,
      };
    case 'todo_list':
      return { type: 'todo_list', items: ev.items.map((i) => ({ text: i.text, completed: i.completed })) };
    case 'none':
      return { type: 'none' };
  }
}

function commandData(ev: CommandExecutionData): Extract<ToolEventData, { type: 'command_execution' }> {
  return {
    type: 'command_execution',
    command: ev.command,
    aggregatedOutput: ev.aggregated_output,
    exitCode: ev.exit_code,
    status: ev.status,
    sandboxDenied: ev.sandboxDenied,
    ...(ev.sessionId !== undefined ? { sessionId: ev.sessionId } : {}),
  };
}

/** Adapts the tool registry to the loop's port; one per run (it owns the exec sessions). */
export function createToolPort(ctx: ToolContext): ToolPort {
  return {
    async run(call, signal) {
      const outcome = await dispatchTool(
        call.kind === 'function_call'
          ? { type: 'function_call', name: call.name, arguments: call.input, call_id: call.callId }
          : { type: 'custom_tool_call', name: call.name, input: call.input, call_id: call.callId },
        { ...ctx, signal },
      );
      const outputType = call.kind === 'function_call' ? 'function_call_output' : 'custom_tool_call_output';
      return {
        outputItem: { type: outputType, call_id: call.callId, output: outcome.output },
        event: toEventData(outcome.event),
      };
    },
    async finish() {
      const left = await ctx.execSessions.terminateAll();
      return left.map(commandData);
    },
  };
}
