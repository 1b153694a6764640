import {
  type ExternalCredential,
  ExternalCredentialRepository,
  type ExternalCredentialSettings
} from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { MemoryStore, ok, type State, setIn, table, withTable } from "./MemoryStore.ts"

type Credentials = ReadonlyMap<string, ExternalCredential>
type Settings = ReadonlyMap<string, ExternalCredentialSettings>
export const CREDENTIALS = "externalCredentials"
const SETTINGS = "externalCredentialSettings"
const credentials = (s: State) => table<Credentials>(s, CREDENTIALS, new Map())
const settings = (s: State) => table<Settings>(s, SETTINGS, new Map())
const key = (...parts: ReadonlyArray<string>) => parts.join("\u0000")

// Rows of users who no longer exist are hidden, as the store's foreign key would have removed them.
const live = (s: State, row: ExternalCredential | undefined) =>
  row !== undefined && s.users.get(row.userId)?.tenantId === row.tenantId ? row : undefined

export const layerMemory: Layer.Layer<ExternalCredentialRepository, never, MemoryStore> = Layer.effect(
  ExternalCredentialRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return ExternalCredentialRepository.of({
      put: (credential) =>
        store.write((s) =>
          ok(
            undefined,
            withTable(
              s,
              CREDENTIALS,
              setIn(
                credentials(s),
                key(credential.tenantId, credential.userId, credential.system),
                credential
              )
            )
          )
        ),
      find: (tenantId, userId, system) =>
        store.read((s) => Option.fromNullishOr(live(s, credentials(s).get(key(tenantId, userId, system))))),
      delete: (tenantId, userId, system) =>
        store.write((s) => {
          const next = setIn(credentials(s), key(tenantId, userId, system), undefined)
          return ok(undefined, withTable(s, CREDENTIALS, next))
        }),
      putSettings: (row) =>
        store.write((s) =>
          ok(undefined, withTable(s, SETTINGS, setIn(settings(s), key(row.tenantId, row.system), row)))
        ),
      findSettings: (tenantId, system) =>
        store.read((s) => Option.fromNullishOr(settings(s).get(key(tenantId, system))))
    })
  })
)
