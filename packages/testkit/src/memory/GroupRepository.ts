import { type Group, GroupNotFound, GroupRepository, NameTaken } from "@gatehouse/domain"
import { Effect, Layer, Option } from "effect"
import { fail, MemoryStore, ok, type State, setIn } from "./MemoryStore.ts"

const nameClash = (s: State, group: Group) =>
  [...s.groups.values()].some(
    (g) =>
      g.tenantId === group.tenantId && g.id !== group.id && g.name.toLowerCase() === group.name.toLowerCase()
  )

export const layerMemory: Layer.Layer<GroupRepository, never, MemoryStore> = Layer.effect(
  GroupRepository,
  Effect.gen(function* () {
    const store = yield* MemoryStore
    return GroupRepository.of({
      insert: (group) =>
        store.write((s) =>
          nameClash(s, group)
            ? fail(new NameTaken({ kind: "group", name: group.name }))
            : ok(group, { ...s, groups: setIn(s.groups, group.id, group) })
        ),
      findById: (tenantId, id) =>
        store.read((s) =>
          Option.fromNullishOr(s.groups.get(id)).pipe(Option.filter((g) => g.tenantId === tenantId))
        ),
      update: (group) =>
        store.write((s) => {
          const current = s.groups.get(group.id)
          if (current === undefined || current.tenantId !== group.tenantId)
            return fail(new GroupNotFound({ groupId: group.id }))
          if (nameClash(s, group)) return fail(new NameTaken({ kind: "group", name: group.name }))
          return ok(group, { ...s, groups: setIn(s.groups, group.id, group) })
        }),
      delete: (tenantId, id) =>
        store.write((s) => {
          const current = s.groups.get(id)
          if (current === undefined || current.tenantId !== tenantId)
            return fail(new GroupNotFound({ groupId: id }))
          let users = s.users
          for (const u of [...s.users.values()].filter((u) => u.groupIds.includes(id)))
            users = setIn(users, u.id, { ...u, groupIds: u.groupIds.filter((g) => g !== id) })
          return ok(undefined, { ...s, groups: setIn(s.groups, id, undefined), users })
        }),
      list: (tenantId) =>
        store.read((s) =>
          [...s.groups.values()]
            .filter((g) => g.tenantId === tenantId)
            .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
        )
    })
  })
)
