import { outboxContract } from "../src/contracts/outbox.ts"
import { layerRepositories } from "../src/index.ts"

outboxContract("in-memory", layerRepositories)
