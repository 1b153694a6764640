import { Context, Duration } from "effect"

export interface SessionLifetimes {
  /** A session unused for this long ends. Default 1 hour. */
  readonly inactivity: Duration.Duration
  /** A session ends this long after login, however active. Default 12 hours. */
  readonly absolute: Duration.Duration
  /**
   * `lastSeenAt` is written at most this often (saves one write per request); a session may therefore end up
   * to this much earlier than `inactivity` after its last request. Default 1 minute.
   */
  readonly touchInterval: Duration.Duration
}

export const defaultSessionLifetimes: SessionLifetimes = {
  inactivity: Duration.hours(1),
  absolute: Duration.hours(12),
  touchInterval: Duration.minutes(1)
}

/** Session lifetimes; override with `Effect.provideService(SessionSettings, {...})` or a layer. */
export const SessionSettings: Context.Reference<SessionLifetimes> = Context.Reference<SessionLifetimes>(
  "@gatehouse/domain/SessionSettings",
  { defaultValue: () => defaultSessionLifetimes }
)
