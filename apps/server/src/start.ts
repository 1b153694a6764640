/** The `gatehouse` command (see main.ts, which loads this once the process has its V8 flags). */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Cause, Effect, Exit } from "effect"
import { Command } from "effect/cli"
import { gatehouseCli, VERSION } from "./cli/index.ts"

// SIGTERM and SIGINT interrupt the main fiber; a shutdown that completed is a success (exit 0), not the
// default 130 of an interrupted program.
const teardown = <E, A>(exit: Exit.Exit<E, A>, onExit: (code: number) => void): void => {
  const stopped = Exit.isSuccess(exit) || Cause.hasInterruptsOnly(exit.cause)
  onExit(stopped ? Number(process.exitCode ?? 0) : 1)
}

gatehouseCli(process.env).pipe(
  Command.run({ version: VERSION }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ teardown })
)
