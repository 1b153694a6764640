/**
 * The physical limit of a login: @node-rs/argon2 `verify` of a correct password at the server's parameters,
 * `concurrency` at a time for `duration` seconds, in a process of its own (same libuv pool size as the
 * server's, UV_THREADPOOL_SIZE inherited). Prints `{ "rps": verifies per second }`.
 */
import { performance } from "node:perf_hooks"
import { hash, verify } from "@node-rs/argon2"

interface LoopSpec {
  readonly memoryCost: number
  readonly timeCost: number
  readonly parallelism: number
  readonly concurrency: number
  readonly duration: number
}

const spec = JSON.parse(process.argv[2] ?? "{}") as LoopSpec
const password = "correct horse battery staple"
const stored = await hash(password, {
  memoryCost: spec.memoryCost,
  timeCost: spec.timeCost,
  parallelism: spec.parallelism
})
let done = 0
const deadline = performance.now() + spec.duration * 1000
const started = performance.now()
await Promise.all(
  Array.from({ length: spec.concurrency }, async () => {
    while (performance.now() < deadline) {
      if (!(await verify(stored, password))) throw new Error("verify refused the right password")
      done++
    }
  })
)
process.stdout.write(`${JSON.stringify({ rps: done / ((performance.now() - started) / 1000) })}\n`)
