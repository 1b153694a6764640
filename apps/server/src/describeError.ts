/** A domain error (or a Schema error) as one line for an operator: what went wrong, never a secret. */
export const describeError = (error: unknown): string => {
  if (typeof error !== "object" || error === null) return String(error)
  const e = error as Record<string, unknown> & { readonly _tag?: string; readonly message?: string }
  switch (e._tag) {
    case "PasswordPolicyViolation":
      return `the password does not satisfy the policy: ${(e.failures as ReadonlyArray<{ message: string }>).map((f) => f.message).join("; ")}`
    case "InvalidInput":
      return `invalid input: ${(e.errors as ReadonlyArray<{ path: string; message: string }>).map((x) => `${x.path} ${x.message}`.trim()).join("; ")}`
    case "SlugTaken":
      return `a tenant with the slug "${String(e.slug)}" exists already`
    case "EmailTaken":
      return `a user with the email ${String(e.email)} exists already`
    case "RoleNotFound":
      return `no ${String(e.scope)} role named "${String(e.role)}"`
    case "RoleEscalation":
      return `the acting admin does not hold ${(e.missing as ReadonlyArray<string>).join(", ")}`
    case "Forbidden":
      return `not allowed: ${String(e.reason)}`
    case "TenantNotFound":
      return `no tenant "${String(e.tenant)}"`
    case "StoreUnavailable":
      return `the database is unavailable: ${String(e.message)}`
    default:
      return typeof e.message === "string" && e.message !== "" ? e.message : String(e._tag ?? "unknown error")
  }
}
