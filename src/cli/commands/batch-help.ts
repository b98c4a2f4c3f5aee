export const BATCH_USAGE = 'hexec batch <run|list|report> ...';

export function batchHelp(): string {
  return `Run many tasks of a task file, one hermetic \`hexec exec\` per task, and merge the results.

Usage: ${BATCH_USAGE}

  run TASKS [--index N | --id ID] [--out DIR] [--replay-from DIR] [--max-cost-usd USD]
        Run one task (a unit) and write OUT/<id>/ (default results/): events.jsonl,
        the -o file, cassette.jsonl, verify.log, result.json. Without --index/--id the
        index comes from HEXEC_BATCH_INDEX, JOB_COMPLETION_INDEX (Kubernetes) or
        SLURM_ARRAY_TASK_ID (Slurm). Exit code: hexec's; 1 when verify failed.
  list TASKS [--json]
        Check a task file and list its tasks (index, id, repository).
  report DIR... [--tasks TASKS] [--json] [--markdown] [--strict]
        Merge result directories into one table (or JSON, or Markdown); with --tasks,
        tasks with no result are listed as missing. Appends Markdown to
        $GITHUB_STEP_SUMMARY when set. --strict: exit 1 unless every task passed.

Options:
  --replay-from DIR   Serve every task's model from DIR/<id>/cassette.jsonl (a previous
                      batch's results): no network, no API key
  --max-cost-usd USD  Cost cap of the unit (the smaller of this and the task's max_cost_usd)
  -h, --help          Print help

Task file: JSONL (one task per line, optional first line {"defaults": {...}}) or YAML/JSON
({defaults, tasks}); keys and recipes: docs/batch.md, schema: schemas/tasks.schema.json.
`;
}
