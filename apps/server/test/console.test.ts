import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { loadConfig, type Server } from "@gatehouse/server"
import { Redacted } from "effect"
import Fastify from "fastify"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultConsoleDir, mountConsole } from "../src/console.ts"
import { compose, tempDataDir, testEnv } from "./support/server.ts"

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-3f9a1c.js"></script></head></html>'
const ASSET = "console.log('the console')"

/** A stand-in for apps/console/dist: an index.html, a hashed asset and an unhashed file. */
const fakeConsole = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "gatehouse-console-"))
  mkdirSync(join(dir, "assets"))
  writeFileSync(join(dir, "index.html"), INDEX)
  writeFileSync(join(dir, "assets", "app-3f9a1c.js"), ASSET)
  writeFileSync(join(dir, "favicon.svg"), "<svg/>")
  return dir
}

const PUBLIC_URL = "https://id.example.com/gate"
const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

describe("the console served by the server (a fake build in GATEHOUSE_CONSOLE_DIR)", () => {
  const data = tempDataDir()
  const consoleDir = fakeConsole()
  let server: Server
  beforeAll(async () => {
    server = await compose(
      testEnv(data.dir, { GATEHOUSE_CONSOLE_DIR: consoleDir, GATEHOUSE_PUBLIC_URL: PUBLIC_URL })
    )
  })
  afterAll(async () => {
    await server?.app.close()
    data.remove()
    rmSync(consoleDir, { recursive: true, force: true })
  })
  const get = (url: string, accept = HTML) => server.app.inject({ method: "GET", url, headers: { accept } })

  it("serves index.html at / without caching it", async () => {
    expect(server.consoleDir).toBe(consoleDir)
    const response = await get("/")
    expect(response.statusCode).toBe(200)
    expect(response.headers["content-type"]).toMatch(/^text\/html/)
    expect(response.body).toBe(INDEX)
    expect(response.headers["cache-control"]).toBe("no-cache")
  })

  it("serves the hashed assets with a long, immutable cache and other files revalidated", async () => {
    const asset = await get("/assets/app-3f9a1c.js", "*/*")
    expect(asset.statusCode).toBe(200)
    expect(asset.headers["content-type"]).toMatch(/javascript/)
    expect(asset.body).toBe(ASSET)
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable")
    const icon = await get("/favicon.svg", "*/*")
    expect(icon.statusCode).toBe(200)
    expect(icon.headers["cache-control"]).toBe("no-cache")
  })

  it("marks every API answer no-store (the login answer holds the token), the assets keeping their cache", async () => {
    const login = await server.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { tenant: "nobody", email: "nobody@example.com", password: "wrong password" }
    })
    expect(login.statusCode).toBe(401)
    expect(login.headers["cache-control"]).toBe("no-store")
    for (const url of ["/v1/me", "/v1/no-such-route", "/healthz", "/openapi.json"]) {
      expect((await get(url, "application/json")).headers["cache-control"], url).toBe("no-store")
    }
    const asset = await get("/assets/app-3f9a1c.js", "*/*")
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable")
  })

  it("answers a console route (a page the browser asks for) with index.html", async () => {
    for (const url of ["/setup", "/users/0193/edit?tab=security", "/password-reset"]) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.body, url).toBe(INDEX)
      expect(response.headers["cache-control"], url).toBe("no-cache")
    }
  })

  it("keeps the API's paths, the documents and the probes, and 404s what is not a page", async () => {
    const unknownApi = await get("/v1/no-such-route")
    expect(unknownApi.statusCode).toBe(404)
    expect(unknownApi.headers["content-type"]).toMatch(/^application\/problem\+json/)
    expect(unknownApi.json()).toMatchObject({ code: "NOT_FOUND" })
    expect((await get("/v1")).statusCode).toBe(404)
    // a missing asset is not the page (a browser would run HTML as a script)
    expect((await get("/assets/gone-123.js")).json()).toMatchObject({ status: 404, code: "NOT_FOUND" })
    // a client that does not ask for HTML gets the API's 404, not the page
    expect((await get("/setup", "application/json")).json()).toMatchObject({ code: "NOT_FOUND" })
    expect((await get("/healthz")).json()).toEqual({ status: "ok" })
    expect((await get("/readyz")).json()).toEqual({ status: "ready" })
    expect((await get("/openapi.json", "application/json")).json()).toHaveProperty("openapi")
    const docs = await get("/docs")
    expect([200, 302]).toContain(docs.statusCode)
    expect(docs.body).not.toBe(INDEX)
    // an unsafe method on a page path is not a page
    const post = await server.app.inject({ method: "POST", url: "/setup", headers: { accept: HTML } })
    expect(post.statusCode).toBe(404)
  })

  it("sends a Content-Security-Policy without inline scripts on the console's pages", async () => {
    for (const url of ["/", "/setup"]) {
      const csp = String((await get(url)).headers["content-security-policy"])
      const directives = new Map(
        csp.split(";").map((directive) => {
          const [name = "", ...values] = directive.trim().split(/\s+/)
          return [name, values] as const
        })
      )
      expect(directives.get("script-src"), url).toEqual(["'self'"])
      expect(directives.get("script-src-attr"), url).toEqual(["'none'"])
      expect(directives.get("default-src"), url).toEqual(["'self'"])
      expect(directives.get("connect-src"), url).toEqual(["'self'"])
      expect(directives.get("frame-ancestors"), url).toEqual(["'none'"])
      expect(directives.get("object-src"), url).toEqual(["'none'"])
      expect(directives.get("img-src"), url).toContain("data:")
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    }
  })

  it("refuses a cookie-authenticated write from another origin, and takes one from GATEHOUSE_PUBLIC_URL's", async () => {
    const first = server.firstStart
    if (first._tag !== "Demo") throw new Error("expected the demo tenant")
    const login = await server.app.inject({
      method: "POST",
      url: "/v1/auth/login",
      payload: { tenant: "demo", email: first.email, password: Redacted.value(first.password) }
    })
    expect(login.statusCode).toBe(200)
    const cookies = { gatehouse_session: login.json().token as string }
    const logout = (origin: string) =>
      server.app.inject({ method: "POST", url: "/v1/auth/logout", cookies, headers: { origin } })
    const foreign = await logout("https://evil.example")
    expect([foreign.statusCode, foreign.json().code]).toEqual([403, "CSRF_REJECTED"])
    expect((await server.app.inject({ method: "GET", url: "/v1/me", cookies })).statusCode).toBe(200)
    expect((await logout("https://id.example.com")).statusCode).toBe(204)
    expect((await server.app.inject({ method: "GET", url: "/v1/me", cookies })).statusCode).toBe(401)
  })

  it("serves the API beside it", async () => {
    const me = await get("/v1/me", "application/json")
    expect(me.statusCode).toBe(401)
    expect(me.json()).toMatchObject({ code: "UNAUTHENTICATED" })
  })
})

describe("without a built console", () => {
  it("mountConsole serves nothing and says so in one line naming the folder", async () => {
    const empty = mkdtempSync(join(tmpdir(), "gatehouse-no-console-"))
    const app = Fastify()
    const lines: Array<string> = []
    try {
      expect(await mountConsole(app, empty, { info: (line) => lines.push(line) })).toBe(false)
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(empty)
      expect(lines[0]).toContain("serving the API only")
      expect((await app.inject({ method: "GET", url: "/", headers: { accept: HTML } })).statusCode).toBe(404)
    } finally {
      await app.close()
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it("mountConsole serves a built one and logs nothing", async () => {
    const dir = fakeConsole()
    const app = Fastify()
    const lines: Array<string> = []
    try {
      expect(await mountConsole(app, dir, { info: (line) => lines.push(line) })).toBe(true)
      expect(lines).toEqual([])
      expect((await app.inject({ method: "GET", url: "/", headers: { accept: HTML } })).body).toBe(INDEX)
    } finally {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("the server still serves the API", async () => {
    const data = tempDataDir()
    const empty = mkdtempSync(join(tmpdir(), "gatehouse-no-console-"))
    const server = await compose(testEnv(data.dir, { GATEHOUSE_CONSOLE_DIR: empty }))
    try {
      expect(server.consoleDir).toBeUndefined()
      expect((await server.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200)
      const page = await server.app.inject({ method: "GET", url: "/", headers: { accept: HTML } })
      expect(page.statusCode).toBe(404)
      expect(page.json()).toMatchObject({ code: "NOT_FOUND" })
    } finally {
      await server.app.close()
      data.remove()
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe("where the console is looked for", () => {
  it("defaults to apps/console/dist of this repository, GATEHOUSE_CONSOLE_DIR overrides it", () => {
    const repo = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..")
    expect(defaultConsoleDir()).toBe(join(repo, "apps", "console", "dist"))
    expect(loadConfig({}).consoleDir).toBeUndefined()
    expect(loadConfig({ GATEHOUSE_CONSOLE_DIR: "/srv/console" }).consoleDir).toBe("/srv/console")
  })
})
