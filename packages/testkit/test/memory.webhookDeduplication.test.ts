import { Layer } from "effect"
import { webhookDeduplicationContract } from "../src/contracts/webhookDeduplication.ts"
import { layerRepositories, memory } from "../src/index.ts"

webhookDeduplicationContract("in-memory", layerRepositories)

// A short TTL: the same guarantees hold whatever the TTL is.
webhookDeduplicationContract(
  "in-memory, 5 second TTL",
  memory.WebhookDeduplication.layerMemoryWith({ ttl: "5 seconds" }).pipe(
    Layer.provideMerge(layerRepositories)
  ),
  { ttl: "5 seconds" }
)
