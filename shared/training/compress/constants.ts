/** Defaults and limits of update compression. */

/**
 * Default int8 chunk: values per float32 scale. 256 costs 4 bytes per 256 (1.6%, a 3.94× ratio
 * against fp32; 1024 would give 3.98×) and confines the damage of an outlier, which sets the scale
 * of its chunk, to 256 values. Blockwise 8-bit quantizers use blocks of 64–4096 (Dettmers et al.,
 * "8-bit Optimizers via Block-wise Quantization", arXiv 2110.02861, use 2048); the chunk size is in
 * every payload's header, so a job can choose another.
 */
export const DEFAULT_INT8_CHUNK = 256
/** Default chunk for the int8 values of a top-k payload (a scale per 256 kept values). */
export const DEFAULT_TOPK_CHUNK = 256
/** Largest chunk a payload may declare. */
export const MAX_CHUNK = 65_536
/** Largest vector a payload may declare: 2^26 parameters (256 MiB in fp32). */
export const MAX_DIMENSION = 67_108_864
/** Largest int8 level; -128 is not used, so the grid is symmetric. */
export const INT8_LEVELS = 127
/** Largest finite IEEE 754 half: fp16 encoding saturates here instead of overflowing to ∞. */
export const F16_MAX = 65_504
/** Largest finite float32. */
export const F32_MAX = 3.4028234663852886e38
