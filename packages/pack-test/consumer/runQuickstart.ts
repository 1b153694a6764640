// Runs the README's domain quickstart (written next to this file as quickstart.ts) and prints its result.
import { Effect } from "effect"
import { quickstart } from "./quickstart.ts"

console.log(JSON.stringify(await Effect.runPromise(quickstart)))
