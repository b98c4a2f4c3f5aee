export { loadTaskFile, isGitUrl, type Task, type TaskFile } from './task-file.js';
export { TASK_FIELDS, tasksJsonSchema, type TaskField } from './task-fields.js';
export { selectTask, INDEX_VARS, type TaskSelector } from './select-task.js';
export { runUnit, exitMeaning, UNIT_FILES, type UnitIO, type UnitOptions } from './run-unit.js';
export type { UnitResult, UnitUsage } from './unit-result.js';
export { buildReport, type BatchReport, type ReportRow } from './batch-report.js';
export { renderReportMarkdown, renderReportText, formatCost, formatMs } from './render-report.js';
export { scanResults, readResultDir, RESULT_FILE } from './result-dir.js';
export { unitExecArgv, tomlLiteral } from './unit-argv.js';
