/**
 * Longest key a `Storage` must accept, in UTF-16 code units. IndexedDB has no practical limit; the
 * cap keeps keys usable as file names where a storage is backed by a file system.
 */
export const MAX_KEY_LENGTH = 512
