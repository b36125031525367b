/** Limits and versions of the wire protocol. */

/** Version of the message schemas defined here (`v` on every message). */
export const PROTOCOL_VERSION = 1
/** Version of the signed-envelope layout. */
export const ENVELOPE_VERSION = 1

/**
 * Largest encoded message body. Bodies travel on gossipsub, whose default maximum message is 1 MiB
 * (libp2p gossipsub spec, `maxTransmitSize`); ours stay far below so gossip stays small
 * (DESIGN.md, "Networking"). Large data travels as payloads bound by hash.
 */
export const MAX_BODY_BYTES = 64 * 1024
/** Largest signed envelope: a body, a public key, a signature and a few header bytes. */
export const MAX_ENVELOPE_BYTES = MAX_BODY_BYTES + 8 * 1024
/** Largest update payload: 128 MiB, a 32M-parameter model in fp32. */
export const MAX_PAYLOAD_BYTES = 128 * 1024 * 1024
/** Longest text field, in UTF-8 bytes, unless a field says otherwise. */
export const MAX_TEXT_BYTES = 256
/** A varuint holds a safe integer (< 2^53): at most 8 groups of 7 bits. */
export const MAX_VARUINT_BYTES = 8
/** Longest message type name, in bytes. */
export const MAX_TYPE_BYTES = 32
/** Message type names: lowercase words joined by `-` (they also name the signing context). */
export const TYPE_PATTERN = /^[a-z][a-z0-9-]{0,31}$/

/** Heights behind the current one for which messages are still accepted by the replay guard. */
export const REPLAY_HEIGHTS_BEHIND = 2
/** Heights ahead of the current one for which messages are accepted by the replay guard. */
export const REPLAY_HEIGHTS_AHEAD = 1
/** Distinct messages one node may have recorded per height and type before it is ignored. */
export const REPLAY_MAX_PER_SLOT = 4
/** Records the replay guard holds at most; beyond that it refuses rather than forgets. */
export const REPLAY_MAX_ENTRIES = 65_536
/** Message types of which a node may send only one per height; a second is equivocation. */
export const UNIQUE_PER_HEIGHT_TYPES: readonly string[] = ['update', 'join']
