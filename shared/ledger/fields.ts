/** A field codec for the protocol schema: a bigint in a closed range, as a minimal varint. */
import type { FieldCodec } from '../protocol/index.ts'
import { DecodeError, EncodeError, fields } from '../protocol/index.ts'
import { LEDGER_INTEGER_VARINT_BYTES } from './constants.ts'

/** A bigint in `[min, max]` (`0 ≤ min ≤ max < 2^70`), as `fields.biguint` plus a range check. */
export function bigUintIn<T extends bigint = bigint>(min: bigint, max: bigint): FieldCodec<T> {
  const inner = fields.biguint(LEDGER_INTEGER_VARINT_BYTES)
  return {
    encode: (w, v) => {
      if (typeof v !== 'bigint' || v < min || v > max) {
        throw new EncodeError(`${String(v)} not in [${min}, ${max}]`)
      }
      inner.encode(w, v)
    },
    decode: (r) => {
      const v = inner.decode(r)
      if (v < min || v > max) throw new DecodeError(`${v} not in [${min}, ${max}]`)
      return v as T
    },
  }
}
