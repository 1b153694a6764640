import { GroupNotFound, GroupRepository } from "@gatehouse/domain"
import { Layer } from "effect"
import type { MemoryStore } from "./MemoryStore.ts"
import { setIn } from "./MemoryStore.ts"
import { memoryCatalogue } from "./namedCatalogue.ts"

/** Groups in memory; deleting one takes it out of every user's `groupIds`. */
export const layerMemory: Layer.Layer<GroupRepository, never, MemoryStore> = Layer.effect(
  GroupRepository,
  memoryCatalogue({
    kind: "group",
    entries: (s) => s.groups,
    withEntries: (s, groups) => ({ ...s, groups }),
    notFound: (groupId) => new GroupNotFound({ groupId }),
    unlinkUsers: (s, id) => {
      let users = s.users
      for (const u of [...s.users.values()].filter((u) => u.groupIds.includes(id)))
        users = setIn(users, u.id, { ...u, groupIds: u.groupIds.filter((g) => g !== id) })
      return { ...s, users }
    }
  })
)
