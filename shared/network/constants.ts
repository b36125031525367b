/** Network constants shared by the relay and the browser node. */

/** The gossip topic tabs use to announce their addresses (pubsub peer discovery). */
export const DISCOVERY_TOPIC = 'swarm/_peer-discovery/v1'

/** The lobby topic: presence messages before a node joins a job. */
export const LOBBY_TOPIC = 'swarm/lobby/v1'

/** How often a tab re-announces itself on the discovery topic, in ms. */
export const DISCOVERY_INTERVAL_MS = 2_000

/** A WebRTC dial that takes longer than this is abandoned and retried (probe: p50 ≈ 150 ms). */
export const DIAL_TIMEOUT_MS = 10_000

/** First retry delay after a failed dial; doubles per attempt up to the maximum. */
export const DIAL_BACKOFF_BASE_MS = 500

/** Largest retry delay. */
export const DIAL_BACKOFF_MAX_MS = 30_000

/** Relative jitter applied to each retry delay, so tabs that failed together do not retry together. */
export const DIAL_BACKOFF_JITTER = 0.25

/** After this many failed attempts in a row the dialer waits for a fresh discovery of the peer. */
export const DIAL_MAX_ATTEMPTS = 8

/**
 * Gossipsub's IP-colocation penalty (P6) is off. Its default (−5 per extra peer squared above 10
 * peers on one IP, scores kept for an hour) cut a relay off from every tab after about a dozen
 * tabs had come and gone from one machine or one NAT (measured: gossip and discovery stopped
 * in the third round of four tabs). Tabs behind one NAT are the normal case for donors, and
 * Sybil resistance comes from signed identities and earned stake, not from IP addresses.
 */
export const GOSSIP_SCORE_PARAMS = { IPColocationFactorWeight: 0 } as const
