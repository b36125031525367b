/** Version of the flat weight layout described in `layout.ts`; bump it on any change. */
export const WEIGHT_LAYOUT_VERSION = 1

/** Largest model the jobs may describe, in parameters (keeps a bad manifest from exhausting memory). */
export const MAX_PARAMS = 50_000_000

/** 2^-24: turns the top 24 bits of a `uint32` into a float in [0, 1) that float32 holds exactly. */
export const UNIT_24 = 1 / 16_777_216
