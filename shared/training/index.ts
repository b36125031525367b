/**
 * The update pipeline's math: compression of pseudo-gradients, robust aggregation, and the DiLoCo
 * outer step. Pure, deterministic TypeScript over `Float32Array`; see each submodule's doc.
 * Attack generators live in `./attacks/index.ts` and are not re-exported here: they are test and
 * simulator tools.
 */
export * from './compress/index.ts'
export * from './aggregate/index.ts'
export * from './outer/index.ts'
export { CompressionError, OuterStepError } from './errors.ts'
