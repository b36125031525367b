/** Defaults of the DiLoCo outer optimizer and the state-hash domain. */

/**
 * Outer learning rate η = 0.7 (DiLoCo, arXiv 2311.08105, §3; OpenDiLoCo README:
 * `SGD(lr=0.7, momentum=0.9, nesterov=True)`).
 */
export const OUTER_LR = 0.7
/** Outer Nesterov momentum μ = 0.9 (same sources). */
export const OUTER_MOMENTUM = 0.9
/** Domain prefix of the outer-state hash, so it can never equal another hash of the protocol. */
export const OUTER_STATE_DOMAIN = 'swarm/v1/outer-state'
