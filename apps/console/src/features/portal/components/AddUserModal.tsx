import { isProblem } from "@gatehouse/client"
import { Button, Group, Modal, NativeSelect, Stack, TextInput } from "@mantine/core"
import { useForm } from "@mantine/form"
import { useTranslation } from "react-i18next"
import { notify } from "../../../lib/notify.ts"
import { notifyProblem } from "../../../lib/problems.ts"
import { useAddMember } from "../api/members.ts"

interface Props {
  readonly orgId: string
  readonly roles: ReadonlyArray<string>
  readonly opened: boolean
  readonly onClose: () => void
}

/** 001's Add User dialog: First Name, Last Name, Email, Permission Level, Create; a taken email shown on the field. */
export function AddUserModal({ orgId, roles, opened, onClose }: Props) {
  const { t } = useTranslation()
  const add = useAddMember(orgId)
  const form = useForm({
    mode: "controlled",
    initialValues: { firstName: "", lastName: "", email: "", role: roles[roles.length - 1] ?? "" },
    validate: {
      firstName: (value) => (value.trim() === "" ? t("portal.required") : null),
      lastName: (value) => (value.trim() === "" ? t("portal.required") : null),
      email: (value) => (value.trim() === "" ? t("portal.required") : null)
    }
  })
  const close = () => {
    form.reset()
    add.reset()
    onClose()
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("portal.addUser")}
      closeButtonProps={{ "aria-label": t("portal.close") }}
    >
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          try {
            const member = { ...values, email: values.email.trim() }
            await add.mutateAsync(member)
            notify("teal", t("portal.userCreated", { email: member.email }))
            close()
          } catch (error) {
            if (isProblem(error, "ALREADY_MEMBER")) form.setFieldError("email", t("portal.duplicateEmail"))
            else if (isProblem(error, "VALIDATION") && error.errors.length > 0)
              for (const fault of error.errors) form.setFieldError(fault.path, fault.message)
            else notifyProblem(error, t)
          }
        })}
      >
        <Stack>
          <TextInput label={t("portal.firstName")} required {...form.getInputProps("firstName")} />
          <TextInput label={t("portal.lastName")} required {...form.getInputProps("lastName")} />
          <TextInput label={t("portal.email")} type="email" required {...form.getInputProps("email")} />
          <NativeSelect
            label={t("portal.permissionLevel")}
            data={[...roles]}
            {...form.getInputProps("role")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("portal.cancel")}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t("portal.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
