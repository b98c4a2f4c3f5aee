import { readFileSync } from 'node:fs';
import { HexecError } from '../../errors/index.js';
import { parseAssertion } from './assertion.js';
import { evaluateAssertion, type CheckResult } from './evaluate.js';
import { compileSchema, formatSchemaErrors } from './schema-check.js';

export interface GateRequest {
  /** Path of the JSON document (already resolved against the cwd). */
  readonly file: string;
  readonly schemaFile?: string;
  readonly assertions: readonly string[];
}

export interface GateReport {
  readonly file: string;
  /** Schema errors, one line each; empty when valid or when no schema was given. */
  readonly schemaErrors: readonly string[];
  readonly checks: readonly CheckResult[];
  readonly ok: boolean;
}

/** Reads and parses a JSON file; a missing, unreadable or invalid file is a usage error naming it. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HexecError('usage', `cannot read ${what}${code !== undefined ? ` (${code})` : ''}`, { source: { file } });
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new HexecError('usage', `${what} is not valid JSON: ${detail}`, {
      source: { file },
      ...(text.trim() === '' ? { found: 'an empty file' } : {}),
    });
  }
}

/**
 * The gate: parse every assertion first (a bad one is exit 2 before anything is read),
 * then load the schema and the document, then check. The report lists every check.
 */
export function runGate(req: GateRequest): GateReport {
  const assertions = req.assertions.map(parseAssertion);
  const validate =
    req.schemaFile !== undefined ? compileSchema(readJsonFile(req.schemaFile, 'schema'), req.schemaFile) : undefined;
  const doc = readJsonFile(req.file, 'output file');
  const schemaErrors = validate !== undefined && !validate(doc) ? formatSchemaErrors(validate.errors) : [];
  const checks = assertions.map((a) => evaluateAssertion(doc, a));
  return { file: req.file, schemaErrors, checks, ok: schemaErrors.length === 0 && checks.every((c) => c.ok) };
}

/** Human report: one line per check, failures with what was expected and found. */
export function formatGateReport(report: GateReport, schemaFile?: string): string {
  const lines: string[] = [];
  if (schemaFile !== undefined) {
    if (report.schemaErrors.length === 0) lines.push(`ok    schema ${schemaFile}`);
    else {
      lines.push(`FAIL  schema ${schemaFile}: ${report.schemaErrors.length} error(s)`);
      for (const e of report.schemaErrors) lines.push(`        ${e}`);
    }
  }
  for (const c of report.checks) {
    lines.push(
      c.ok ? `ok    ${c.check}` : `FAIL  ${c.check}\n        expected ${c.expected}\n        found ${c.found}`,
    );
  }
  const failed = report.checks.filter((c) => !c.ok).length + (report.schemaErrors.length > 0 ? 1 : 0);
  const total = report.checks.length + (schemaFile !== undefined ? 1 : 0);
  lines.push(
    report.ok
      ? `gate passed: ${total} check(s) on ${report.file}`
      : `gate failed: ${failed} of ${total} check(s) on ${report.file}`,
  );
  return `${lines.join('\n')}\n`;
}
