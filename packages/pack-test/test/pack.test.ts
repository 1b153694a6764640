import { existsSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Consumer, makeConsumer } from "../src/consumer.ts"
import { run, runOk } from "../src/run.ts"
import { ensureBuilt, type Manifest, publishedPackages, ROOT } from "../src/workspace.ts"

const packages = publishedPackages()
const names = packages.map((pkg) => pkg.manifest.name)
const timings: Record<string, number> = {}
let consumer: Consumer

const timed = async <A>(label: string, work: () => Promise<A>): Promise<A> => {
  const started = performance.now()
  try {
    return await work()
  } finally {
    timings[label] = Math.round(performance.now() - started)
  }
}

beforeAll(async () => {
  const built = await timed("build", () => ensureBuilt(packages))
  if (built.length > 0) console.info(`pack test: built ${built.join(", ")} first (dist missing or stale)`)
  consumer = await timed("pack and install", () => makeConsumer(packages))
})

afterAll(() => {
  consumer?.remove()
  console.info(`pack test timings (ms): ${JSON.stringify(timings)}`)
})

describe("the published packages, packed and installed into an empty project outside the workspace", () => {
  it("packs the domain, the testkit, the client and every adapter, and this test builds each one before", () => {
    expect(names).toEqual(
      expect.arrayContaining([
        "@gatehouse/domain",
        "@gatehouse/testkit",
        "@gatehouse/client",
        "@gatehouse/adapters-crypto",
        "@gatehouse/adapters-email",
        "@gatehouse/adapters-http",
        "@gatehouse/adapters-outbound",
        "@gatehouse/adapters-postgres",
        "@gatehouse/adapters-shopify"
      ])
    )
    expect(consumer.packed.map((tarball) => tarball.name).sort()).toEqual([...names].sort())
    expect(consumer.dir.startsWith(ROOT)).toBe(false)
    expect(existsSync(join(consumer.dir, "..", "package.json"))).toBe(false)
    // turbo builds this package's dependencies before its test: every published package must be one
    const own = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8")) as Manifest
    expect(Object.keys(own.devDependencies as object).sort()).toEqual([...names].sort())
  })

  it.each(names)("%s ships declarations matching its exports, types listed first", (name) => {
    const { dir, manifest } = consumer.installed(name)
    const exports = manifest.exports as Record<string, Record<string, string>>
    for (const [subpath, conditions] of Object.entries(exports)) {
      const keys = Object.keys(conditions).filter((key) => key !== "@gatehouse/source")
      expect(keys[0], `${name} "${subpath}"`).toBe("types")
      // the workspace's own condition (sources, for tests and typecheck without a build) comes first and
      // points at the shipped sources: no consumer sets it
      if (conditions["@gatehouse/source"] !== undefined) {
        expect(Object.keys(conditions)[0]).toBe("@gatehouse/source")
        expect(existsSync(join(dir, conditions["@gatehouse/source"]))).toBe(true)
      }
      for (const target of Object.values(conditions)) expect(existsSync(join(dir, target)), target).toBe(true)
      expect(conditions.types).toMatch(/\.d\.ts$/u)
      expect(conditions.default).toBe(conditions.types!.replace(/\.d\.ts$/u, ".js"))
    }
    expect(manifest.types).toBe(exports["."]!.types)
    expect(manifest.main).toBe(exports["."]!.default)
  })

  it.each(names)("%s ships source maps that point at shipped sources", (name) => {
    const { dir } = consumer.installed(name)
    const packed = consumer.packed.find((tarball) => tarball.name === name)!
    const maps = packed.files.filter((file) => file.endsWith(".map"))
    expect(maps).toContain("dist/index.js.map")
    expect(maps).toContain("dist/index.d.ts.map")
    for (const map of maps) {
      const { sources, sourceRoot } = JSON.parse(readFileSync(join(dir, map), "utf8")) as {
        sources: string[]
        sourceRoot?: string
      }
      expect(sources.length, map).toBeGreaterThan(0)
      for (const source of sources) {
        const file = resolve(dir, dirname(map), sourceRoot ?? "", source)
        expect(file.startsWith(join(dir, "src")), `${map}: ${source}`).toBe(true)
        expect(existsSync(file), `${map}: ${source}`).toBe(true)
      }
    }
  })

  it.each(names)("%s declares honest metadata", (name) => {
    const { manifest } = consumer.installed(name)
    expect(manifest.license).toBe("MIT")
    expect(manifest.type).toBe("module")
    expect(manifest.sideEffects).toBe(false)
    expect(manifest.engines).toEqual({ node: ">=22.19" })
    expect(manifest.files).toEqual(["dist", "src"])
    expect(existsSync(join(consumer.installed(name).dir, "LICENSE"))).toBe(true)
    const ranges = ["dependencies", "peerDependencies"].flatMap((field) =>
      Object.entries((manifest[field] ?? {}) as Record<string, string>)
    )
    // workspace links are written as they are by npm pack: a range a registry install can satisfy
    for (const [dependency, range] of ranges.filter(([dependency]) => dependency.startsWith("@gatehouse/"))) {
      expect(range, dependency).toBe(`^${manifest.version}`)
    }
    // one copy of effect (and of fastify, for the plugin) in the team's project: theirs
    expect((manifest.dependencies ?? {}) as Record<string, string>).not.toHaveProperty("effect")
    const bundle = readFileSync(join(consumer.installed(name).dir, "dist/index.js"), "utf8")
    if (/from "effect(\/[a-z]+)?"/u.test(bundle)) {
      expect((manifest.peerDependencies as Record<string, string>).effect).toMatch(/^\^4\./u)
    }
  })

  it("the testkit takes the team's test runner: vitest, @effect/vitest and fast-check are peers", () => {
    const { manifest } = consumer.installed("@gatehouse/testkit")
    const peers = manifest.peerDependencies as Record<string, string>
    const dependencies = (manifest.dependencies ?? {}) as Record<string, string>
    for (const runner of ["vitest", "@effect/vitest", "fast-check"]) {
      expect(peers[runner], runner).toBeDefined()
      expect(dependencies[runner], runner).toBeUndefined()
    }
    expect(consumer.installed("@gatehouse/adapters-http").manifest.dependencies).not.toHaveProperty("fastify")
  })

  it("type-checks a team's code against the domain's types and refuses each misuse with the expected error", async () => {
    // TypeScript of the repository, on the project's own tsconfig (strict, NodeNext, skipLibCheck off)
    const ran = await run(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--pretty", "false"], {
      cwd: consumer.dir,
      timeoutMs: 180_000
    })
    const found = [...ran.stdout.matchAll(/^(\S+)\((\d+),\d+\): error (TS\d+)/gmu)].map(
      ([, file, line, code]) => `${file}:${line} ${code}`
    )
    const misuse = readFileSync(join(consumer.dir, "misuse.ts"), "utf8").split("\n")
    const expected = misuse.flatMap((text, index) => {
      const code = /\/\/ error (TS\d+)$/u.exec(text)?.[1]
      return code === undefined ? [] : [`misuse.ts:${index + 1} ${code}`]
    })
    expect(expected.length).toBeGreaterThanOrEqual(4)
    expect(found.sort(), ran.stdout).toEqual(expected.sort())
    expect(ran.code).not.toBe(0)
  })

  it("runs the README's domain quickstart from the tarballs", async () => {
    const { stdout } = await runOk(process.execPath, ["runQuickstart.ts"], {
      cwd: consumer.dir,
      timeoutMs: 60_000
    })
    expect(JSON.parse(stdout)).toEqual({
      email: "alice@example.com",
      mustChangePassword: true,
      passwordLength: 8
    })
  })

  it("serves the README's Fastify composition on PGlite: the team's route, readiness, a tenant, a login, the client", async () => {
    const { stdout } = await runOk(process.execPath, ["runEmbedded.ts"], {
      cwd: consumer.dir,
      timeoutMs: 120_000
    })
    const line = stdout.split("\n").find((text) => text.startsWith("RESULT "))
    expect(line, stdout).toBeDefined()
    type Answer = { status: number; type: string | null; body: string }
    const answered = JSON.parse(line!.slice("RESULT ".length)) as Record<string, Answer> & {
      clientMe?: string
    }
    expect(answered.hello).toMatchObject({ status: 200, body: JSON.stringify({ hello: "from your app" }) })
    expect(answered.ready?.status).toBe(200)
    expect(answered.tenant?.status, answered.tenant?.body).toBe(201)
    expect(JSON.parse(answered.tenant!.body)).toMatchObject({ tenant: { slug: "acme" } })
    expect(answered.login?.status, answered.login?.body).toBe(200)
    expect(JSON.parse(answered.login!.body)).toMatchObject({ token: expect.any(String) })
    // the typed client, from its tarball, on the same server with the session's token
    expect(answered.clientMe).toBe("owner@acme.example")
    expect(answered.missing).toMatchObject({
      status: 404,
      type: expect.stringContaining("application/problem+json")
    })
  })
})
