import { HexecError } from '../../errors/index.js';
import { parsePointer } from './json-pointer.js';

/**
 * The gate's assertion language, one check per `--assert`:
 *
 *   POINTER OP VALUE      OP is == != < <= > >= contains matches
 *   POINTER exists        the member is present (any value, null included)
 *   POINTER missing       the member is absent
 *
 * POINTER is a JSON Pointer (RFC 6901), written bare (`/a/b`, ends at the first space) or
 * in single quotes (`'/a b'`; `''` is the whole document); `/x/length` is the length of an array or string. VALUE is one
 * JSON literal (`"pass"`, `3`, `0.8`, `true`, `null`, `[1,2]`, `{"a":1}`). Numbers only for
 * < <= > >=; a string for matches (a JavaScript regular expression, unicode mode).
 */
export type ComparisonOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'matches';

export type Assertion =
  | {
      readonly kind: 'compare';
      readonly source: string;
      readonly pointer: readonly string[];
      readonly op: ComparisonOp;
      readonly value: unknown;
      readonly regex?: RegExp;
    }
  | { readonly kind: 'exists'; readonly source: string; readonly pointer: readonly string[] }
  | { readonly kind: 'missing'; readonly source: string; readonly pointer: readonly string[] };

const OPS: readonly ComparisonOp[] = ['==', '!=', '<=', '>=', '<', '>', 'contains', 'matches'];
const SYNTAX = `POINTER OP VALUE (OP: ${OPS.join(' ')}), POINTER exists, or POINTER missing`;

function fail(source: string, message: string, hint?: string): never {
  throw new HexecError('usage', `invalid assertion '${source}': ${message}`, {
    source: { flag: '--assert' },
    ...(hint !== undefined ? { hint } : {}),
  });
}

function splitPointer(source: string): { pointerText: string; rest: string } {
  const text = source.trimStart();
  if (text.startsWith("'")) {
    const end = text.indexOf("'", 1);
    if (end < 0) fail(source, 'unterminated quoted pointer');
    return { pointerText: text.slice(1, end), rest: text.slice(end + 1) };
  }
  const m = /^\S*/.exec(text);
  const pointerText = m?.[0] ?? '';
  return { pointerText, rest: text.slice(pointerText.length) };
}

export function parseAssertion(source: string): Assertion {
  if (source.trim() === '') fail(source, 'it is empty', `write ${SYNTAX}`);
  const { pointerText, rest } = splitPointer(source);
  if (!pointerText.startsWith('/') && pointerText !== '') {
    fail(
      source,
      `'${pointerText}' is not a JSON Pointer (it must start with '/')`,
      `write ${SYNTAX}, e.g. /verdict == "pass"`,
    );
  }
  let pointer: string[];
  try {
    pointer = parsePointer(pointerText);
  } catch (e) {
    fail(source, e instanceof Error ? e.message : String(e));
  }
  if (!/^\s/.test(rest) && rest !== '') fail(source, 'expected a space after the pointer');
  const body = rest.trim();
  if (body === 'exists') return { kind: 'exists', source, pointer };
  if (body === 'missing') return { kind: 'missing', source, pointer };
  const op = OPS.find((o) => body.startsWith(o) && (/^[=!<>]/.test(o) || /^\s/.test(body.slice(o.length))));
  if (op === undefined) {
    const word = body.split(/\s+/)[0] ?? '';
    fail(source, word === '' ? 'missing operator' : `unknown operator '${word}'`, `write ${SYNTAX}`);
  }
  const valueText = body.slice(op.length).trim();
  if (valueText === '')
    fail(source, `missing value after '${op}'`, 'the value is a JSON literal, e.g. "pass", 3, true, null');
  let value: unknown;
  try {
    value = JSON.parse(valueText);
  } catch {
    fail(source, `'${valueText}' is not a JSON value`, 'strings need double quotes: /verdict == "pass"');
  }
  if (typeof value === 'number' && !Number.isFinite(value)) fail(source, `'${valueText}' is out of range for a number`);
  if ((op === '<' || op === '<=' || op === '>' || op === '>=') && typeof value !== 'number') {
    fail(source, `'${op}' compares numbers, but the value is ${JSON.stringify(value)}`);
  }
  if (op === 'matches') {
    if (typeof value !== 'string')
      fail(source, `'matches' needs a regular expression in a JSON string, found ${valueText}`);
    let regex: RegExp;
    try {
      regex = new RegExp(value, 'u');
    } catch (e) {
      fail(source, `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { kind: 'compare', source, pointer, op, value, regex };
  }
  return { kind: 'compare', source, pointer, op, value };
}
