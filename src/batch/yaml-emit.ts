/**
 * A YAML writer for the generated workflow and Kubernetes manifests: block mappings and
 * sequences of plain data. Strings are plain only when they cannot be read back as
 * anything else; otherwise they are double-quoted JSON (valid YAML). Multi-line strings
 * are literal blocks. Key order is kept.
 */
export type YamlData = string | number | boolean | null | readonly YamlData[] | { readonly [k: string]: YamlData };

const PLAIN = /^[A-Za-z_./$][A-Za-z0-9_ ./${}()\-:@,*=+]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v !== 'string') return String(v);
  const plain = PLAIN.test(v) && !RESERVED.test(v) && !/: |:$| #|\s$/.test(v);
  return plain ? v : JSON.stringify(v);
}

function isBlockString(v: YamlData): v is string {
  return typeof v === 'string' && v.includes('\n') && !/[^\S\n]\n/.test(v) && !/^\s/.test(v);
}

function block(v: string, pad: string): string {
  const chomp = v.endsWith('\n') ? '|' : '|-';
  const body = v.endsWith('\n') ? v.slice(0, -1) : v;
  return `${chomp}\n${body
    .split('\n')
    .map((l) => (l === '' ? '' : `${pad}${l}`))
    .join('\n')}`;
}

function isEmpty(v: YamlData): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && Object.keys(v).length === 0);
}

function emit(v: YamlData, indent: number): string[] {
  const pad = '  '.repeat(indent);
  if (Array.isArray(v)) {
    return (v as readonly YamlData[]).flatMap((item) => {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const lines = emit(item, indent + 1);
        const first = (lines[0] ?? '').trimStart();
        return [`${pad}- ${first}`, ...lines.slice(1)];
      }
      return [`${pad}- ${valueText(item, indent + 1)}`];
    });
  }
  if (v !== null && typeof v === 'object') {
    return Object.entries(v as Record<string, YamlData>).flatMap(([k, x]) => {
      const key = scalar(k);
      if (x !== null && typeof x === 'object' && !isEmpty(x)) return [`${pad}${key}:`, ...emit(x, indent + 1)];
      return [`${pad}${key}: ${valueText(x, indent + 1)}`];
    });
  }
  return [`${pad}${valueText(v, indent)}`];
}

function valueText(v: YamlData, indent: number): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  if (isBlockString(v)) return block(v, '  '.repeat(indent));
  return scalar(v);
}

export function toYaml(v: YamlData): string {
  return `${emit(v, 0).join('\n')}\n`;
}
