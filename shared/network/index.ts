/**
 * Network policy shared by the browser node and the relay: topic names, and the dial tie-break
 * and retry rules. No libp2p here; the transports apply these rules.
 */
export * from './constants.ts'
export * from './dial-policy.ts'
