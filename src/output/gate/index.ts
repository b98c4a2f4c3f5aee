export { parseAssertion, type Assertion, type ComparisonOp } from './assertion.js';
export { evaluateAssertion, type CheckResult } from './evaluate.js';
export { parsePointer, lookupPointer, formatPointer, describeValue, type PointerLookup } from './json-pointer.js';
export { compileSchema, formatSchemaErrors } from './schema-check.js';
export { runGate, readJsonFile, formatGateReport, type GateRequest, type GateReport } from './run-gate.js';
