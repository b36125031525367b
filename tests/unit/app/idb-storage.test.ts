import { IDBFactory } from 'fake-indexeddb'
import { IdbStorage } from '../../../app/node/idb-storage.ts'
import { describeStorageConformance } from '../storage/conformance.ts'

let n = 0
describeStorageConformance('IndexedDB (fake-indexeddb)', () =>
  IdbStorage.open(`test-${n++}`, new IDBFactory()),
)
