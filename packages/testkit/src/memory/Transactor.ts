import { Transactor } from "@gatehouse/domain"
import { Effect, Layer } from "effect"
import { MemoryStore } from "./MemoryStore.ts"

export const layerMemory: Layer.Layer<Transactor, never, MemoryStore> = Layer.effect(
  Transactor,
  Effect.map(MemoryStore, (store) => Transactor.of({ withTransaction: store.transaction }))
)
