import { replaceSection, type SectionMarkers } from '../util/index.js';
import { OPTIONS, type OptionSpec } from './argv-spec.js';

/**
 * The README's two flag tables, generated from the option rows: scripts/gen-docs.mjs
 * writes them between their markers, test/unit/readme.test.ts fails when they are stale.
 */
export const CODEX_FLAGS: SectionMarkers = {
  begin: '<!-- codex-flags: generated from src/cli/options-*.ts by scripts/gen-docs.mjs -->',
  end: '<!-- /codex-flags -->',
};
export const HEXEC_FLAGS: SectionMarkers = {
  begin: '<!-- hexec-flags: generated from src/cli/options-*.ts by scripts/gen-docs.mjs -->',
  end: '<!-- /hexec-flags -->',
};

/** Rows of `codex exec --help` that are not options of the table. */
const OTHER_CODEX_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['`-h, --help`, `-V, --version`', 'same'],
  ['`resume [--last \\| --all \\| SESSION_ID]`', 'same'],
  ['`fork`, `review`', 'not supported: exit 2'],
];

function flagCell(o: OptionSpec): string {
  const short = o.short !== undefined ? `-${o.short}, ` : '';
  const value =
    o.kind === 'flag' ? '' : o.choices !== undefined ? ` <${o.choices.join('\\|')}>` : ` <${o.valueName ?? 'VALUE'}>`;
  return [`\`${short}--${o.long}${value}\``, ...(o.aliases ?? []).map((a) => `\`--${a}\``)].join(', ');
}

function rows(options: readonly OptionSpec[]): string[] {
  return options.map((o) => {
    if (o.readme === undefined) throw new Error(`option --${o.long} has no README text`);
    return `| ${flagCell(o)} | ${o.readme} |`;
  });
}

/** Every `codex exec` option and how hexec treats it. */
export function renderCodexFlagTable(): string {
  const codex = OPTIONS.filter((o) => o.hidden !== true && o.hexec !== true);
  const other = OTHER_CODEX_ROWS.map(([flag, text]) => `| ${flag} | ${text} |`);
  return ['| flag | hexec |', '|---|---|', ...rows(codex), ...other].join('\n');
}

/** hexec's own flags. */
export function renderHexecFlagTable(): string {
  const own = OPTIONS.filter((o) => o.hidden !== true && o.hexec === true);
  return ['| flag | meaning |', '|---|---|', ...rows(own)].join('\n');
}

/** The README with both tables regenerated. */
export function withFlagTables(readme: string): string {
  return replaceSection(
    replaceSection(readme, CODEX_FLAGS, renderCodexFlagTable()),
    HEXEC_FLAGS,
    renderHexecFlagTable(),
  );
}
