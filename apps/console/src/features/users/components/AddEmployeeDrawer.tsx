import { isProblem } from "@gatehouse/client"
import { Button, Checkbox, Drawer, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useDisclosure } from "@mantine/hooks"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { departmentsQuery, groupsQuery } from "../api/catalogue.ts"
import { rolesQuery, type UserRow, useCreateUser } from "../api/users.ts"

const MODULES = [
  "module:dashboard",
  "module:reports",
  "module:timesheets",
  "module:scheduling",
  "module:orders",
  "module:sros",
  "module:billing",
  "module:services",
  "module:tickets"
] as const
type Module = (typeof MODULES)[number]
type ModuleName = Module extends `module:${infer N}` ? N : never

type Kind = UserRow["kind"]

/**
 * 002's Add Employee drawer: Active User, First name, Surname, Email, Department, the role, the kind of user
 * (the Employees or External Users tab it lands on; the open tab's by default), Manage groups (the Add User
 * Group to Employee modal), Module Permissions; Save User (created pending, the invitation sent later with
 * Send invites) or Save & Send Invite. Active User unchecked creates the user inactive.
 */
export function AddEmployeeDrawer({
  opened,
  onClose,
  kind
}: {
  readonly opened: boolean
  readonly onClose: () => void
  readonly kind: Kind
}) {
  const { t } = useTranslation()
  const roles = useQuery(rolesQuery)
  const departments = useQuery(departmentsQuery)
  const groups = useQuery(groupsQuery)
  const create = useCreateUser()
  const [groupsOpen, groupsModal] = useDisclosure()
  const [pendingGroups, setPendingGroups] = useState<ReadonlyArray<string>>([])
  const required = (value: string) => (value.trim() === "" ? t("admin.add.required") : null)
  const form = useForm({
    mode: "controlled",
    initialValues: {
      active: true,
      firstName: "",
      lastName: "",
      email: "",
      department: null as string | null,
      role: "General",
      kind,
      groups: [] as ReadonlyArray<string>,
      modules: [] as ReadonlyArray<Module>
    },
    validate: { firstName: required, lastName: required, email: required }
  })
  const values = form.getValues()
  const groupNames = (groups.data?.items ?? []).filter((g) => values.groups.includes(g.id)).map((g) => g.name)

  const save = (sendInvite: boolean) =>
    form.onSubmit(async (v) => {
      try {
        await create.mutateAsync({
          email: v.email,
          firstName: v.firstName,
          lastName: v.lastName,
          role: v.role,
          kind: v.kind,
          active: v.active,
          invite: true,
          sendInvitation: sendInvite,
          groups: [...v.groups],
          modulePermissions: [...v.modules],
          ...(v.department === null ? {} : { department: v.department })
        })
        notify("teal", sendInvite ? t("admin.employee.invited") : t("admin.employee.saved"))
        form.reset()
        onClose()
      } catch (error) {
        if (isProblem(error, "EMAIL_TAKEN")) form.setFieldError("email", error.detail)
        else notifyProblem(error, t)
      }
    })

  return (
    <Drawer
      closeButtonProps={{ "aria-label": t("admin.close") }}
      opened={opened}
      onClose={onClose}
      position="right"
      title={t("admin.employee.title")}
      size="md"
    >
      <form noValidate onSubmit={save(false)}>
        <Stack>
          <Checkbox
            label={t("admin.employee.active")}
            {...form.getInputProps("active", { type: "checkbox" })}
          />
          <TextInput label={t("admin.employee.firstName")} required {...form.getInputProps("firstName")} />
          <TextInput label={t("admin.employee.surname")} required {...form.getInputProps("lastName")} />
          <TextInput label={t("admin.fields.email")} type="email" required {...form.getInputProps("email")} />
          <Select
            label={t("admin.employee.department")}
            clearable
            clearButtonProps={{ "aria-label": t("admin.clear") }}
            data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            {...form.getInputProps("department")}
          />
          <Select
            label={t("admin.employee.role")}
            allowDeselect={false}
            data={(roles.data?.items ?? []).filter((r) => r.scope === "tenant").map((r) => r.name)}
            {...form.getInputProps("role")}
          />
          <Select
            label={t("admin.users.kind.label")}
            allowDeselect={false}
            data={(["employee", "external"] as const).map((k) => ({
              value: k,
              label: t(`admin.users.kind.${k}`)
            }))}
            {...form.getInputProps("kind")}
          />
          <Group justify="space-between">
            <Text size="sm">
              {t("admin.employee.userGroups")}:{" "}
              {groupNames.length === 0 ? t("admin.employee.noGroups") : groupNames.join(", ")}
            </Text>
            <Button
              variant="light"
              size="xs"
              onClick={() => {
                setPendingGroups(values.groups)
                groupsModal.open()
              }}
            >
              {t("admin.employee.manageGroups")}
            </Button>
          </Group>
          <Checkbox.Group
            label={t("admin.employee.modulePermissions")}
            value={[...values.modules]}
            onChange={(modules) => form.setFieldValue("modules", modules as ReadonlyArray<Module>)}
          >
            <Stack gap={4} mt={4}>
              {MODULES.map((m) => (
                <Checkbox
                  key={m}
                  value={m}
                  label={t(`admin.modules.${m.slice("module:".length) as ModuleName}`)}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button type="submit" variant="default" loading={create.isPending}>
              {t("admin.employee.saveUser")}
            </Button>
            <Button onClick={() => save(true)()} loading={create.isPending}>
              {t("admin.employee.saveAndInvite")}
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal
        closeButtonProps={{ "aria-label": t("admin.close") }}
        opened={groupsOpen}
        onClose={groupsModal.close}
        title={t("admin.employee.groupsTitle")}
        centered
      >
        <Stack>
          <Checkbox.Group value={[...pendingGroups]} onChange={setPendingGroups}>
            <Stack gap={4}>
              {(groups.data?.items ?? []).map((g) => (
                <Checkbox key={g.id} value={g.id} label={g.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button
              onClick={() => {
                form.setFieldValue("groups", pendingGroups)
                groupsModal.close()
              }}
            >
              {t("admin.employee.saveGroups")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Drawer>
  )
}
