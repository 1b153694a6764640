/** How one kind of failure is answered: status, stable code, and what the body may say about it. */
export interface ProblemEntry<in E = unknown> {
  readonly status: number
  /** Stable, SCREAMING_SNAKE: clients switch on it (the `title` and `detail` may change). */
  readonly code: string
  readonly title: string
  /** Safe to show; never internal details (5xx entries use fixed text). */
  readonly detail: string | ((error: E) => string)
  /** Extra members of the problem body (RFC 9457 extensions), e.g. the failing password rules. */
  readonly extensions?: (error: E) => Readonly<Record<string, unknown>>
  readonly headers?: (error: E) => Readonly<Record<string, string>>
}
