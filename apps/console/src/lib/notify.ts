import { notifications } from "@mantine/notifications"
import i18next from "i18next"

/** A toast with a named close button (axe: a button needs a name). */
export const notify = (color: "red" | "teal" | "blue", message: string): void => {
  notifications.show({
    color,
    message,
    closeButtonProps: { "aria-label": i18next.t("app.closeNotification") }
  })
}
