import { Exit, Schema } from "effect"

/** One bad variable: printed as `VARIABLE: problem` (never the value: it may be a secret). */
export interface ConfigProblem {
  readonly variable: string
  readonly problem: string
}

/** The configuration cannot be used; `message` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<ConfigProblem>) {
    super(problems.map(({ variable, problem }) => `${variable}: ${problem}`).join("\n"))
    this.name = "ConfigError"
  }
}

/** Problems are collected, not thrown one by one: the operator fixes every line in one go. */
export class Problems {
  readonly list: Array<ConfigProblem> = []

  add(variable: string, problem: string): undefined {
    this.list.push({ variable, problem })
    return undefined
  }

  /** `value` decoded by `schema`, or undefined with `variable: expected` recorded. */
  decode<A>(
    variable: string,
    schema: Schema.Codec<A, string>,
    value: string,
    expected: string
  ): A | undefined {
    const exit = Schema.decodeUnknownExit(schema)(value)
    return Exit.isSuccess(exit) ? exit.value : this.add(variable, expected)
  }
}
