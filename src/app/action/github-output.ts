import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

/**
 * Step outputs and the job summary, written the way the runner reads them: GITHUB_OUTPUT
 * gets `name<<DELIMITER\nvalue\nDELIMITER\n` for every value (multi-line safe), with a
 * random delimiter that the value is checked not to contain.
 */
export type ActionOutputs = Readonly<Record<string, string>>;

export function formatOutputs(
  outputs: ActionOutputs,
  delimiter: () => string = () => `ghadelimiter_${randomUUID()}`,
): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    let delim = delimiter();
    while (value.includes(delim) || name.includes(delim)) delim = delimiter();
    text += `${name}<<${delim}\n${value}\n${delim}\n`;
  }
  return text;
}

/** Parses GITHUB_OUTPUT text back (for tests and for reading values in later tooling). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const [, name = '', delim = ''] = heredoc;
      const body: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delim) body.push(lines[i++] as string);
      out[name] = body.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export function appendOutputs(file: string, outputs: ActionOutputs): void {
  appendFileSync(file, formatOutputs(outputs), 'utf8');
}

function cell(value: string): string {
  return value === '' ? '–' : `\`${value.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

/** Markdown for GITHUB_STEP_SUMMARY: the numbers as a table, the final message quoted. */
export function summaryMarkdown(outputs: ActionOutputs): string {
  const rows = [
    'exit-code',
    'input-tokens',
    'cached-input-tokens',
    'output-tokens',
    'reasoning-output-tokens',
    'cost-usd',
    'config-fingerprint',
    'cassette',
  ]
    .map((k) => `| ${k} | ${cell(outputs[k] ?? '')} |`)
    .join('\n');
  const message = outputs['final-message'] ?? '';
  const fence = message.includes('```') ? '````' : '```';
  return `### hexec\n\n| output | value |\n| --- | --- |\n${rows}\n\n<details><summary>usage (JSON)</summary>\n\n\`\`\`json\n${outputs['usage'] ?? '{}'}\n\`\`\`\n</details>\n\n#### final-message\n\n${message === '' ? '_(empty)_' : `${fence}text\n${message}\n${fence}`}\n`;
}

export function appendSummary(file: string, outputs: ActionOutputs): void {
  appendFileSync(file, summaryMarkdown(outputs), 'utf8');
}
