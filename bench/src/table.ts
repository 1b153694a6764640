import type { Spread } from "./stats.ts"

/** One line of the result table; `baseline` and `ratio` absent when the figure has none. */
export interface Row {
  readonly metric: string
  readonly gatehouse: Spread
  readonly unit: string
  readonly baseline?: Spread | undefined
  /** Gatehouse median / baseline median (higher is better), or as the target defines it. */
  readonly ratio?: number | undefined
  readonly target: string
  /** Absent: no target to meet (informational), or a ratio target whose baseline was not taken. */
  readonly met?: boolean | undefined
}

const number = (value: number): string =>
  Number.isNaN(value)
    ? "n/a"
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString("en-US")
      : value.toFixed(Math.abs(value) >= 10 ? 1 : 2)

const cell = (value: Spread | undefined, unit: string): string =>
  value === undefined ? "" : `${number(value.median)} ${unit} (${number(value.min)}-${number(value.max)})`

/** The one markdown table of a run. */
export const markdownTable = (rows: ReadonlyArray<Row>): string => {
  const lines = [
    "| metric | Gatehouse median (min-max) | baseline median (min-max) | ratio | target | met? |",
    "| --- | --- | --- | --- | --- | --- |"
  ]
  for (const row of rows) {
    const met =
      row.met !== undefined
        ? row.met
          ? "met"
          : "**not met**"
        : row.target.startsWith("informational") || row.target.startsWith("vs ")
          ? ""
          : "not judged (no baseline)"
    const ratio = row.ratio === undefined ? "" : number(row.ratio)
    lines.push(
      `| ${row.metric} | ${cell(row.gatehouse, row.unit)} | ${cell(row.baseline, row.unit)} | ${ratio} | ${row.target} | ${met} |`
    )
  }
  return lines.join("\n")
}
