export const BATCH_USAGE = 'hexec batch <run|local|list|report|github|k8s|slurm> ...';

export function batchHelp(): string {
  return `Run many tasks of a task file, one hermetic \`hexec exec\` per task, and merge the results.

Usage: ${BATCH_USAGE}

  run TASKS [--index N | --id ID] [--out DIR] [--replay-from DIR] [--max-cost-usd USD]
        Run one task (a unit) and write OUT/<id>/ (default results/): events.jsonl,
        the -o file, cassette.jsonl, verify.log, result.json. Without --index/--id the
        index comes from HEXEC_BATCH_INDEX, JOB_COMPLETION_INDEX (Kubernetes) or
        SLURM_ARRAY_TASK_ID (Slurm). Exit code: hexec's; 1 when verify failed.
  local TASKS [-j N] [--out DIR] [--replay-from DIR] [--max-cost-usd USD]
        Run every task on this machine, N unit processes at most (default: the CPU
        count), each a \`batch run --index I\`; then print the report. A live status line
        on a terminal, plain lines in CI. Ctrl-C stops every unit (each writes its
        result, exit 130) and keeps finished results. --max-cost-usd is the whole batch's
        budget: no unit starts once the finished units' cost reaches it, and each is
        capped at what remains. Exit 0 all passed, 1 some failed, 4 budget, 130 Ctrl-C.
  list TASKS [--json]
        Check a task file and list its tasks (index, id, repository).
  report DIR... [--tasks TASKS] [--json] [--markdown] [--strict]
        Merge result directories into one table (or JSON, or Markdown); with --tasks,
        tasks with no result are listed as missing. Appends Markdown to
        $GITHUB_STEP_SUMMARY when set. --strict: exit 1 unless every task passed.

Generators (print what an engine runs; hexec schedules nothing):
  github TASKS [--parallel N] [--secret NAME] [--runs-on LABEL] [--timeout-minutes N]
        A workflow: a matrix over the task indices (max-parallel), one artifact per
        task, a report job (needs: the matrix) that writes the job summary.
  k8s TASKS --image IMAGE [--parallel N] [--retries N] [--name NAME] [--secret NAME]
        [--secret-key KEY] [--results-pvc NAME]
        A ConfigMap with the task file and an Indexed Job (completions, parallelism,
        backoffLimitPerIndex, a pod failure policy that does not retry exits 2-7, the
        API key from a Secret, results to a PersistentVolumeClaim).
  slurm TASKS [--parallel N] [--job-name NAME] [--time T] [--partition P] [--cpus-per-task N]
        A bash script that submits a job array (--array=0-N%P) and a report job
        (--dependency=afterany) writing report.json and report.md.
  Common: --hexec CMD (how hexec is called there; github: npx --yes hexec@VERSION,
  k8s/slurm: hexec), --out DIR, --key-env VAR (default OPENAI_API_KEY), --replay-from DIR.

Options:
  --replay-from DIR   Serve every task's model from DIR/<id>/cassette.jsonl (a previous
                      batch's results): no network, no API key
  --max-cost-usd USD  run: cost cap of the unit (the smaller of this and the task's
                      max_cost_usd); local: budget of the whole batch
  -h, --help          Print help

Task file: JSONL (one task per line, optional first line {"defaults": {...}}) or YAML/JSON
({defaults, tasks}); keys and recipes: docs/batch.md, schema: schemas/tasks.schema.json.
`;
}
