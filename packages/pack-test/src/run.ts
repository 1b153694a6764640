import { spawn } from "node:child_process"

export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** What an outer `npm run` sets about the workspace: a child npm in another folder must not see it. */
const OUTER_NPM =
  /^(npm_package_|npm_lifecycle_|npm_command$|npm_config_local_prefix$|npm_config_workspaces?$|npm_config_include_workspace_root$|init_cwd$)/iu

/** The environment without the outer npm's workspace variables (the registry, cache and CA settings stay). */
export const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !OUTER_NPM.test(name)))

/** Runs a command to its end (or kills it after `timeoutMs`); never rejects on a non-zero exit. */
export const run = (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly timeoutMs: number }
): Promise<Ran> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
    })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill("SIGKILL")
    }, options.timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("close", (code) => {
      clearTimeout(timer)
      const killed = `killed after ${options.timeoutMs} ms (a registry out of reach? proxy and CA variables pass through turbo.json's passThroughEnv)`
      resolve({ code, stdout, stderr: timedOut ? `${stderr}\n${killed}` : stderr })
    })
  })

/** Like `run`, but a non-zero exit is an error that shows what the command printed. */
export const runOk = async (
  command: string,
  args: ReadonlyArray<string>,
  options: { readonly cwd: string; readonly timeoutMs: number }
): Promise<Ran> => {
  const ran = await run(command, args, options)
  if (ran.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${ran.code}:\n${ran.stdout}\n${ran.stderr}`)
  }
  return ran
}
