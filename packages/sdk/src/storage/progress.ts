/** The progress of an upload, as its callback receives it. */

/** Bytes sent so far and the body's total size. */
export type ProgressCallback = (progress: { loaded: number; total: number }) => void;
