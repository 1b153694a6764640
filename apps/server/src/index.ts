export { DEMO_ADMIN, type FirstStart, FirstStartFailed, firstStart } from "./bootstrap.ts"
export { gatehouseCli, runCli, VERSION } from "./cli/index.ts"
export {
  type AuthRateLimit,
  type BootstrapConfig,
  type Config,
  ConfigError,
  type ConfigProblem,
  DEFAULT_AUTH_RATE_LIMIT,
  DEMO_SLUG,
  type Env,
  KNOWN_VARIABLES,
  type LogLevel,
  loadConfig,
  unknownVariables
} from "./config.ts"
export {
  dataPaths,
  lockDataDir,
  resolveSecrets,
  type Secrets,
  type StartLog,
  warnIfFolderShared
} from "./dataDir.ts"
export { layerServer, layerStore, type ServerServices } from "./layers.ts"
export { type LogFormat, logFormat } from "./logging.ts"
export { firstStartBanner, type Running, startFromEnv, startServer } from "./serve.ts"
export { createServer, makeFastify, type Server, StartFailed } from "./server.ts"
