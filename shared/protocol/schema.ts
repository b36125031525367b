/**
 * Message schemas and the codec built from them.
 *
 * @remarks
 * Wire layout of a message body: `type` (text) ‖ `v` (varuint) ‖ `job` ‖ `height` ‖ `node` ‖ the
 * schema's own fields in declaration order ‖ nothing else. Every message binds the job, the height
 * and the sender by construction, which the signing context and the replay guard rely on.
 *
 * Why a hand-written schema codec and not protobuf (protons) or CBOR: signatures, de-duplication
 * and state hashes need one encoding per value. Protobuf allows fields in any order, repeated
 * fields, unknown fields and non-minimal varints, so one message has many encodings; deterministic
 * CBOR (RFC 8949 §4.2) fixes that but spends bytes on key names and needs a decoder that refuses
 * every non-canonical form, which is most of the work of this codec anyway. The schema here is the
 * single source of truth for the wire format and the TypeScript type, needs no code generation and
 * no dependency, and each field's decoder validates its value. The field order is the order of the
 * keys in the schema's `fields` object (ES2015 keeps string keys in insertion order); golden-byte
 * tests pin it.
 */
import type { Height, JobId, NodeId, Result } from '../types/index.ts'
import { MAX_BODY_BYTES, MAX_TYPE_BYTES, TYPE_PATTERN } from './constants.ts'
import { DecodeError, EncodeError } from './errors.ts'
import type { FieldCodec } from './fields.ts'
import { height, jobId, nodeId } from './fields.ts'
import { ByteReader } from './reader.ts'
import type { Rejection } from './rejection.ts'
import { reject } from './rejection.ts'
import { ByteWriter } from './writer.ts'

/** The fields every message carries: what it is, its version, and who sent it where and when. */
export interface BaseMessage {
  readonly type: string
  readonly v: number
  readonly job: JobId
  readonly height: Height
  readonly node: NodeId
}

type OwnKeys<M> = Exclude<keyof M, keyof BaseMessage>

/** The codecs of a message's own fields (all but the base ones), keyed by field name. */
export type FieldsOf<M extends BaseMessage> = { readonly [K in OwnKeys<M>]-?: FieldCodec<M[K]> }

/** How one message type is laid out on the wire. */
export interface MessageSchema<M extends BaseMessage> {
  readonly type: M['type']
  readonly version: M['v']
  readonly fields: FieldsOf<M>
}

/** A schema per message type of the union `M`, keyed by type. */
export type SchemaSet<M extends BaseMessage> = {
  readonly [T in M['type']]: MessageSchema<Extract<M, { type: T }>>
}

/** Encodes and decodes the messages of one union. */
export interface MessageCodec<M extends BaseMessage> {
  /** The message types this codec knows. */
  readonly types: readonly M['type'][]
  /** The canonical bytes of `message`; throws `EncodeError` if it is not a valid message. */
  encode(message: M): Uint8Array
  /** The message in `bytes`, fully validated, or why not. Never throws. */
  decode(bytes: Uint8Array): Result<M, Rejection>
}

const BASE_FIELDS: readonly (readonly [string, FieldCodec<unknown>])[] = [
  ['job', jobId as FieldCodec<unknown>],
  ['height', height as FieldCodec<unknown>],
  ['node', nodeId as FieldCodec<unknown>],
]

interface CompiledSchema {
  readonly version: number
  readonly fields: readonly (readonly [string, FieldCodec<unknown>])[]
}

/** Builds the codec for a set of schemas (the core messages, plus any a later module adds). */
export function createCodec<M extends BaseMessage>(schemas: SchemaSet<M>): MessageCodec<M> {
  const compiled = new Map<string, CompiledSchema>()
  for (const [type, schema] of Object.entries(schemas) as [string, MessageSchema<M>][]) {
    if (!TYPE_PATTERN.test(type) || schema.type !== type) {
      throw new EncodeError(`schema key ${type} must match its type ${schema.type}`)
    }
    const own = Object.entries(schema.fields) as [string, FieldCodec<unknown>][]
    compiled.set(type, { version: schema.version, fields: [...BASE_FIELDS, ...own] })
  }
  const types = [...compiled.keys()] as M['type'][]

  function encode(message: M): Uint8Array {
    const schema = compiled.get(message.type)
    if (schema === undefined) throw new EncodeError(`unknown message type ${message.type}`)
    if (message.v !== schema.version) throw new EncodeError(`${message.type} is v${schema.version}`)
    const writer = new ByteWriter()
    writer.text(message.type).varuint(message.v)
    const record = message as unknown as Record<string, unknown>
    for (const [name, field] of schema.fields) {
      try {
        field.encode(writer, record[name])
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        throw new EncodeError(`${message.type}.${name}: ${why}`)
      }
    }
    if (writer.length > MAX_BODY_BYTES)
      throw new EncodeError(`${message.type} over ${MAX_BODY_BYTES} bytes`)
    return writer.finish()
  }

  function decode(bytes: Uint8Array): Result<M, Rejection> {
    if (!(bytes instanceof Uint8Array)) return reject('malformed', 'not bytes')
    if (bytes.length > MAX_BODY_BYTES) return reject('too-large', `${bytes.length} bytes`)
    const reader = new ByteReader(bytes)
    let where = 'type'
    try {
      const type = reader.text(MAX_TYPE_BYTES)
      const schema = compiled.get(type)
      if (schema === undefined) return reject('unknown-type', JSON.stringify(type))
      where = `${type}.v`
      const v = reader.varuint()
      if (v !== schema.version) return reject('unsupported-version', `${type} v${v}`)
      const message: Record<string, unknown> = { type, v }
      for (const [name, field] of schema.fields) {
        where = `${type}.${name}`
        message[name] = field.decode(reader)
      }
      where = type
      reader.end()
      return { ok: true, value: message as unknown as M }
    } catch (err) {
      // DecodeError is the expected path; anything else is a decoder bug, still never thrown.
      const why = err instanceof DecodeError ? err.message : `unexpected ${String(err)}`
      return reject('malformed', `${where}: ${why}`)
    }
  }

  return { types, encode, decode }
}
