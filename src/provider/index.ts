export type {
  WireApi,
  JsonValue,
  InputTextContent,
  InputImageContent,
  OutputTextContent,
  MessageContent,
  MessageItem,
  FunctionCallItem,
  FunctionCallOutputItem,
  CustomToolCallItem,
  CustomToolCallOutputItem,
  ReasoningSummaryPart,
  ReasoningItem,
  AdditionalToolsItem,
  OutputItem,
  InputItem,
  FunctionToolSpec,
  CustomToolSpec,
  OtherToolSpec,
  ToolSpec,
  JsonSchemaTextFormat,
  ResponsesRequestBody,
  ModelRequest,
  TokenUsage,
  ModelEvent,
  ModelEventType,
  RetryNotice,
  StreamOptions,
  ModelClient,
} from './types.js';
export { ZERO_USAGE } from './types.js';
export {
  BUILTIN_OPENAI_PROVIDER,
  DEFAULT_REQUEST_MAX_RETRIES,
  DEFAULT_STREAM_MAX_RETRIES,
  DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  OPENAI_DEFAULT_BASE_URL,
  effectiveRetryLimits,
  endpointUrl,
  type ProviderInfo,
  type EffectiveRetryLimits,
} from './provider-info.js';
export {
  resolveAuth,
  describeAuthSource,
  CODEX_API_KEY_VAR,
  OPENAI_API_KEY_VAR,
  type ResolvedAuth,
  type AuthInputs,
} from './auth.js';
export { createModelClient, type ModelClientOptions } from './create-client.js';
export { abortError, isAbortError, HTTP_500_MESSAGE } from './failure.js';
export { backoffMs, parseRetryAfter, DEFAULT_BACKOFF_BASE_MS } from './retry.js';
export { createSseParser, parseSseText, type SseFrame, type SseParser } from './sse-parser.js';
export { toChatRequest, type ChatRequestBody, type ChatMessage } from './chat-convert.js';
export {
  CASSETTE_FORMAT,
  CASSETTE_VERSION,
  parseCassette,
  loadCassette,
  type Cassette,
  type CassetteHeader,
  type CassetteInteraction,
  type CassetteRetry,
} from './cassette.js';
export { createCassetteWriter, type CassetteWriter, type CassetteWriterOptions } from './cassette-writer.js';
export { recordingClient, type RecordingOptions } from './record-client.js';
export { replayClient, type ReplayMode, type ReplayOptions } from './replay-client.js';
export {
  normaliseRequest,
  RECORDED_HEADERS,
  type NormaliseOptions,
  type NormalisedRequest,
} from './normalise-request.js';
export { collectSecrets, isSecretName, redactDeep, redactHeaders, redactString, REDACTED } from './redact.js';
export { jsonLineDiff, lineDiff } from './line-diff.js';
export { responsesSseFrames, chatSseFrames } from './render-sse.js';
