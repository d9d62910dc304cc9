// In a module of its own, free of zod: the renderer's first screen reads it (api/bridge.ts) and
// should not load the schemas with it.

/** Largest file the preview host accepts as one upload (a national data file fits). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
