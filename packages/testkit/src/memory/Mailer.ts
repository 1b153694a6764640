import { Mailer, type MailMessage } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { listTable, MemoryStore, ok } from "./MemoryStore.ts"

const Messages = listTable<MailMessage>("outbox")

/**
 * A mailer that keeps every message in an outbox table of the store. Like a transactional outbox, a message
 * sent by a use case that then fails is rolled back with it. Read it with `outbox`.
 */
export const layerMemory: Layer.Layer<Mailer, never, MemoryStore> = Layer.effect(
  Mailer,
  Effect.map(MemoryStore, (store) =>
    Mailer.of({
      send: (message) =>
        store.write((_, tx) => {
          tx.append(Messages, [message])
          return ok(undefined)
        })
    })
  )
)

/** Every message sent so far, oldest first (for assertions in tests). */
export const outbox: Effect.Effect<ReadonlyArray<MailMessage>, never, MemoryStore> = Effect.flatMap(
  MemoryStore,
  (store) => store.read((s) => s.get(Messages))
)
