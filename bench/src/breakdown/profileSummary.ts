/** Self time of a V8 CPU profile (`.cpuprofile`, as `--cpu-prof` writes it) by where the code lives. */

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number }
}

export interface CpuProfile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/** Where a frame's code lives: a package of node_modules, Gatehouse's own package, Node itself, or V8. */
export const placeOf = (url: string, functionName: string): string => {
  if (url === "") {
    if (functionName === "(idle)") return "(idle)"
    if (functionName === "(garbage collector)") return "(garbage collector)"
    if (functionName === "(program)") return "(program: V8, natives)"
    return `(native) ${functionName}`
  }
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/")[0]}`
  const modules = url.lastIndexOf("/node_modules/")
  if (modules !== -1) {
    const rest = url.slice(modules + "/node_modules/".length).split("/")
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url)
  }
  const own = /\/(packages|apps)\/([^/]+)\//.exec(url)
  return own === null ? url : `gatehouse ${own[2]}`
}

/** Self time per place and per function (top `limit`), in ms and as a share of the busy (non-idle) time. */
export const summarizeProfile = (profile: CpuProfile, limit = 12) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const places = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const micros = profile.timeDeltas[index] ?? 0
    if (node === undefined) return
    const { functionName, url, lineNumber } = node.callFrame
    const place = placeOf(url, functionName)
    // idle, and the in-process profiler's own work (collecting the profile when it stops)
    if (place === "(idle)" || place === "node: inspector") return
    busy += micros
    places.set(place, (places.get(place) ?? 0) + micros)
    const fn = `${functionName || "(anonymous)"} ${place}:${lineNumber + 1}`
    functions.set(fn, (functions.get(fn) ?? 0) + micros)
  })
  const top = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: busy === 0 ? 0 : micros / busy }))
  return { busyMs: busy / 1000, places: top(places), functions: top(functions) }
}
