/**
 * The wire protocol: versioned messages keyed on a string `type`, a canonical schema-checked
 * binary codec, signed envelopes, and replay protection.
 *
 * @remarks
 * - Messages (`update`, `join`; consensus adds its own through `createCodec`) always carry
 *   `type`, `v`, `job`, `height` and `node`, so every signature binds job, height and sender.
 * - The codec (`schema.ts`) is hand-written, not protobuf or CBOR: one encoding per value, every
 *   field validated on decode; `schema.ts` explains the choice.
 * - Nothing from the wire throws: every decoder and `openMessage` return `{ ok: false, reason }`
 *   with a {@link Rejection} code to count by.
 * - Sealing signs the body with HashML-DSA-65 under `swarm/v1/<job>/<type>`; opening verifies,
 *   then records the message hash in a {@link ReplayGuard}.
 */
export * from './constants.ts'
export { DecodeError, EncodeError } from './errors.ts'
export type { RejectCode, Rejection } from './rejection.ts'
export { reject } from './rejection.ts'
export { ByteReader } from './reader.ts'
export { ByteWriter } from './writer.ts'
export { decodeUtf8, encodeUtf8 } from './utf8.ts'
export * as fields from './fields.ts'
export type { FieldCodec } from './fields.ts'
export type { BaseMessage, FieldsOf, MessageCodec, MessageSchema, SchemaSet } from './schema.ts'
export { createCodec } from './schema.ts'
export type { UpdateFields, UpdateMessage } from './update.ts'
export { UPDATE_SCHEMA, updateMessage } from './update.ts'
export type { JoinMessage } from './join.ts'
export { JOIN_SCHEMA } from './join.ts'
export type { LeaveMessage } from './leave.ts'
export { LEAVE_SCHEMA } from './leave.ts'
export type { CoreMessage } from './messages.ts'
export { CORE_SCHEMAS, coreCodec } from './messages.ts'
export type { Envelope, EnvelopeSigner } from './envelope.ts'
export { decodeEnvelope, encodeEnvelope } from './envelope.ts'
export type { KeyResolver, OpenedMessage, OpenOptions, SealOptions } from './seal.ts'
export { openMessage, sealMessage } from './seal.ts'
export type { ReplayEntry, ReplayGuardInit } from './replay.ts'
export { ReplayGuard } from './replay.ts'
export { checkPayload, payloadHashOf } from './payload.ts'
