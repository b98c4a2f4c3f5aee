// Generates schemas/events.schema.json from the TypeScript declarations in
// src/agent/events.ts, using the TypeScript compiler's own parser (a dev dependency).
// Supported: interfaces, type aliases of unions, string/number literal types, arrays,
// optional properties, `T | null`, primitives, and references to other declarations.
// `node scripts/gen-event-schema.mjs` writes the file; `--check` exits 1 if it is stale.
import ts from 'typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcPath = join(root, 'src/agent/events.ts');
const outPath = join(root, 'schemas/events.schema.json');
const ROOT_TYPE = 'ThreadEvent';

export function generateEventSchema(sourceText) {
  const sf = ts.createSourceFile('events.ts', sourceText, ts.ScriptTarget.ES2022, true);
  const decls = new Map();
  sf.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) decls.set(node.name.text, node);
  });
  const docOf = (node) => {
    const jsDoc = node.jsDoc;
    if (!jsDoc || jsDoc.length === 0) return undefined;
    const c = jsDoc[jsDoc.length - 1].comment;
    return typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : undefined;
  };
  const typeToSchema = (t) => {
    switch (t.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.NullKeyword:
        return { type: 'null' };
      default:
        break;
    }
    if (ts.isLiteralTypeNode(t)) {
      if (ts.isStringLiteral(t.literal)) return { const: t.literal.text };
      if (ts.isNumericLiteral(t.literal)) return { const: Number(t.literal.text) };
      if (t.literal.kind === ts.SyntaxKind.NullKeyword) return { type: 'null' };
      if (t.literal.kind === ts.SyntaxKind.TrueKeyword) return { const: true };
      if (t.literal.kind === ts.SyntaxKind.FalseKeyword) return { const: false };
    }
    if (ts.isArrayTypeNode(t)) return { type: 'array', items: typeToSchema(t.elementType) };
    if (ts.isUnionTypeNode(t)) {
      const parts = t.types.map(typeToSchema);
      if (parts.every((p) => 'const' in p && typeof p.const === 'string')) return { enum: parts.map((p) => p.const) };
      return { anyOf: parts };
    }
    if (ts.isParenthesizedTypeNode(t)) return typeToSchema(t.type);
    if (ts.isTypeReferenceNode(t)) {
      const name = t.typeName.getText(sf);
      if (!decls.has(name)) throw new Error(`events.ts: unsupported type reference ${name}`);
      return { $ref: `#/$defs/${name}` };
    }
    throw new Error(`events.ts: unsupported type syntax: ${t.getText(sf)}`);
  };
  const declToSchema = (node) => {
    if (ts.isTypeAliasDeclaration(node)) return typeToSchema(node.type);
    const properties = {};
    const required = [];
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.type) throw new Error(`events.ts: unsupported member in ${node.name.text}`);
      const name = m.name.getText(sf);
      const s = typeToSchema(m.type);
      const doc = docOf(m);
      properties[name] = doc ? { ...s, description: doc } : s;
      if (!m.questionToken) required.push(name);
    }
    return { type: 'object', properties, required, additionalProperties: true };
  };
  // Only what the root reaches, in a stable (alphabetical) order.
  const reached = new Set();
  const visit = (name) => {
    if (reached.has(name)) return;
    reached.add(name);
    const text = decls.get(name).getText(sf);
    for (const other of decls.keys()) if (other !== name && new RegExp(`\\b${other}\\b`).test(text)) visit(other);
  };
  visit(ROOT_TYPE);
  const $defs = {};
  for (const name of [...reached].sort()) {
    const d = decls.get(name);
    const s = declToSchema(d);
    const doc = docOf(d);
    $defs[name] = doc ? { description: doc, ...s } : s;
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/hexec/hexec/schemas/events.schema.json',
    title: 'hexec exec --json event (one JSON object per line)',
    $ref: `#/$defs/${ROOT_TYPE}`,
    $defs,
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = JSON.stringify(generateEventSchema(readFileSync(srcPath, 'utf8')), null, 2) + '\n';
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(outPath, 'utf8');
    } catch {
      /* missing */
    }
    if (current !== text) {
      console.error('schemas/events.schema.json is stale: run `node scripts/gen-event-schema.mjs`');
      process.exit(1);
    }
  } else {
    writeFileSync(outPath, text);
    console.error('wrote schemas/events.schema.json');
  }
}
