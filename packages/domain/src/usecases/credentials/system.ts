import { Effect } from "effect"
import type { Tenant } from "../../model/tenant.ts"
import { presets } from "../../presets/index.ts"
import { ExternalSystemNotFound } from "./errors.ts"

/** Features that need a user's credentials for an outside system. */
export type CredentialFeature = "orders" | "dashboard"

const FEATURE_NAMES: Record<CredentialFeature, string> = {
  orders: "Orders and SROs",
  dashboard: "the home dashboard"
}

/** How people see a system's key: "pims" is "PIMS". */
export const systemLabel = (system: string): string => system.toUpperCase()

/** Shown instead of the user's own fields while the tenant's default credentials are in use. */
export const lockedMessage = (system: string): string =>
  `You are logged in using the default ${systemLabel(system)} credentials for this tenant. You are not able to change your ${systemLabel(system)} credentials.`

/** Why a feature is not available without credentials, e.g. "To access Orders and SROs, sign in to PIMS." */
export const requiredReason = (system: string, feature: CredentialFeature): string =>
  `To access ${FEATURE_NAMES[feature]}, sign in to ${systemLabel(system)}.`

/** Fails with `ExternalSystemNotFound` unless the tenant's preset keeps credentials for `system`. */
export const requireKnownSystem = (
  tenant: Tenant,
  system: string
): Effect.Effect<void, ExternalSystemNotFound> =>
  presets[tenant.preset].externalSystems.includes(system)
    ? Effect.void
    : Effect.fail(new ExternalSystemNotFound({ system }))
