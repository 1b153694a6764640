import { Transactor } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore } from "./MemoryStore.ts"

export const layerMemory: Layer.Layer<Transactor, never, MemoryStore> = Layer.effect(
  Transactor,
  // One atomic, isolated update per transaction: `mostlyReads` changes nothing here.
  Effect.map(MemoryStore, (store) =>
    Transactor.of({ withTransaction: (effect) => store.transaction(effect) })
  )
)
