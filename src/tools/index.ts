export * from './apply-patch/index.js';
export * from './exec-command/index.js';
export { ESCALATION_REJECTED } from './exec-command/exec-command-tool.js';
export { APPLY_PATCH_GRAMMAR } from './apply-patch/apply-patch-tool.js';
export { defineFreeformTool, defineFunctionTool, type ArgsOf, type ToolDefinition } from './define-tool.js';
export { dispatchTool, toolDeclarations, TOOLS } from './registry.js';
export type {
  CustomToolDeclaration,
  DeclarationOptions,
  FunctionToolDeclaration,
  ToolCall,
  ToolContext,
  ToolDeclaration,
  ToolEvent,
  ToolOutcome,
} from './tool-types.js';
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
