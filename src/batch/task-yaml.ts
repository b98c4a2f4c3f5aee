import { HexecError } from '../errors/index.js';

/** A parsed YAML/JSON document and where each value of it was written. */
export interface LocatedDocument {
  readonly value: unknown;
  /** 1-based line of the key (or sequence item) at `path`, or of its nearest written ancestor. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

interface YamlNodeLike {
  readonly range?: readonly [number, number, number] | null;
  readonly items?: readonly unknown[];
  readonly key?: unknown;
  readonly value?: unknown;
}

/**
 * Parses a YAML (or JSON) task file with the `yaml` package, loaded only here: JSONL task
 * files never load it. Anchors and aliases resolve as YAML says; duplicate keys, tabs
 * for indentation and other syntax errors are exit 2 with the file, line and column.
 */
export async function parseYamlDocument(text: string, file: string): Promise<LocatedDocument> {
  const yaml = await import('yaml');
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    const first = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new HexecError('usage', `not valid YAML: ${first}`, {
      source: { file, ...(pos !== undefined ? { line: pos.line, column: pos.col } : {}) },
      hint: 'a task file is JSONL (one JSON object per line) or a YAML/JSON document with `tasks:`; see docs/batch.md',
    });
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const lineAt = (offset: number): number => counter.linePos(offset).line;
  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    let node = doc.contents as YamlNodeLike | null;
    let line = node?.range != null ? lineAt(node.range[0]) : undefined;
    for (const step of path) {
      const items = node?.items;
      if (items === undefined) break;
      let next: YamlNodeLike | undefined;
      if (typeof step === 'number') {
        next = items[step] as YamlNodeLike | undefined;
        if (next?.range != null) line = lineAt(next.range[0]);
      } else {
        const pair = items.find((p) => {
          const k = (p as YamlNodeLike).key as { value?: unknown } | undefined;
          return k !== undefined && String(k.value) === step;
        }) as YamlNodeLike | undefined;
        const keyNode = pair?.key as YamlNodeLike | undefined;
        if (keyNode?.range != null) line = lineAt(keyNode.range[0]);
        next = pair?.value as YamlNodeLike | undefined;
      }
      if (next === undefined) break;
      node = next;
    }
    return line;
  };
  return { value, lineOf };
}
