import { PGlite } from "@electric-sql/pglite"
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm"
import { createPgConfig } from "@electric-sql/pglite/node-postgres"
import pg from "pg"
import type { Driver } from "./Driver.ts"
import { restrictToOwner } from "./fileModes.ts"
import { makePoolDriver } from "./pool.ts"

export interface PgliteDriverConfig {
  /** A folder to persist the database in; in memory when absent. */
  readonly dataDir?: string | undefined
}

/**
 * A Driver on PGlite (PostgreSQL 18 in WASM, in-process), through PGlite's node-postgres connection so the
 * adapter speaks `pg` to both stores. PGlite has one session: the pool holds a single connection, so
 * transactions run one after another. A persisted folder is its owner's alone (`restrictToOwner`) once open
 * and again once closed.
 */
export const makePgliteDriver = async (config: PgliteDriverConfig = {}): Promise<Driver> => {
  // a folder on disk (not PGlite's `memory://` or `idb://` stores)
  const dataDir = config.dataDir !== undefined && !config.dataDir.includes("://") ? config.dataDir : undefined
  const db = await PGlite.create(config.dataDir, { extensions: { pg_trgm } })
  if (dataDir !== undefined) restrictToOwner(dataDir)
  return makePoolDriver(new pg.Pool(createPgConfig(db)), {
    kind: "pglite",
    // PGlite calls its listeners when a transaction that ran NOTIFY commits, whichever API ran it.
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, () => onNotify())
      onNotify()
      return () => unlisten()
    },
    onClose: async () => {
      await db.close()
      if (dataDir !== undefined) restrictToOwner(dataDir)
    }
  })
}
