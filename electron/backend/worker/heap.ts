// The backend worker's V8 heap limits (worker_threads resourceLimits), shared by the host that
// starts it and by the bench's child that measures its jobs in a worker started the same way.
//
// Why the young generation is capped: on a machine with enough memory V8 sizes it at 128 MB
// (two semi-spaces of 64 MB) for a busy thread, and an exchange import of a national file is one:
// its preview and apply make hundreds of MB of short-lived records, so both semi-spaces fill and
// stay resident while the objects that survive take ~60 MB of old space (issue 10, helper RSS:
// process.memoryUsage and v8.getHeapSpaceStatistics at each progress step,
// scripts/bench/exchange-memory.ts). 48 MB (semi-spaces of 16 MB, as `node
// --max-semi-space-size=16`) took the national import's peak RSS from 450-458 to 352-394 MB in
// one series of runs alternated with the default (load 5-7), at the same CPU time (user + sys
// 34.4-39.9 s against 36.1-38.8 s: scavenges are more frequent but each copies as little, the
// records die young either way); 24 MB was no better (more objects promoted: 379 MB, 38.4 s).
// The old generation is left to V8: the limit that matters there is the data's, not a guess.
export const BACKEND_WORKER_LIMITS = { maxYoungGenerationSizeMb: 48 } as const;
