import { afterAll, beforeAll } from "vitest"
import { type Harness, makeHarness, newTenant, type TenantAdmin } from "./harness.ts"

type Preset = NonNullable<Parameters<typeof newTenant>[1]>

/** An object whose fields read those of `current()` when read (throws while `current()` has nothing yet). */
const readThrough = <T extends object>(fields: Record<keyof T, true>, current: () => T | undefined): T =>
  Object.defineProperties(
    {},
    Object.fromEntries(
      Object.keys(fields).map((field) => [
        field,
        {
          enumerable: true,
          get: () => {
            const value = current()
            if (value === undefined) throw new Error(`tenantWithAdmin(): ${field} read before its beforeAll`)
            return value[field as keyof T]
          }
        }
      ])
    )
  ) as T

/**
 * The preamble of a describe block: before its tests a fresh harness (`makeHarness()`) and a new tenant of
 * `preset` whose admin is signed in with a full session (`newTenant`); after them the harness closed. Call it
 * in the describe's body: `h` and `admin` read the block's harness and admin once its `beforeAll` has run (a
 * `beforeAll` registered after this call already sees them).
 */
export const tenantWithAdmin = (
  preset: Preset = "weevio"
): { readonly h: Harness; readonly admin: TenantAdmin } => {
  let harness: Harness | undefined
  let tenant: TenantAdmin | undefined
  beforeAll(async () => {
    harness = await makeHarness()
    tenant = await newTenant(harness.app, preset)
  })
  afterAll(() => harness?.close())
  return {
    h: readThrough<Harness>({ app: true, runtime: true, close: true }, () => harness),
    admin: readThrough<TenantAdmin>(
      { slug: true, tenantId: true, adminId: true, email: true, password: true, token: true },
      () => tenant
    )
  }
}
