/**
 * A small YAML reader for the repository's own workflow and action files (test only):
 * block mappings and sequences, plain/quoted scalars, `|` and `>` block scalars, flow
 * sequences and mappings, comments. Anchors, tags and multi-line plain scalars are refused
 * rather than misread.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [k: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  no: number;
}

export class YamlError extends Error {}

function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s:[{,]/.test(text[i - 1] ?? '')) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

function scalar(raw: string, no: number): YamlValue {
  const t = raw.trim();
  if (t === '' || t === '~' || t === 'null') return null;
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(t)) return Number(t);
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2) throw new YamlError(`line ${no}: unterminated double-quoted string`);
    return JSON.parse(t) as string;
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new YamlError(`line ${no}: unterminated single-quoted string`);
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t.startsWith('[') || t.startsWith('{')) return flow(t, no);
  if (/^[&*!|>%@`]/.test(t)) throw new YamlError(`line ${no}: unsupported YAML construct '${t}'`);
  return t;
}

/** A mapping key: a scalar, as the text the key names (`1` and `true` become '1' and 'true'). */
function mappingKey(raw: string, no: number): string {
  const v = scalar(raw, no);
  if (v !== null && typeof v === 'object') throw new YamlError(`line ${no}: a mapping key must be a scalar`);
  return String(v);
}

function flow(text: string, no: number): YamlValue {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
  };
  const item = (): YamlValue => {
    ws();
    if (text[i] === '[') {
      i += 1;
      const out: YamlValue[] = [];
      ws();
      if (text[i] === ']') {
        i += 1;
        return out;
      }
      for (;;) {
        out.push(item());
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === ']') {
          i += 1;
          return out;
        }
        throw new YamlError(`line ${no}: bad flow sequence`);
      }
    }
    if (text[i] === '{') {
      i += 1;
      const out: Record<string, YamlValue> = {};
      ws();
      if (text[i] === '}') {
        i += 1;
        return out;
      }
      for (;;) {
        ws();
        const m = /^([^:,{}[\]]+):\s*/.exec(text.slice(i));
        if (m === null) throw new YamlError(`line ${no}: bad flow mapping`);
        i += m[0].length;
        out[mappingKey(m[1] ?? '', no)] = item();
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] === '}') {
          i += 1;
          return out;
        }
        throw new YamlError(`line ${no}: bad flow mapping`);
      }
    }
    const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,\]}]*)/.exec(text.slice(i));
    const tok = m?.[0] ?? '';
    if (tok === '' && i >= text.length) throw new YamlError(`line ${no}: unexpected end of flow value`);
    i += tok.length;
    return scalar(tok, no);
  };
  const v = item();
  ws();
  if (i !== text.length) throw new YamlError(`line ${no}: trailing text after flow value`);
  return v;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+(.*))?$/;

function isSeqItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

export function parseYaml(source: string): YamlValue {
  const raw = source.replace(/\r\n/g, '\n').split('\n');
  if (raw.some((l) => /^ *\t/.test(l))) throw new YamlError('tabs are not allowed for indentation');
  const lines: Line[] = [];
  raw.forEach((r, idx) => {
    const text = stripComment(r);
    if (text.trim() === '' || text.trim() === '---') return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trimStart(), no: idx + 1 });
  });
  let pos = 0;

  const blockScalar = (header: string, parentIndent: number, afterLine: number): string => {
    const folded = header.startsWith('>');
    const chomp = header.includes('-') ? 'strip' : header.includes('+') ? 'keep' : 'clip';
    const body: string[] = [];
    let contentIndent = -1;
    let r = afterLine; // 0-based index of the first body line in `raw`
    for (; r < raw.length; r += 1) {
      const l = raw[r] ?? '';
      if (l.trim() === '') {
        body.push('');
        continue;
      }
      const ind = l.length - l.trimStart().length;
      if (ind <= parentIndent) break;
      if (contentIndent < 0) contentIndent = ind;
      if (ind < contentIndent) break;
      body.push(l.slice(contentIndent));
    }
    while (pos < lines.length && (lines[pos]?.no ?? 0) <= r) pos += 1;
    while (body.length > 0 && body[body.length - 1] === '' && chomp !== 'keep') body.pop();
    const text = folded ? body.join('\n').replace(/([^\n])\n(?=[^\n])/g, '$1 ') : body.join('\n');
    return chomp === 'strip' ? text : `${text}\n`;
  };

  const value = (rest: string | undefined, line: Line, indent: number): YamlValue => {
    if (rest === undefined || rest === '') {
      const next = lines[pos];
      if (next !== undefined && (next.indent > indent || (next.indent === indent && isSeqItem(next.text))))
        return block(next.indent);
      return null;
    }
    if (/^[|>][-+]?$/.test(rest)) return blockScalar(rest, indent, line.no);
    return scalar(rest, line.no);
  };

  const sequence = (indent: number): YamlValue[] => {
    const out: YamlValue[] = [];
    for (;;) {
      const line = lines[pos];
      if (line === undefined || line.indent !== indent || !isSeqItem(line.text)) return out;
      const content = line.text === '-' ? '' : line.text.slice(2);
      const pad = content.length - content.trimStart().length;
      const body = content.trim();
      if (body === '') {
        pos += 1;
        out.push(value(undefined, line, indent));
      } else if (!/^["'[{]/.test(body) && KEY_RE.test(body)) {
        // "- key: value": a mapping whose keys sit at the column of "key".
        lines[pos] = { indent: indent + 2 + pad, text: body, no: line.no };
        out.push(mapping(indent + 2 + pad));
      } else {
        pos += 1;
        out.push(value(body, line, indent));
      }
    }
  };

  const mapping = (indent: number): Record<string, YamlValue> => {
    const out: Record<string, YamlValue> = {};
    for (;;) {
      const line = lines[pos];
      if (line === undefined || line.indent !== indent) break;
      if (isSeqItem(line.text)) throw new YamlError(`line ${line.no}: sequence item where a mapping key was expected`);
      const m = KEY_RE.exec(line.text);
      if (m === null) throw new YamlError(`line ${line.no}: expected 'key: value', found '${line.text}'`);
      const key = mappingKey(m[1] ?? '', line.no);
      if (Object.prototype.hasOwnProperty.call(out, key))
        throw new YamlError(`line ${line.no}: duplicate key '${key}'`);
      pos += 1;
      out[key] = value(m[2], line, indent);
    }
    const stray = lines[pos];
    if (stray !== undefined && stray.indent > indent) throw new YamlError(`line ${stray.no}: unexpected indentation`);
    return out;
  };

  const block = (indent: number): YamlValue => {
    const first = lines[pos];
    if (first === undefined) return null;
    return isSeqItem(first.text) ? sequence(indent) : mapping(indent);
  };

  const result = block(lines[0]?.indent ?? 0);
  if (pos < lines.length) throw new YamlError(`line ${lines[pos]?.no ?? 0}: unexpected content at lower indentation`);
  return result;
}
