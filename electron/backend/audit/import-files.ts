// The imported file's SHA-256 on every audit row a ratings import writes (issue 11 item 4).
// The file is hashed once, streamed, when it is previewed (the plan is made from those bytes);
// apply, which gets only the plan's id, finds the hash here and hands it to the audit writer
// through the actor. A plan kept across a restart of the backend has no hash (the column stays
// empty, the file's name is still in the row's origin).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImportPreview, ImportResult, ParsedInput } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { actorOf } from '../meta';
import { importApply, importPreview } from '../ratings/import/index';

const hashes = new WeakMap<BackendContext, Map<string, string>>();

/** SHA-256 (hex) of a file, read as a stream. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function previewHashed(
  ctx: BackendContext,
  input: ParsedInput<'ratings.importPreview'>,
): Promise<ImportPreview> {
  const sha = await fileSha256(ctx.files.pathOf(input.file));
  const preview = await importPreview(ctx, input);
  let known = hashes.get(ctx);
  if (!known) hashes.set(ctx, (known = new Map()));
  known.set(preview.planId, sha);
  return preview;
}

export function applyHashed(
  ctx: BackendContext,
  input: ParsedInput<'ratings.importApply'>,
): ImportResult {
  const sha = hashes.get(ctx)?.get(input.planId);
  const actor = actorOf(ctx);
  const result = importApply(ctx, sha ? { ...actor, fileSha256: sha } : actor, input);
  if (result.applied) hashes.get(ctx)?.delete(input.planId);
  return result;
}
