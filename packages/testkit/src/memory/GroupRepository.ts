import { GroupNotFound, GroupRepository } from "@gatehouse/domain"
import { Layer } from "effect"
import type { MemoryStore } from "./MemoryStore.ts"
import { memoryCatalogue } from "./namedCatalogue.ts"
import { Groups, Users } from "./tables.ts"

/** Groups in memory; deleting one takes it out of every user's `groupIds`. */
export const layerMemory: Layer.Layer<GroupRepository, never, MemoryStore> = Layer.effect(
  GroupRepository,
  memoryCatalogue({
    kind: "group",
    table: Groups,
    notFound: (groupId) => new GroupNotFound({ groupId }),
    unlinkUsers: (tx, id) => {
      for (const u of [...tx.get(Users).values()].filter((u) => u.groupIds.includes(id)))
        tx.set(Users, u.id, { ...u, groupIds: u.groupIds.filter((g) => g !== id) })
    }
  })
)
