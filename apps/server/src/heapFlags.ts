/**
 * The server's V8 heap flags. V8 sizes the young generation, where each request's short-lived objects are
 * allocated, from the machine's memory: on a 24 GB machine two 64 MB semi-spaces, which a busy server fills
 * between scavenges, so they count in full in its resident memory (bench row 5: a 128 MB new space in a server
 * of 200 MB at rest). With 16 MB semi-spaces the young generation stays at 32 MB; the scavenges are more
 * frequent and each is as short (they copy the live objects, not the space).
 *
 * Such a flag takes effect only when the process starts, so the server replaces itself with the flags added
 * (`process.execve`: the same process id, stdio and environment; nothing else has loaded yet), unless every flag
 * is given already (as a `node` option or in NODE_OPTIONS), where execve does not exist (Windows), or with
 * `GATEHOUSE_NODE_FLAGS=off`.
 */
export const HEAP_FLAGS: ReadonlyArray<string> = ["--max-semi-space-size=16"]

const nameOf = (flag: string): string => flag.split("=")[0]!.replaceAll("_", "-")

/**
 * The arguments of `node` (after its own path) that start this script again with the flags it lacks; undefined
 * when it lacks none. `argv` is `process.argv` (node, the script, its arguments).
 */
export const heapFlagArgs = (
  execArgv: ReadonlyArray<string>,
  nodeOptions: string | undefined,
  argv: ReadonlyArray<string>
): ReadonlyArray<string> | undefined => {
  const given = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].map(nameOf)
  const missing = HEAP_FLAGS.filter((flag) => !given.includes(nameOf(flag)))
  return missing.length === 0 ? undefined : [...missing, ...execArgv, ...argv.slice(1)]
}

type Execve = (file: string, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv) => never

/** Replaces this process with itself started with `HEAP_FLAGS`, when they are missing (see above). */
export const restartWithHeapFlags = (): void => {
  const execve = (process as { readonly execve?: Execve }).execve
  if (execve === undefined || process.env.GATEHOUSE_NODE_FLAGS === "off") return
  const args = heapFlagArgs(process.execArgv, process.env.NODE_OPTIONS, process.argv)
  if (args !== undefined) execve.call(process, process.execPath, [process.execPath, ...args], process.env)
}
