import type { ThreadEvent, Usage } from '../agent/events.js';
import type { RunHeaderInfo } from '../app/run-exec.js';
import type { TextSink } from './io.js';

/** The banner lines printed before the transcript (codex's layout). */
export interface RunHeader extends RunHeaderInfo {
  readonly version: string;
  readonly prompt: string;
}

export interface HumanRendererOptions {
  readonly stderr: TextSink;
  readonly color: boolean;
  /** Live status line (elapsed, tokens, current command); only on a TTY. */
  readonly live: boolean;
  readonly nowMs: () => number;
}

const C = {
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
  magenta: (s: string) => `\x1b[35m${s}\x1b[39m`,
  cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
  italic: (s: string) => `\x1b[3m${s}\x1b[23m`,
};
const PLAIN: typeof C = {
  bold: (s) => s,
  dim: (s) => s,
  red: (s) => s,
  green: (s) => s,
  magenta: (s) => s,
  cyan: (s) => s,
  italic: (s) => s,
};

/** "tokens used" as codex counts it: non-cached input plus output. */
export function tokensUsed(u: Usage): number {
  return u.input_tokens - u.cached_input_tokens + u.output_tokens;
}

/**
 * codex exec's human transcript on stderr: banner, then each item as it completes;
 * the final message goes to stdout separately (by the caller). On a TTY a status line
 * at the bottom shows elapsed time, tokens and the running command.
 */
export function createHumanRenderer(opts: HumanRendererOptions): {
  header(h: RunHeader): void;
  event(e: ThreadEvent, meta?: { readonly durationMs?: number }): void;
  close(): void;
} {
  const c = opts.color ? C : PLAIN;
  const out = (s: string): void => {
    clearStatus();
    opts.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
    drawStatus();
  };
  const started = opts.nowMs();
  let tokens = 0;
  let current = '';
  let statusShown = false;
  const commandStart = new Map<string, number>();
  let workdir = '';
  const clearStatus = (): void => {
    if (statusShown) {
      opts.stderr.write('\r\x1b[2K');
      statusShown = false;
    }
  };
  const drawStatus = (): void => {
    if (!opts.live) return;
    const secs = Math.floor((opts.nowMs() - started) / 1000);
    const line = `${c.dim(`⏱ ${secs}s · ${tokens.toLocaleString('en-US')} tokens`)}${current !== '' ? c.dim(` · ${current.slice(0, 60)}`) : ''}`;
    opts.stderr.write(`\r\x1b[2K${line}`);
    statusShown = true;
  };
  const timer = opts.live
    ? setInterval(() => {
        clearStatus();
        drawStatus();
      }, 1000)
    : undefined;
  timer?.unref();
  return {
    header(h) {
      workdir = h.workdir;
      out(
        `${c.bold(`hexec v${h.version}`)}${h.hermetic ? c.dim(' (hermetic)') : ''}\n--------\nworkdir: ${h.workdir}\nmodel: ${h.model}\nprovider: ${h.provider}\napproval: ${h.approval}\nsandbox: ${h.sandbox}\nreasoning effort: ${h.reasoningEffort}\nreasoning summaries: ${h.reasoningSummaries}\nsession id: ${h.sessionId}\n--------`,
      );
      out(`${c.cyan('user')}\n${h.prompt}`);
    },
    event(e, meta) {
      switch (e.type) {
        case 'item.started':
          if (e.item.type === 'command_execution') {
            commandStart.set(e.item.id, opts.nowMs());
            current = e.item.command;
            out(`${c.magenta(c.bold('exec'))}\n${c.bold(e.item.command)} in ${workdir}`);
          }
          break;
        case 'item.completed': {
          const it = e.item;
          if (it.type === 'command_execution') {
            const t0 = commandStart.get(it.id) ?? opts.nowMs();
            const ms = meta?.durationMs ?? Math.round(opts.nowMs() - t0);
            if (!commandStart.has(it.id)) out(`${c.magenta(c.bold('exec'))}\n${c.bold(it.command)} in ${workdir}`);
            const verdict =
              it.exit_code === 0
                ? c.green(` succeeded in ${ms}ms:`)
                : c.red(` exited ${it.exit_code ?? 'with a signal'} in ${ms}ms:`);
            // codex prints the output followed by a newline (a blank line after output that ends in one).
            out(`${verdict}\n${c.dim(it.aggregated_output)}\n`);
            current = '';
          } else if (it.type === 'agent_message') {
            out(`${c.magenta(c.bold('hexec'))}\n${it.text}`);
          } else if (it.type === 'reasoning') {
            out(`${c.magenta(c.italic('thinking'))}\n${c.italic(it.text)}`);
          } else if (it.type === 'file_change') {
            const lines = it.changes.map(
              (ch) => `${ch.kind === 'add' ? 'A' : ch.kind === 'delete' ? 'D' : 'M'} ${ch.path}`,
            );
            out(
              `${c.magenta(c.bold('file update'))}${it.status === 'failed' ? c.red(' (failed)') : ''}\n${lines.join('\n')}`,
            );
          } else if (it.type === 'todo_list') {
            out(
              `${c.magenta(c.bold('plan'))}\n${it.items.map((i) => `${i.completed ? '[x]' : '[ ]'} ${i.text}`).join('\n')}`,
            );
          } else if (it.type === 'error') {
            out(c.red(`warning: ${it.message}`));
          }
          break;
        }
        case 'error':
          out(c.red(`ERROR: ${e.message}`));
          break;
        case 'turn.failed':
          out(c.red(`ERROR: ${e.error.message}`));
          break;
        case 'model.usage':
          tokens += tokensUsed(e.usage);
          drawStatus();
          break;
        case 'turn.completed':
          out(
            `${c.magenta(c.bold('tokens used'))}\n${tokensUsed(e.usage).toLocaleString('en-US')}${e.usage.cost_usd !== undefined ? ` ($${e.usage.cost_usd.toFixed(4)})` : ''}`,
          );
          break;
        case 'thread.started':
        case 'turn.started':
        case 'item.updated':
          break;
      }
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      clearStatus();
    },
  };
}
