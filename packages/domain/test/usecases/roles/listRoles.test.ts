import { assert, describe, it } from "@effect/vitest"
import { listRoles, platformActor, presets, userActor } from "@gatehouse/domain"
import { seedTenant, seedUser } from "@gatehouse/testkit"
import { Effect } from "effect"
import { failureTag, provide, role } from "../memberships/support.ts"

describe("listRoles", () => {
  it.effect(
    "any user of the tenant with a full session reads the catalogue: tenant roles, then organization roles",
    () =>
      Effect.gen(function* () {
        const { tenant } = yield* seedTenant({ preset: "puqcloud" })
        yield* seedTenant({ preset: "weavestream" })
        const client = yield* seedUser(tenant, { role: role("Client User") })
        const roles = yield* listRoles(userActor(tenant.id, client.id))
        const expected = presets.puqcloud.roles
        assert.deepStrictEqual(
          roles.map((r) => `${r.scope}:${r.name}`),
          [
            ...expected.filter((r) => r.scope === "tenant"),
            ...expected.filter((r) => r.scope === "organization")
          ].map((r) => `${r.scope}:${r.name}`)
        )
        assert.isTrue(roles.every((r) => r.tenantId === tenant.id))
        assert.deepStrictEqual(roles.find((r) => r.name === "Billing")?.permissions, [
          "org:read",
          "module:billing"
        ])
      }).pipe(provide)
  )

  it.effect("a restricted session, an inactive user and the platform are Forbidden", () =>
    Effect.gen(function* () {
      const { tenant } = yield* seedTenant()
      const user = yield* seedUser(tenant)
      const disabled = yield* seedUser(tenant, { status: "disabled" })
      assert.strictEqual(
        yield* failureTag(listRoles(userActor(tenant.id, user.id, "password_change"))),
        "Forbidden"
      )
      assert.strictEqual(yield* failureTag(listRoles(userActor(tenant.id, disabled.id))), "Forbidden")
      assert.strictEqual(yield* failureTag(listRoles(platformActor)), "Forbidden")
    }).pipe(provide)
  )
})
