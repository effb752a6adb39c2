/** Process exit codes, as listed in --help and the README. */
export const EXIT = { ok: 0, failure: 1, usage: 2, connect: 3, failOn: 4, capture: 5 } as const;
