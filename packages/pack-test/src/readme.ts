import { readFileSync } from "node:fs"
import { join } from "node:path"
import { ROOT } from "./workspace.ts"

/** The first ```ts block after `heading` in the repository's README. */
export const readmeBlock = (heading: string): string => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8")
  const at = readme.indexOf(`\n${heading}\n`)
  const match = /```ts\n([\s\S]*?)```/u.exec(readme.slice(at))
  if (at < 0 || match === null) throw new Error(`README.md: no ts block under "${heading}"`)
  return match[1]!
}

export const QUICKSTART_HEADING = "## Using the domain directly"
export const EMBEDDING_HEADING = "## Embedding the HTTP API in your own Fastify app"
