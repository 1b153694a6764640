import {
  type ExternalCredential,
  ExternalCredentialRepository,
  type ExternalCredentialSettings
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, mapTable, ok, type View } from "./MemoryStore.ts"
import { Users } from "./tables.ts"

export const Credentials = mapTable<string, ExternalCredential>("externalCredentials")
const Settings = mapTable<string, ExternalCredentialSettings>("externalCredentialSettings")
const key = (...parts: ReadonlyArray<string>) => parts.join("\u0000")

// Rows of users who no longer exist are hidden, as the store's foreign key would have removed them.
const live = (s: View, row: ExternalCredential | undefined) =>
  row !== undefined && s.get(Users).get(row.userId)?.tenantId === row.tenantId ? row : undefined

export const layerMemory: Layer.Layer<ExternalCredentialRepository, never, MemoryStore> = Layer.effect(
  ExternalCredentialRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return ExternalCredentialRepository.of({
      put: (credential) =>
        store.write((_, tx) => {
          tx.set(Credentials, key(credential.tenantId, credential.userId, credential.system), credential)
          return ok(undefined)
        }),
      find: (tenantId, userId, system) =>
        store.read((s) =>
          Option.fromNullishOr(live(s, s.get(Credentials).get(key(tenantId, userId, system))))
        ),
      delete: (tenantId, userId, system) =>
        store.write((_, tx) => {
          tx.delete(Credentials, key(tenantId, userId, system))
          return ok(undefined)
        }),
      putSettings: (row) =>
        store.write((_, tx) => {
          tx.set(Settings, key(row.tenantId, row.system), row)
          return ok(undefined)
        }),
      findSettings: (tenantId, system) =>
        store.read((s) => Option.fromNullishOr(s.get(Settings).get(key(tenantId, system))))
    })
  })
)
