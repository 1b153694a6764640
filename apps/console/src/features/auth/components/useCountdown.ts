import { useEffect, useState } from "react"

const secondsUntil = (until: number | undefined): number =>
  until === undefined ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000))

/** Seconds left until `until` (a Date.now() value), ticking once a second; 0 when none or past. */
export const useCountdown = (until: number | undefined): number => {
  const [seconds, setSeconds] = useState(() => secondsUntil(until))
  useEffect(() => {
    setSeconds(secondsUntil(until))
    if (until === undefined) return
    const timer = window.setInterval(() => {
      const now = secondsUntil(until)
      setSeconds(now)
      if (now === 0) window.clearInterval(timer)
    }, 1000)
    return () => window.clearInterval(timer)
  }, [until])
  return seconds
}
