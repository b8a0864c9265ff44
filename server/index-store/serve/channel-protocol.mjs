// The shared-memory protocol between a searcher (searcher.ts, main thread) and its search worker
// (search-worker.mjs): one module both sides import, so the numbers cannot drift apart. Plain
// JavaScript because the worker is loaded from disk by path, outside any bundler or loader.

/** Slots of the channel's Int32 control array. */
export const SLOT = Object.freeze({ STATE: 0, COUNT: 1, K: 2, ERROR_BYTES: 3 });

/**
 * Values of control[SLOT.STATE]: the main thread sets REQUEST, the worker answers ANSWERED or
 * FAILED (with the message's length in control[SLOT.ERROR_BYTES]), the main thread reads and sets IDLE.
 */
export const STATE = Object.freeze({ IDLE: 0, REQUEST: 1, ANSWERED: 2, FAILED: 3 });
