import { randomBytes } from "node:crypto"
import { join } from "node:path"
import { startGatehouse } from "./support/gatehouseServer.ts"
import { startStaticConsole } from "./support/staticConsole.ts"

const root = join(import.meta.dirname, "..", "..", "..")

// Whether the server answers a console route with the built console (the "serve" change on main).
const servesConsole = async (url: string): Promise<boolean> => {
  const answer = await fetch(`${url}/sign-in`).catch(() => undefined)
  return answer?.ok === true && (await answer.text()).includes('id="root"')
}

/**
 * Starts the built server on an empty data folder and a free port, and hands the specs (through the
 * environment their workers inherit) its URL, the platform token and the demo admin it printed.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const platformToken = randomBytes(32).toString("base64url")
  const server = await startGatehouse({
    main: join(root, "apps", "server", "dist", "main.js"),
    platformToken
  })
  const own = (await servesConsole(server.url))
    ? undefined
    : await startStaticConsole(join(root, "apps", "console", "dist"), new URL(server.url))
  process.env.GATEHOUSE_E2E_URL = own?.url ?? server.url
  process.env.GATEHOUSE_E2E_API = server.url
  process.env.GATEHOUSE_E2E_PLATFORM_TOKEN = platformToken
  process.env.GATEHOUSE_E2E_DEMO = JSON.stringify(server.demo)
  return async () => {
    await own?.close()
    await server.stop()
  }
}
