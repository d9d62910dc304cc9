// The imported file's SHA-256 on every audit row a ratings import writes (issue 11 item 4).
// The preview hashes the very bytes it reads and plans (ratings/import/identity.ts) and keeps
// that identity with the plan; the apply, which gets only the plan's id, checks the file is still
// that one and hands the hash to the audit writer through the actor. These are the handlers.
import type { ImportPreview, ImportResult, ParsedInput } from '../../../shared/contract';
import type { BackendContext } from '../context';
import { actorOf } from '../meta';
import { importApply, importPreview } from '../ratings/import/index';

export function previewHashed(
  ctx: BackendContext,
  input: ParsedInput<'ratings.importPreview'>,
): Promise<ImportPreview> {
  return importPreview(ctx, input);
}

export function applyHashed(
  ctx: BackendContext,
  input: ParsedInput<'ratings.importApply'>,
): ImportResult {
  return importApply(ctx, actorOf(ctx), input);
}
