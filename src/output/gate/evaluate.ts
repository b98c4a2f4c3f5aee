import { canonicalJson } from '../../util/index.js';
import type { Assertion } from './assertion.js';
import { describeValue, formatPointer, lookupPointer } from './json-pointer.js';

export interface CheckResult {
  readonly check: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly found: string;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function expectation(a: Assertion): string {
  const where = formatPointer(a.pointer) || '(root)';
  switch (a.kind) {
    case 'exists':
      return `${where} to exist`;
    case 'missing':
      return `${where} to be absent`;
    case 'compare': {
      const v = JSON.stringify(a.value);
      switch (a.op) {
        case '==':
          return `${where} equal to ${v}`;
        case '!=':
          return `${where} not equal to ${v}`;
        case 'contains':
          return `${where} (array or string) containing ${v}`;
        case 'matches':
          return `${where} (string) matching /${String(a.value)}/`;
        default:
          return `${where} (number) ${a.op} ${v}`;
      }
    }
  }
}

function compare(a: Extract<Assertion, { kind: 'compare' }>, found: unknown): boolean {
  switch (a.op) {
    case '==':
      return same(found, a.value);
    case '!=':
      return !same(found, a.value);
    case '<':
      return typeof found === 'number' && found < (a.value as number);
    case '<=':
      return typeof found === 'number' && found <= (a.value as number);
    case '>':
      return typeof found === 'number' && found > (a.value as number);
    case '>=':
      return typeof found === 'number' && found >= (a.value as number);
    case 'contains':
      if (Array.isArray(found)) return found.some((el) => same(el, a.value));
      if (typeof found === 'string' && typeof a.value === 'string') return found.includes(a.value);
      return false;
    case 'matches':
      return typeof found === 'string' && a.regex !== undefined && a.regex.test(found);
  }
}

/**
 * Checks one assertion against a document. A member that does not exist fails every
 * check except `missing` (so `/y != null` also requires /y to be present).
 */
export function evaluateAssertion(doc: unknown, a: Assertion): CheckResult {
  const looked = lookupPointer(doc, a.pointer);
  const expected = expectation(a);
  if (a.kind === 'missing') {
    return looked.found
      ? { check: a.source, ok: false, expected, found: describeValue(looked.value) }
      : { check: a.source, ok: true, expected, found: 'absent' };
  }
  if (!looked.found) return { check: a.source, ok: false, expected, found: `nothing (${looked.reason})` };
  if (a.kind === 'exists') return { check: a.source, ok: true, expected, found: describeValue(looked.value) };
  return { check: a.source, ok: compare(a, looked.value), expected, found: describeValue(looked.value) };
}
