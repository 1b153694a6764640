import { Email, PersonName, PresetName, TenantName, TenantSlug } from "@gatehouse/domain"
import { Redacted } from "effect"
import type { Problems } from "./configProblems.ts"

/** The scripted first start (`GATEHOUSE_BOOTSTRAP_*`). */
export interface BootstrapConfig {
  readonly slug: TenantSlug
  readonly name: string
  readonly preset: PresetName
  readonly adminEmail: Email
  readonly adminFirstName: string
  readonly adminLastName: string
  /** Chosen by the operator: an active admin, no forced change. Absent: a generated password, printed once. */
  readonly adminPassword: Redacted.Redacted<string> | undefined
}

const PREFIX = "GATEHOUSE_BOOTSTRAP_"

/**
 * `GATEHOUSE_BOOTSTRAP_*`: absent when none is set; with any of them set, TENANT and ADMIN_EMAIL are required.
 * The password's policy is checked by the domain at start, against the preset (its message names the variable).
 */
export const bootstrapFromEnv = (
  problems: Problems,
  read: (name: string) => string | undefined
): BootstrapConfig | undefined => {
  const names = [
    "TENANT",
    "TENANT_NAME",
    "PRESET",
    "ADMIN_EMAIL",
    "ADMIN_FIRST_NAME",
    "ADMIN_LAST_NAME",
    "ADMIN_PASSWORD"
  ] as const
  const values = Object.fromEntries(names.map((name) => [name, read(`${PREFIX}${name}`)])) as Record<
    (typeof names)[number],
    string | undefined
  >
  if (names.every((name) => values[name] === undefined)) return undefined

  const required = (name: "TENANT" | "ADMIN_EMAIL", example: string) => {
    if (values[name] === undefined) {
      problems.add(
        `${PREFIX}${name}`,
        `is required when another GATEHOUSE_BOOTSTRAP_* variable is set, e.g. ${example}`
      )
    }
    return values[name]
  }
  const slugText = required("TENANT", "acme")
  const emailText = required("ADMIN_EMAIL", "admin@acme.example")

  const slug =
    slugText === undefined
      ? undefined
      : problems.decode(
          `${PREFIX}TENANT`,
          TenantSlug,
          slugText,
          "expected a slug: lower-case letters, digits and dashes (1 to 63)"
        )
  const preset = problems.decode(
    `${PREFIX}PRESET`,
    PresetName,
    values.PRESET ?? "weevio",
    `expected one of ${PresetName.literals.join(", ")}`
  )
  const adminEmail =
    emailText === undefined
      ? undefined
      : problems.decode(`${PREFIX}ADMIN_EMAIL`, Email, emailText, "expected an email address")
  const name = problems.decode(
    `${PREFIX}TENANT_NAME`,
    TenantName,
    values.TENANT_NAME ?? slugText ?? "x",
    "expected a name of 1 to 200 characters without surrounding spaces"
  )
  const adminFirstName = problems.decode(
    `${PREFIX}ADMIN_FIRST_NAME`,
    PersonName,
    values.ADMIN_FIRST_NAME ?? "Admin",
    "expected a first name"
  )
  const adminLastName = problems.decode(
    `${PREFIX}ADMIN_LAST_NAME`,
    PersonName,
    values.ADMIN_LAST_NAME ?? "Admin",
    "expected a last name"
  )

  if (
    slug === undefined ||
    preset === undefined ||
    adminEmail === undefined ||
    name === undefined ||
    adminFirstName === undefined ||
    adminLastName === undefined
  ) {
    return undefined
  }
  return {
    slug,
    name,
    preset,
    adminEmail,
    adminFirstName,
    adminLastName,
    adminPassword: values.ADMIN_PASSWORD === undefined ? undefined : Redacted.make(values.ADMIN_PASSWORD)
  }
}
