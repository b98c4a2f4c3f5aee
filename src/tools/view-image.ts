import { stat } from 'node:fs/promises';
import { localFileOps, type FileOps } from './apply-patch/file-ops.js';
import { resolve } from 'node:path';
import { describeIoError } from './apply-patch/index.js';
import { defineFunctionTool } from './define-tool.js';
import { textOutcome } from './tool-types.js';

/**
 * view_image: reads a local PNG, JPEG, GIF or WebP file and hands it to the model as an
 * `input_image` content item (a data URL) in the function_call_output. The format is
 * decided by the file's first bytes, not its name. No resizing.
 */
export interface InputImageItem {
  readonly type: 'input_image';
  readonly image_url: string;
}

export interface InputTextItem {
  readonly type: 'input_text';
  readonly text: string;
}

export type OutputContentItem = InputImageItem | InputTextItem;

export type ViewImageResult =
  | { readonly ok: true; readonly items: readonly OutputContentItem[]; readonly path: string; readonly mime: string }
  | { readonly ok: false; readonly text: string };

export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** MIME type from magic bytes, or undefined. */
export function sniffImageType(b: Uint8Array): string | undefined {
  const at = (i: number): number => b[i] ?? -1;
  const ascii = (from: number, s: string): boolean => [...s].every((c, i) => at(from + i) === c.charCodeAt(0));
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => at(i) === v)) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return undefined;
}

/**
 * Reads through `ops` (inside the sandbox for sandboxed runs, so the model sees the same
 * files as its commands: their private /tmp, nothing of hexec's hidden state).
 */
export async function viewImage(path: unknown, cwd: string, ops: FileOps = localFileOps): Promise<ViewImageResult> {
  if (typeof path !== 'string' || path === '') {
    return { ok: false, text: 'failed to parse function arguments: missing field `path`' };
  }
  const abs = resolve(cwd, path);
  if (ops === localFileOps) {
    // Checked before reading so a FIFO or a huge file is never read.
    try {
      const info = await stat(abs);
      if (!info.isFile()) return { ok: false, text: `image path \`${abs}\` is not a file` };
      if (info.size > MAX_IMAGE_BYTES) {
        return {
          ok: false,
          text: `unable to process image at \`${abs}\`: file is larger than ${MAX_IMAGE_BYTES} bytes`,
        };
      }
    } catch {
      // missing: the read below reports it
    }
  }
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await ops.read(abs));
  } catch (e) {
    return { ok: false, text: `unable to locate image at \`${abs}\`: ${describeIoError(e)}` };
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    return { ok: false, text: `unable to process image at \`${abs}\`: file is larger than ${MAX_IMAGE_BYTES} bytes` };
  }
  const mime = sniffImageType(bytes);
  if (mime === undefined) {
    return {
      ok: false,
      text: `unable to process image at \`${abs}\`: unsupported image format (expected PNG, JPEG, GIF or WebP)`,
    };
  }
  const items = [{ type: 'input_image', image_url: `data:${mime};base64,${bytes.toString('base64')}` } as const];
  return { ok: true, items, path: abs, mime };
}

export const VIEW_IMAGE = defineFunctionTool({
  name: 'view_image',
  description:
    'View a local image file from the filesystem when visual inspection is needed. Use this for images already available on disk.',
  parameters: {
    type: 'object',
    properties: { path: { type: 'string', description: 'Local filesystem path to an image file.' } },
    required: ['path'],
    additionalProperties: false,
  },
  run: async ({ path }, ctx) => {
    const r = await viewImage(path, ctx.cwd, ctx.fileOps);
    return r.ok ? { output: r.items, event: { kind: 'none' } } : textOutcome(r.text);
  },
});
