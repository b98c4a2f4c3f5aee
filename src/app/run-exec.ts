import { closeSync, openSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { BASE_INSTRUCTIONS } from '../agent/base-instructions.js';
import { buildContextItems, dateIn } from '../agent/context-items.js';
import { createEventSink, type EventMeta } from '../agent/event-sink.js';
import type { HexecRunInfo, ThreadEvent } from '../agent/events.js';
import type { ModelUsage, ResponseItem } from '../agent/ports.js';
import { buildRequestShape, modelInfo, unknownModelWarning } from '../agent/request-template.js';
import { runTurn } from '../agent/turn-loop.js';
import { ZERO_USAGE, addUsage } from '../agent/usage.js';
import { fingerprint, resolveConfig, type ConfigFlags, type ResolvedConfig } from '../config/index.js';
import { retryBackoffBaseMs, type Clock, type HostEnv } from '../env/index.js';
import { HexecError } from '../errors/index.js';
import type { OutputSchema } from '../output/output-schema.js';
import { createExecSessions, sequentialIds, toolDeclarations } from '../tools/index.js';
import { collectSecrets, redactDeep } from '../provider/index.js';
import { HEXEC_VERSION, sha256Hex, uuidV7 } from '../util/index.js';
import { beginEarlyPreflight, prepareExecution, startPreflight } from './exec-setup.js';
import { createModelPort } from './model-port.js';
import { openModel } from './open-model.js';
import {
  findLastRollout,
  findRolloutById,
  loadRollout,
  openRollout,
  rolloutPath,
  type LoadedRollout,
  type RolloutWriter,
} from './rollout.js';
import { createToolPort } from './tool-port.js';

export interface ExecFlags extends ConfigFlags {
  readonly image: readonly string[];
  readonly outputSchema?: string | undefined;
  readonly outputLastMessage?: string | undefined;
  readonly skipGitRepoCheck?: boolean;
  readonly record?: string | undefined;
  readonly replay?: string | undefined;
  readonly replayMode?: 'strict' | 'order' | undefined;
  readonly passEnv?: readonly string[];
}

export interface StdinPrompt {
  readonly explicit: boolean;
  read(): Promise<string>;
}

export interface ExecRunInput {
  readonly flags: ExecFlags;
  /**
   * The prompt, or how to read it from stdin. Stdin is read after the configuration is
   * resolved: a hermetic run reads it only when the prompt is `-` (explicit).
   */
  readonly prompt: string | StdinPrompt;
  readonly resume?: { readonly last: boolean; readonly all: boolean; readonly sessionId?: string };
}

/** What the run tells its renderer, besides the events. */
export interface RunHeaderInfo {
  readonly workdir: string;
  readonly model: string;
  readonly provider: string;
  readonly approval: string;
  readonly sandbox: string;
  readonly reasoningEffort: string;
  readonly reasoningSummaries: string;
  readonly sessionId: string;
  readonly hermetic: boolean;
}

export interface ExecRunIO {
  readonly env: HostEnv;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly onEvent: (e: ThreadEvent, meta?: EventMeta) => void;
  readonly onHeader: (h: RunHeaderInfo) => void;
  readonly warn: (line: string) => void;
}

export interface ExecRunResult {
  readonly exitCode: number;
  readonly finalMessage: string | undefined;
}

function abs(cwd: string, p: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}

/** -o is opened at start-up (created if missing, never truncated), like codex. */
function checkOutputFile(path: string): void {
  try {
    closeSync(openSync(path, 'a'));
  } catch (e) {
    throw new HexecError('usage', `Failed to open last message file "${path}": ${(e as Error).message}`, {
      source: { flag: '--output-last-message' },
    });
  }
}

function baseInstructionsOf(cfg: ResolvedConfig): string {
  const file = cfg.effective.model_instructions_file;
  if (file !== null) {
    try {
      return readFileSync(abs(cfg.cwd, file), 'utf8');
    } catch (e) {
      throw new HexecError('config', `cannot read model_instructions_file ${file}: ${(e as Error).message}`, {
        source: { key: 'model_instructions_file' },
      });
    }
  }
  return cfg.effective.instructions ?? BASE_INSTRUCTIONS;
}

function imageItems(cwd: string, images: readonly string[]): Record<string, unknown>[] {
  return images.map((img) => {
    const p = abs(cwd, img);
    let data: Buffer;
    try {
      data = readFileSync(p);
    } catch (e) {
      throw new HexecError('usage', `cannot read image ${img}: ${(e as Error).message}`, {
        source: { flag: '--image' },
      });
    }
    const mime =
      data[0] === 0x89 ? 'image/png' : data[0] === 0xff ? 'image/jpeg' : data[0] === 0x47 ? 'image/gif' : 'image/webp';
    return { type: 'input_image', image_url: `data:${mime};base64,${data.toString('base64')}` };
  });
}

async function promptOf(p: string | StdinPrompt, hermetic: boolean): Promise<string> {
  if (typeof p === 'string') return p;
  if (hermetic && !p.explicit) {
    throw new HexecError('usage', 'no prompt given: a hermetic run reads stdin only when the prompt is `-`', {
      source: { flag: '--hermetic' },
      hint: 'pass PROMPT as an argument, or `-` to read it from stdin',
    });
  }
  return p.read();
}

/** Keys of the applied configuration that configure extensions hexec does not run. */
export function extensionsNotRun(cfg: ResolvedConfig): string[] {
  const e = cfg.effective;
  const keys: string[] = [];
  if (e.hooks !== null && e.hooks !== undefined) keys.push('hooks');
  for (const name of Object.keys(e.mcp_servers)) keys.push(`mcp_servers.${name}`);
  if (e.skills !== null && e.skills !== undefined) keys.push('skills');
  if (e.notify !== null && e.notify.length > 0) keys.push('notify');
  return keys.sort();
}

function resumeRollout(cfg: ResolvedConfig, resume: ExecRunInput['resume']): LoadedRollout | undefined {
  if (resume === undefined) return undefined;
  if (cfg.hermetic) {
    throw new HexecError(
      'usage',
      'a hermetic run cannot resume a session: sessions are state in $CODEX_HOME, which a hermetic run does not read',
      {
        source: { flag: '--hermetic' },
        hint: 'start a new hermetic run with the whole task, or resume without --hermetic',
      },
    );
  }
  if (resume.sessionId !== undefined) return loadRollout(findRolloutById(cfg.codexHome, resume.sessionId));
  const last = findLastRollout(cfg.codexHome, cfg.cwd, resume.all);
  return last === undefined ? undefined : loadRollout(last);
}

/** The whole `hexec exec` run, from configuration to exit code. */
export async function runExec(input: ExecRunInput, io: ExecRunIO): Promise<ExecRunResult> {
  const { env, clock } = io;
  // The sandbox check runs while the configuration is resolved and the run set up;
  // prepareExecution waits for it, before any request.
  const early = beginEarlyPreflight(input.flags, env);
  const cfg = resolveConfig(input.flags, env);
  const sandboxCheck = startPreflight(cfg, env, early);
  const e = cfg.effective;
  const outputFile =
    input.flags.outputLastMessage !== undefined ? abs(cfg.cwd, input.flags.outputLastMessage) : undefined;
  if (outputFile !== undefined) checkOutputFile(outputFile);
  // Loaded on demand: the JSON Schema validator is a large part of start-up otherwise.
  const schema: OutputSchema | undefined =
    input.flags.outputSchema !== undefined
      ? (await import('../output/output-schema.js')).loadOutputSchema(input.flags.outputSchema, cfg.cwd)
      : undefined;
  if (cfg.gitRoot === null && input.flags.skipGitRepoCheck !== true && input.flags.dangerouslyBypass !== true) {
    throw new HexecError('usage', 'Not inside a trusted directory and --skip-git-repo-check was not specified.');
  }
  const promptText = await promptOf(input.prompt, cfg.hermetic);
  const images = imageItems(cfg.cwd, input.flags.image);
  const previous = resumeRollout(cfg, input.resume);
  const threadId = previous?.meta.id ?? uuidV7(clock.nowMs());
  const backoff = retryBackoffBaseMs(env);
  const model = openModel(cfg, env, {
    record: input.flags.record,
    replay: input.flags.replay,
    replayMode: input.flags.replayMode,
    ...(backoff !== undefined ? { backoffBaseMs: backoff } : {}),
  });
  const setup = await prepareExecution({
    cfg,
    env,
    threadId,
    secretVarNames: model.secretVarNames,
    secretValues: model.secretValues,
    passEnv: input.flags.passEnv ?? [],
    preflight: sandboxCheck,
  });
  // Hermetic, recorded and replayed runs number chunks and exec sessions from fixed
  // starts, so requests repeat exactly and a recorded write_stdin(session_id) finds the
  // same process again when the cassette is replayed.
  const taped = input.flags.record !== undefined || input.flags.replay !== undefined;
  const sessions = createExecSessions({
    launcher: setup.launcher,
    allowLogin: !cfg.hermetic,
    ...(cfg.hermetic || taped ? sequentialIds() : {}),
  });
  try {
    const baseInstructions = baseInstructionsOf(cfg);
    const fp = fingerprint(cfg);
    const info: HexecRunInfo = {
      version: HEXEC_VERSION,
      config_fingerprint: fp,
      hermetic: cfg.hermetic,
      layers: cfg.layers
        .filter((l) => l.fate === 'loaded')
        .map((l) => ({ layer: l.kind, ...(l.file !== undefined ? { file: l.file } : {}) })),
      admin_policy: [
        ...cfg.adminPolicy.map((a) => ({ layer: a.kind, file: a.file })),
        ...setup.rulesFiles
          .filter((f) => f.startsWith(env.systemConfigDir))
          .map((f) => ({ layer: 'system-rules', file: f })),
      ],
      instruction_files: cfg.instructions.files.map((f) => ({
        path: f.path,
        bytes: f.bytes,
        truncated: f.truncated,
        sha256: f.sha256,
      })),
      rules_files: [...setup.rulesFiles],
      base_instructions_sha256: sha256Hex(baseInstructions),
      sandbox: setup.policy.mode,
      model: e.model,
      model_provider: e.model_provider,
      wire_api: e.provider.wire_api,
      extensions_not_run: extensionsNotRun(cfg),
      ...(input.flags.replay !== undefined ? { replay: input.flags.replay } : {}),
      ...(input.flags.record !== undefined ? { record: input.flags.record } : {}),
    };
    // Secrets (the model key, secret-named variables) never reach events or rollouts, even
    // when a command prints them (danger-full-access, a misconfigured env policy).
    const secrets = collectSecrets(env.vars, model.secretValues);
    const redact = <T>(v: T): T => redactDeep(v, secrets);
    const sink = createEventSink((ev, meta) => io.onEvent(redact(ev), meta));
    sink.emit({ type: 'thread.started', thread_id: threadId, hexec: info });
    io.onHeader({
      workdir: cfg.cwd,
      model: e.model,
      provider: e.model_provider,
      approval: e.approval_policy,
      sandbox: setup.policy.mode,
      reasoningEffort: e.model_reasoning_effort ?? 'none',
      reasoningSummaries: e.model_reasoning_summary ?? 'none',
      sessionId: threadId,
      hermetic: cfg.hermetic,
    });
    for (const w of cfg.warnings) sink.completeNew({ type: 'error', message: w });
    if (!modelInfo(e.model).known) sink.completeNew({ type: 'error', message: unknownModelWarning(e.model) });
    if (schema?.warning !== undefined) sink.completeNew({ type: 'error', message: schema.warning });

    const tools = toolDeclarations({ planTool: true });
    const shape = buildRequestShape({
      model: e.model,
      tools: tools as unknown as Record<string, unknown>[],
      threadId,
      ...(e.model_reasoning_effort !== null ? { reasoningEffort: e.model_reasoning_effort } : {}),
      ...(e.model_reasoning_summary !== null ? { reasoningSummary: e.model_reasoning_summary } : {}),
      ...(e.model_verbosity !== null ? { verbosity: e.model_verbosity } : {}),
      ...(schema !== undefined ? { outputSchema: { schema: schema.wireSchema, strict: schema.strict } } : {}),
    });
    const turnId = uuidV7(clock.nowMs());
    // codex's client_metadata, minus its installation id (a persistent machine identifier)
    // and x-codex-turn-metadata (an analytics blob naming workspace paths).
    const windowId = `${threadId}:0`;
    const template = {
      ...shape.template,
      client_metadata: {
        'x-codex-window-id': windowId,
        root_turn_id: turnId,
        session_id: threadId,
        turn_id: turnId,
        thread_id: threadId,
      },
    };
    const extra = cfg.requirements.additional_developer_instructions;
    const context: ResponseItem[] =
      previous !== undefined
        ? []
        : [
            ...shape.leadingItems,
            ...buildContextItems({
              baseInstructions,
              ...(e.developer_instructions !== null ? { developerInstructions: e.developer_instructions } : {}),
              permissions: setup.permissions,
              ...(cfg.instructions.text !== null ? { agentsMd: cfg.instructions.text } : {}),
              cwd: cfg.cwd,
              workspaceRoots: [cfg.cwd],
              shell: 'bash',
              currentDate: dateIn(clock.nowMs(), cfg.hermetic ? 'UTC' : env.timeZone),
              timeZone: cfg.hermetic ? 'Etc/UTC' : env.timeZone,
              includePermissions: e.include_permissions_instructions,
              includeEnvironment: e.include_environment_context,
              ...(extra !== null
                ? {
                    extraDeveloperMessages: [
                      `<managed_developer_instructions>\n${extra}\n</managed_developer_instructions>`,
                    ],
                  }
                : {}),
            }),
          ];
    const history: ResponseItem[] = previous !== undefined ? [...previous.history] : [];
    const promptItem: ResponseItem = {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: promptText }, ...images],
    };
    history.push(promptItem);

    const rollout = openRolloutFor(
      cfg,
      threadId,
      clock,
      previous,
      { baseInstructions, fp, provider: e.model_provider },
      redact,
    );
    for (const item of context) rollout?.record('response_item', item);
    rollout?.record('event_msg', {
      type: 'task_started',
      turn_id: turnId,
      started_at: Math.floor(clock.nowMs() / 1000),
    });
    rollout?.record('turn_context', {
      turn_id: turnId,
      cwd: cfg.cwd,
      approval_policy: e.approval_policy,
      sandbox_policy: { type: setup.policy.mode },
      model: e.model,
    });
    rollout?.record('response_item', promptItem);

    const headers = (): Record<string, string> => ({
      originator: 'hexec_exec',
      'user-agent': `hexec/${HEXEC_VERSION}`,
      'session-id': threadId,
      'thread-id': threadId,
      'x-client-request-id': threadId,
      'x-codex-window-id': windowId,
    });
    const price = e.model_prices[e.model];
    let turnTokens: ModelUsage = ZERO_USAGE;
    let threadTokens: ModelUsage = previous?.usage ?? ZERO_USAGE;
    const outcome = await runTurn({
      sink,
      model: createModelPort(model.client, headers),
      tools: createToolPort({
        cwd: cfg.cwd,
        env: setup.commandEnv,
        execSessions: sessions,
        canWrite: setup.canWrite,
        fileOps: setup.fileOps,
        clock,
        planTool: true,
        escalation: setup.policy.mode === 'danger-full-access' ? 'ignore' : 'reject',
      }),
      requestTemplate: template,
      contextItems: context,
      history,
      usageBefore: previous?.usage ?? ZERO_USAGE,
      budgets: {
        ...(e.max_turns !== null ? { maxTurns: e.max_turns } : {}),
        ...(e.max_tokens !== null ? { maxTokens: e.max_tokens } : {}),
        ...(e.max_cost_usd !== null ? { maxCostUsd: e.max_cost_usd } : {}),
        ...(e.timeout_ms !== null ? { timeoutMs: e.timeout_ms } : {}),
      },
      ...(price !== undefined ? { price } : {}),
      redact: (t: string) => redact(t),
      ...(schema !== undefined ? { finalCheck: (t: string) => schema.check(t) } : {}),
      maxRepairs: e.output_schema_max_repairs,
      signal: io.signal,
      clockMs: () => clock.monotonicMs(),
      // Items reach the rollout as they happen, so a killed run keeps what it did.
      onAppend: (items) => {
        for (const item of items) rollout?.record('response_item', item);
      },
      onResponse: (usage, responseId) => {
        turnTokens = addUsage(turnTokens, usage);
        threadTokens = addUsage(threadTokens, usage);
        rollout?.record('token_usage_record', {
          thread_id: threadId,
          turn_id: turnId,
          session_id: threadId,
          root_turn_id: turnId,
          response_id: responseId ?? null,
          usage: withTotal(usage),
          turn_token_usage: withTotal(turnTokens),
          thread_token_usage: withTotal(threadTokens),
        });
        // What codex usage readers look for: cumulative and last usage of the thread.
        rollout?.record('event_msg', {
          type: 'token_count',
          info: {
            total_token_usage: withTotal(threadTokens),
            last_token_usage: withTotal(usage),
            last_usage_includes_reasoning: false,
            model_context_window: null,
          },
          rate_limits: null,
        });
      },
    });
    await model.finish();
    if (outcome.status === 'completed') {
      // The one decision on the final answer (redacted, then checked): what -o receives.
      const finalMessage = outcome.finalText;
      rollout?.record('event_msg', {
        type: 'task_complete',
        turn_id: turnId,
        last_agent_message: finalMessage ?? null,
      });
      rollout?.close();
      if (outputFile !== undefined && finalMessage !== undefined) {
        try {
          await setup.writeOutput(outputFile, finalMessage);
        } catch (err) {
          throw new HexecError('run', `cannot write the last message to ${outputFile}: ${(err as Error).message}`, {
            source: { flag: '--output-last-message' },
          });
        }
      }
      return { exitCode: 0, finalMessage };
    }
    rollout?.record('event_msg', { type: 'task_failed', turn_id: turnId, message: outcome.error.message });
    rollout?.close();
    return { exitCode: outcome.error.exitCode, finalMessage: undefined };
  } finally {
    await sessions.terminateAll();
    setup.cleanup();
  }
}

/** codex's usage records carry total_tokens (input + output). */
function withTotal(u: ModelUsage): ModelUsage & { total_tokens: number } {
  return { ...u, total_tokens: u.input_tokens + u.output_tokens };
}

function openRolloutFor(
  cfg: ResolvedConfig,
  threadId: string,
  clock: Clock,
  previous: LoadedRollout | undefined,
  meta: { baseInstructions: string; fp: string; provider: string },
  redact: <T>(v: T) => T,
): RolloutWriter | undefined {
  if (cfg.ephemeral || cfg.hermetic) return undefined;
  if (previous !== undefined) return openRollout(previous.path, () => clock.nowMs(), previous.lastOrdinal + 1, redact);
  const w = openRollout(rolloutPath(cfg.codexHome, threadId, clock.nowMs()), () => clock.nowMs(), 0, redact);
  w.record('session_meta', {
    id: threadId,
    session_id: threadId,
    timestamp: new Date(clock.nowMs()).toISOString(),
    cwd: cfg.cwd,
    runtime_workspace_roots: [cfg.cwd],
    originator: 'hexec_exec',
    cli_version: HEXEC_VERSION,
    source: 'exec',
    thread_source: 'user',
    model_provider: meta.provider,
    base_instructions: { text: meta.baseInstructions },
    hexec: { version: HEXEC_VERSION, config_fingerprint: meta.fp, hermetic: cfg.hermetic },
  });
  return w;
}
