/**
 * Errors the chain throws. Each sets `name`, so callers branch on `err.name`. Updates, blocks and
 * checkpoints from peers are never thrown about: they are checked into values
 * (`{ ok: false, reason }`); these are the failures of this node's own work.
 */

/** The proposer could not build a block on its state (its own draft does not compute). */
export class BlockBuildError extends Error {
  override readonly name = 'BlockBuildError'
}

/** A certified block could not be applied here (it does not decode, or its payloads are missing). */
export class BlockApplyError extends Error {
  override readonly name = 'BlockApplyError'
}

/** Bytes that do not hold a valid chain state (caught by `decodeState`, which returns a value). */
export class StateDecodeError extends Error {
  override readonly name = 'StateDecodeError'
}

/** A test attack that cannot be built from what it was given (a test tool's failure). */
export class TestAttackError extends Error {
  override readonly name = 'TestAttackError'
}
