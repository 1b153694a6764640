import { ConfigError, loadConfig } from "@gatehouse/server"
import { describe, expect, it } from "vitest"

describe("loadConfig", () => {
  it("defaults to the embedded store on 127.0.0.1:3000", () => {
    expect(loadConfig({})).toEqual({
      host: "127.0.0.1",
      port: 3000,
      databaseUrl: undefined,
      dataDir: "./.gatehouse"
    })
  })

  it("names the bad variable", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: "70000" })).toThrow("PORT: expected a port number 1-65535")
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow("DATABASE_URL")
  })
})
