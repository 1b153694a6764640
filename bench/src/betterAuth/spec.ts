/** What the Better Auth process (server.ts) is given on its command line, as JSON. */
export interface BetterAuthSpec {
  readonly databaseUrl: string
  readonly secret: string
  /** Members of the seeded organization, its owner first; every one can sign in with `password`. */
  readonly members: number
  readonly password: string
}

/** What it prints (one JSON line) once it listens and is seeded. */
export interface BetterAuthReady {
  readonly url: string
  readonly organizationId: string
  /** The members' emails, the owner's first. */
  readonly emails: ReadonlyArray<string>
}

/** Starts the ready line, telling it from Better Auth's own logs on the same stdout. */
export const READY_PREFIX = "BETTER_AUTH_READY "
