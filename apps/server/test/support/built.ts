import { type ChildProcess, execFile } from "node:child_process"
import { existsSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { promisify } from "node:util"

const SERVER = join(import.meta.dirname, "../..")
const ROOT = join(SERVER, "../..")
export const MAIN = join(SERVER, "dist/main.js")

/** The newest modification time under `dir` (sources the bundle is made of). */
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }, 0)

/**
 * `dist/main.js` as `npm start` runs it. CI builds before testing; `npm test` alone on a fresh clone (or after
 * a source change) builds it here, with the package's own build (tsup bundles the workspace sources).
 */
export const ensureBuilt = async (): Promise<void> => {
  const sources = [
    join(SERVER, "src"),
    ...readdirSync(join(ROOT, "packages")).map((p) => join(ROOT, "packages", p, "src"))
  ]
  const stale =
    !existsSync(MAIN) || sources.some((dir) => existsSync(dir) && newest(dir) > statSync(MAIN).mtimeMs)
  if (stale) await promisify(execFile)(join(ROOT, "node_modules/.bin/tsup"), { cwd: SERVER })
}

/** Resolves with the first match of `pattern` in the child's stdout so far or to come. */
export const waitFor = (child: ChildProcess, output: { text: string }, pattern: RegExp, millis: number) =>
  new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${millis} ms:\n${output.text}`)),
      millis
    )
    const check = () => {
      const match = pattern.exec(output.text)
      if (match === null) return
      clearTimeout(timer)
      child.stdout?.off("data", check)
      resolve(match)
    }
    child.stdout?.on("data", check)
    check()
  })
