export * from './apply-patch/index.js';
export * from './exec-command/index.js';
export {
  APPLY_PATCH_GRAMMAR,
  APPLY_PATCH_TOOL,
  EXEC_COMMAND_TOOL,
  toolDeclarations,
  UPDATE_PLAN_TOOL,
  VIEW_IMAGE_TOOL,
  WRITE_STDIN_TOOL,
  type CustomToolDeclaration,
  type DeclarationOptions,
  type FunctionToolDeclaration,
  type ToolDeclaration,
} from './declarations.js';
export {
  dispatchTool,
  ESCALATION_REJECTED,
  type ToolCall,
  type ToolContext,
  type ToolEvent,
  type ToolOutcome,
} from './dispatch-tool.js';
export { updatePlan, type PlanStatus, type PlanStep, type TodoItem, type UpdatePlanResult } from './update-plan.js';
export {
  MAX_IMAGE_BYTES,
  sniffImageType,
  viewImage,
  type InputImageItem,
  type InputTextItem,
  type OutputContentItem,
  type ViewImageResult,
} from './view-image.js';
