import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { HexecError } from '../../errors/index.js';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the
// module object, under a bundler it is the function. Accept both.
type AddFormats = (ajv: Ajv | Ajv2020) => unknown;
const addFormats: AddFormats =
  typeof addFormatsModule === 'function'
    ? addFormatsModule
    : (addFormatsModule as unknown as { default: AddFormats }).default;

const DRAFT_07 = /json-schema\.org\/draft-0[67]\/schema/;
const DRAFT_2020 = /json-schema\.org\/draft\/2020-12\/schema/;

/**
 * Compiles a JSON Schema: draft 2020-12 by default and when `$schema` says so, draft-07
 * (and 06) when `$schema` names it; any other `$schema` is refused. Formats come from
 * ajv-formats. A schema that is not valid against its meta-schema is a usage error.
 */
export function compileSchema(schema: unknown, file: string): ValidateFunction {
  if (schema === null || (typeof schema !== 'object' && typeof schema !== 'boolean') || Array.isArray(schema)) {
    throw new HexecError('usage', 'a JSON Schema must be an object or a boolean', {
      source: { file },
      found: JSON.stringify(schema),
    });
  }
  const declared = typeof schema === 'object' ? (schema as Record<string, unknown>)['$schema'] : undefined;
  if (
    declared !== undefined &&
    (typeof declared !== 'string' || (!DRAFT_07.test(declared) && !DRAFT_2020.test(declared)))
  ) {
    throw new HexecError('usage', 'unsupported $schema', {
      source: { file, key: '$schema' },
      expected: 'draft 2020-12 or draft-07',
      found: JSON.stringify(declared),
    });
  }
  const options = { allErrors: true, strict: false, validateFormats: true } as const;
  const ajv = typeof declared === 'string' && DRAFT_07.test(declared) ? new Ajv(options) : new Ajv2020(options);
  addFormats(ajv);
  try {
    return ajv.compile(schema as object);
  } catch (e) {
    throw new HexecError('usage', `invalid JSON Schema: ${e instanceof Error ? e.message : String(e)}`, {
      source: { file },
    });
  }
}

/** "at /a/0: must be string" — one line per error, stable order. */
export function formatSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const extra =
      e.keyword === 'additionalProperties'
        ? ` ('${String((e.params as { additionalProperty?: unknown }).additionalProperty)}')`
        : e.keyword === 'enum'
          ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
          : '';
    return `at ${where}: ${e.message ?? e.keyword}${extra}`;
  });
}
