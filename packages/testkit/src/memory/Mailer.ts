import { Mailer, type MailMessage } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { appendIn, MemoryStore, ok, type State, table, withTable } from "./MemoryStore.ts"

const TABLE = "outbox"
const messages = (s: State) => table<ReadonlyArray<MailMessage>>(s, TABLE, [])

/**
 * A mailer that keeps every message in an outbox table of the store. Like a transactional outbox, a message
 * sent by a use case that then fails is rolled back with it. Read it with `outbox`.
 */
export const layerMemory: Layer.Layer<Mailer, never, MemoryStore> = Layer.effect(
  Mailer,
  Effect.map(MemoryStore, (store) =>
    Mailer.of({
      send: (message) =>
        store.write((s) => ok(undefined, withTable(s, TABLE, appendIn(messages(s), [message]))))
    })
  )
)

/** Every message sent so far, oldest first (for assertions in tests). */
export const outbox: Effect.Effect<ReadonlyArray<MailMessage>, never, MemoryStore> = Effect.flatMap(
  MemoryStore,
  (store) => store.read(messages)
)
