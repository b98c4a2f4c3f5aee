import { isAbsolute, resolve } from 'node:path';
import { fingerprint, type ModelProviderInfo, type ResolvedConfig } from '../config/index.js';
import type { HostEnv } from '../env/index.js';
import {
  createCassetteWriter,
  createModelClient,
  loadCassette,
  recordingClient,
  replayClient,
  resolveAuth,
  collectSecrets,
  type ModelClient,
  type ProviderInfo,
} from '../provider/index.js';

export interface OpenedModel {
  readonly client: ModelClient;
  /** Variables and values that carry the API key: commands never see them. */
  readonly secretVarNames: readonly string[];
  readonly secretValues: readonly string[];
  /** Finalises a cassette being recorded (atomic rewrite). */
  finish(): Promise<void>;
}

export function providerInfoOf(p: ModelProviderInfo): ProviderInfo {
  return {
    id: p.id,
    name: p.name,
    baseUrl: p.base_url,
    wireApi: p.wire_api,
    ...(p.env_key !== null ? { envKey: p.env_key } : {}),
    ...(p.experimental_bearer_token !== null ? { experimentalBearerToken: p.experimental_bearer_token } : {}),
    requiresOpenaiAuth: p.requires_openai_auth,
    queryParams: p.query_params,
    httpHeaders: p.http_headers,
    envHttpHeaders: p.env_http_headers,
    requestMaxRetries: p.request_max_retries,
    streamMaxRetries: p.stream_max_retries,
    streamIdleTimeoutMs: p.stream_idle_timeout_ms,
  };
}

export interface ModelOptions {
  readonly record?: string | undefined;
  readonly replay?: string | undefined;
  readonly replayMode?: 'strict' | 'order' | undefined;
  /** Retry backoff base (tests); default codex's. */
  readonly backoffBaseMs?: number;
}

/** Paths that differ between machines, replaced before requests are recorded or compared. */
export function pathAliases(cfg: ResolvedConfig): Record<string, string> {
  return { [cfg.cwd]: '$WORKSPACE', [cfg.codexHome]: '$CODEX_HOME', [cfg.home]: '$HOME' };
}

/**
 * The model client of a run: the provider's HTTP client (auth resolved here, exit 7 when
 * the key is missing), wrapped to record a cassette, or replaced by a cassette replay
 * that needs neither network nor key.
 */
export function openModel(cfg: ResolvedConfig, env: HostEnv, o: ModelOptions): OpenedModel {
  const provider = providerInfoOf(cfg.effective.provider);
  const aliases = pathAliases(cfg);
  const keyVars = [...cfg.effective.provider.env_keys];
  if (o.replay !== undefined) {
    const path = isAbsolute(o.replay) ? o.replay : resolve(cfg.cwd, o.replay);
    const cassette = loadCassette(path);
    const secrets = collectSecrets(env.vars);
    return {
      client: replayClient(cassette, o.replayMode ?? 'strict', { pathAliases: aliases, secrets }),
      secretVarNames: keyVars,
      secretValues: secrets,
      finish: async () => undefined,
    };
  }
  const auth = resolveAuth(provider, {
    vars: env.vars,
    codexHome: cfg.codexHome,
    // Hermetic runs take the key from the environment only.
    ...(cfg.hermetic ? { readAuthJson: () => undefined } : {}),
  });
  const key = auth.kind === 'bearer' ? [auth.token] : [];
  let client = createModelClient({
    provider,
    auth,
    vars: env.vars,
    ...(o.backoffBaseMs !== undefined ? { backoffBaseMs: o.backoffBaseMs } : {}),
  });
  let finish = async (): Promise<void> => undefined;
  if (o.record !== undefined) {
    const path = isAbsolute(o.record) ? o.record : resolve(cfg.cwd, o.record);
    const writer = createCassetteWriter({
      path,
      wire: provider.wireApi,
      configFingerprint: fingerprint(cfg),
      createdAt: new Date().toISOString(),
      secrets: collectSecrets(env.vars, key),
    });
    client = recordingClient(client, writer, { pathAliases: aliases });
    finish = async () => writer.finish();
  }
  return { client, secretVarNames: keyVars, secretValues: key, finish };
}
