/** The server's configuration, read from the environment (see the README, "Running it"). */
export interface Config {
  readonly host: string
  readonly port: number
  readonly databaseUrl: string | undefined
  readonly dataDir: string
}

/** One bad variable, named, with what was expected: printed as one line at start. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string
  ) {
    super(`${variable}: expected ${expected}`)
  }
}

export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Config => {
  const portText = env.PORT ?? "3000"
  const port = Number(portText)
  if (!/^[0-9]+$/u.test(portText) || port < 1 || port > 65535)
    throw new ConfigError("PORT", "a port number 1-65535")
  const databaseUrl = env.DATABASE_URL
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//u.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL", "a postgres:// URL")
  }
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    databaseUrl,
    dataDir: env.GATEHOUSE_DATA_DIR ?? "./.gatehouse"
  }
}
