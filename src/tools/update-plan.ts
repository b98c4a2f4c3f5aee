import { argumentError, defineFunctionTool } from './define-tool.js';

/**
 * update_plan: the model's todo list. Returns "Plan updated" and the items for a
 * `todo_list` event (started on the first update, updated on later ones).
 */
export type PlanStatus = 'pending' | 'in_progress' | 'completed';

export interface PlanStep {
  readonly step: string;
  readonly status: PlanStatus;
}

export interface TodoItem {
  readonly text: string;
  readonly completed: boolean;
}

export type UpdatePlanResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly explanation?: string;
      readonly plan: readonly PlanStep[];
      readonly items: readonly TodoItem[];
    }
  | { readonly ok: false; readonly text: string };

const STATUSES: readonly string[] = ['pending', 'in_progress', 'completed'];

function fail(message: string): UpdatePlanResult {
  return argumentError(message);
}

export function updatePlan(args: unknown): UpdatePlanResult {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return fail('expected an object');
  const rec = args as Record<string, unknown>;
  const explanation = rec['explanation'];
  if (explanation !== undefined && explanation !== null && typeof explanation !== 'string') {
    return fail('`explanation` must be a string');
  }
  const raw = rec['plan'];
  if (raw === undefined) return fail('missing field `plan`');
  if (!Array.isArray(raw)) return fail('`plan` must be an array');
  const plan: PlanStep[] = [];
  for (const [i, entry] of raw.entries()) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const step = e['step'];
    const status = e['status'];
    if (typeof step !== 'string') return fail(`plan[${i}]: missing field \`step\``);
    if (typeof status !== 'string' || !STATUSES.includes(status)) {
      return fail(
        `plan[${i}]: unknown status ${JSON.stringify(status)}, expected one of pending, in_progress, completed`,
      );
    }
    plan.push({ step, status: status as PlanStatus });
  }
  const items = plan.map((p) => ({ text: p.step, completed: p.status === 'completed' }));
  return {
    ok: true,
    text: 'Plan updated',
    ...(typeof explanation === 'string' ? { explanation } : {}),
    plan,
    items,
  };
}

/** Not sent by codex 0.169 for gpt-5.5; offered when the caller enables the plan tool. */
export const UPDATE_PLAN = defineFunctionTool({
  name: 'update_plan',
  description:
    'Updates the task plan.\nProvide an optional explanation and a list of plan items, each with a step and status.\nAt most one step can be in_progress at a time.\n',
  parameters: {
    type: 'object',
    properties: {
      explanation: { type: 'string' },
      plan: {
        type: 'array',
        description: 'The list of steps',
        items: {
          type: 'object',
          properties: {
            status: { type: 'string', description: 'One of: pending, in_progress, completed' },
            step: { type: 'string' },
          },
          required: ['step', 'status'],
          additionalProperties: false,
        },
      },
    },
    required: ['plan'],
    additionalProperties: false,
  },
  // its own reading: the status of each step is checked, with the step's index in the error
  parse: (raw) => {
    const r = updatePlan(raw);
    return r.ok ? { ok: true, args: r } : r;
  },
  offered: (opts) => opts.planTool === true,
  run: async (r) => ({ output: r.text, event: { kind: 'todo_list', items: r.items } }),
});
