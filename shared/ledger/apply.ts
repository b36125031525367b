/**
 * `applyHeight`: the ledger's part of `S_h = apply(S_{h-1}, block_h)` (DESIGN.md, "The certified
 * round log", step 4).
 *
 * @remarks
 * Order of effects at a height, each step in a fixed order so every node gets the same bytes:
 * 1. **Slashes**, by node id: each slashed node (once, however much evidence names it) loses
 *    ⌊balance × num / den⌋ of its balance at the start of the height; the amount is burned.
 * 2. **Rewards**, minted: to each contribution by node id (see `rewards.ts`), then to the
 *    proposer, then to each voter by node id. A node slashed at this height earns nothing here.
 * 3. **Transfers**, in block order. A transfer from a node without an account is skipped as
 *    `unknown-sender`, one whose nonce is not the sender's as `wrong-nonce`; neither changes
 *    anything. Otherwise the transfer settles its nonce (the nonce advances) and is applied, or
 *    skipped as `non-positive-amount`, `over-cap`, `self-transfer` or `insufficient-balance`, in
 *    that order of checks. Settling on a skip means a signed transfer that failed can never take
 *    effect later, when the sender did not expect it any more.
 *
 * Rewards come before transfers so a new node can spend what it earned in the same block, and
 * slashes come first so an equivocator cannot move its balance out of reach in the block that
 * proves its fault.
 */
import type { NodeId, Result, TokenAmount } from '../types/index.ts'
import { asNodeId } from '../types/index.ts'
import { Book } from './book.ts'
import { LedgerInputError } from './errors.ts'
import { checkLedgerParams } from './params.ts'
import { isQuality, quantizeQuality, updateRewardFor } from './rewards.ts'
import { compareNodeIds } from './state.ts'
import type {
  ApplyResult,
  HeightOutcome,
  LedgerEvent,
  LedgerParams,
  LedgerState,
  LedgerTransfer,
  TransferSkipReason,
} from './types.ts'

/**
 * Whether `outcome` can be applied to `state`: the next height, valid node ids, no voter or
 * contribution twice, qualities in [0, 1], sample counts safe integers ≥ 0, bigint amounts and
 * nonces. Use it on a proposed block; `applyHeight` throws on what it refuses.
 */
export function checkOutcome(state: LedgerState, outcome: HeightOutcome): Result<HeightOutcome> {
  if (outcome.height !== state.height + 1) {
    return fail(`height ${outcome.height} does not follow ${state.height}`)
  }
  if (!asNodeId(outcome.proposer).ok) return fail('proposer is not a node id')
  const voters = new Set<NodeId>()
  for (const voter of outcome.voters) {
    if (!asNodeId(voter).ok) return fail('a voter is not a node id')
    if (voters.has(voter)) return fail(`voter ${voter} listed twice`)
    voters.add(voter)
  }
  const contributors = new Set<NodeId>()
  for (const c of outcome.contributions) {
    if (!asNodeId(c.node).ok) return fail('a contributor is not a node id')
    if (contributors.has(c.node)) return fail(`contribution from ${c.node} listed twice`)
    if (!isQuality(c.quality)) return fail(`quality of ${c.node} not in [0, 1]`)
    if (!Number.isSafeInteger(c.samples) || c.samples < 0) {
      return fail(`samples of ${c.node} not a safe integer ≥ 0`)
    }
    contributors.add(c.node)
  }
  for (const node of outcome.slashed) {
    if (!asNodeId(node).ok) return fail('a slashed node is not a node id')
  }
  for (const t of outcome.transfers) {
    if (!asNodeId(t.node).ok || !asNodeId(t.to).ok) return fail('a transfer names a bad node id')
    if (typeof t.amount !== 'bigint' || typeof t.nonce !== 'bigint') {
      return fail('a transfer amount or nonce is not a bigint')
    }
  }
  return { ok: true, value: outcome }
}

/**
 * Applies one certified height to the ledger: slashes, then rewards, then transfers (see the
 * module doc). Returns the new state, the events in the order they happened, and who was
 * slashed. Never changes `state`. Throws `LedgerInputError` for invalid `params` or an outcome
 * that `checkOutcome` refuses, and `LedgerInvariantError` if the result breaks an invariant.
 */
export function applyHeight(
  state: LedgerState,
  params: LedgerParams,
  outcome: HeightOutcome,
): ApplyResult {
  const validParams = checkLedgerParams(params)
  if (!validParams.ok) throw new LedgerInputError(validParams.reason)
  const valid = checkOutcome(state, outcome)
  if (!valid.ok) throw new LedgerInputError(valid.reason)

  const { height } = outcome
  const book = new Book(state)
  const events: LedgerEvent[] = []

  const slashed = [...new Set(outcome.slashed)].sort(compareNodeIds)
  const isSlashed = new Set(slashed)
  const { num, den } = params.slashFraction
  for (const node of slashed) {
    const amount = (book.balance(node) * num) / den
    book.burn(node, amount)
    const balance = book.balance(node) as TokenAmount
    events.push({ type: 'slash', height, node, amount: amount as TokenAmount, balance })
  }

  const contributions = [...outcome.contributions].sort((a, b) => compareNodeIds(a.node, b.node))
  for (const { node, quality, samples } of contributions) {
    if (isSlashed.has(node)) continue
    const qualityPpm = quantizeQuality(quality)
    const amount = updateRewardFor(params, qualityPpm, samples)
    book.mint(node, amount)
    events.push({ type: 'reward', height, node, amount, qualityPpm, samples })
  }
  if (!isSlashed.has(outcome.proposer)) {
    const node = outcome.proposer
    book.mint(node, params.proposerReward)
    events.push({ type: 'proposer-reward', height, node, amount: params.proposerReward })
  }
  for (const node of [...outcome.voters].sort(compareNodeIds)) {
    if (isSlashed.has(node)) continue
    book.mint(node, params.voterReward)
    events.push({ type: 'voter-reward', height, node, amount: params.voterReward })
  }

  outcome.transfers.forEach((transfer, index) => {
    const reason = applyTransfer(book, params, transfer)
    const { node: from, to, amount, nonce } = transfer
    if (reason === undefined) {
      events.push({ type: 'transfer', height, from, to, amount, nonce })
    } else {
      events.push({ type: 'transfer-skipped', height, from, to, amount, nonce, reason, index })
    }
  })

  return { state: book.seal(height), events, slashed }
}

// Applies one transfer to `book`, or says why it was skipped (see the module doc for the order).
function applyTransfer(
  book: Book,
  params: LedgerParams,
  t: LedgerTransfer,
): TransferSkipReason | undefined {
  const account = book.get(t.node)
  if (account === undefined) return 'unknown-sender'
  if (t.nonce !== account.nonce) return 'wrong-nonce'
  book.bumpNonce(t.node)
  if (t.amount <= 0n) return 'non-positive-amount'
  if (t.amount > params.maxTransferAmount) return 'over-cap'
  if (t.to === t.node) return 'self-transfer'
  if (t.amount > account.balance) return 'insufficient-balance'
  book.move(t.node, t.to, t.amount)
  return undefined
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
