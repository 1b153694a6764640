/**
 * The token of a link such as `/setup#token=...`. It stays in the fragment, which browsers never send to a
 * server: the page reads it here and sends it in a POST body.
 */
export const fragmentToken = (): string | undefined => {
  const token = new URLSearchParams(window.location.hash.replace(/^#/u, "")).get("token")
  return token === null || token.trim() === "" ? undefined : token.trim()
}

/** Drops the fragment once its token is used up (nothing left to reload). */
export const forgetFragment = (): void => {
  window.history.replaceState(window.history.state, "", window.location.pathname)
}
