/**
 * The admin pages' words of each product document (000, 002, 003, 004), as written there; the preset overlays
 * (`weevio.ts`, ...) take them under `admin`.
 */
export const weevioAdmin = {
  fields: { firstName: "First Name", lastName: "Last Name", phone: "Phone", email: "Email address" },
  users: {
    columns: { name: "Name", email: "Email", permissions: "Permissions", actions: "Actions" },
    permissionAdmin: "Admin",
    permissionRegular: "Regular"
  },
  add: { newUser: "New User", createUser: "Create User", generate: "Generate Password" },
  profile: {
    personal: "Personal Information",
    account: "Account & Security",
    permissions: "Permissions",
    pims: "PIMS Integration",
    pimsConnected: "Connected",
    pimsSaved: "Credentials Saved to Profile",
    save: "Save Profile"
  },
  actions: { changePassword: "Change Password" },
  delete: {
    title: "Delete User",
    question: "Are you sure you want to delete {{name}}?",
    confirm: "Delete",
    cancel: "Cancel",
    failed: "Failed to delete user {{name}}. Please try again later."
  }
}

export const wetrackAdmin = {
  fields: { firstName: "First name", lastName: "Surname", email: "Email" },
  users: {
    columns: { department: "Department", groups: "User Groups", active: "Active User" },
    kinds: { employees: "Employees", external: "External Users" }
  },
  bulk: { sendInvites: "Send invites", delete: "Delete", confirm: "Confirm", confirmTitle: "Delete" },
  employee: {
    title: "Add Employee",
    active: "Active User",
    firstName: "First name",
    surname: "Surname",
    department: "Department",
    userGroups: "User Groups",
    manageGroups: "Manage groups",
    groupsTitle: "Add User Group to Employee",
    saveGroups: "Save",
    modulePermissions: "Module Permissions",
    saveUser: "Save User",
    saveAndInvite: "Save & Send Invite"
  },
  catalogue: { title: "Employees & Departments", groups: "User Groups" },
  actions: { disable: "Inactivate", enable: "Activate" }
}

export const weavestreamAdmin = {
  users: { columns: { role: "Global role", lastLogin: "Last login", setup: "Setup" } },
  invite: {
    title: "New User",
    globalRole: "Global role",
    setupToken:
      "A Setup Token was generated: a one-time URL the user will use to complete their registration. Copy the setup URL and send it to the user."
  },
  setup: { url: "Setup URL", copy: "Copy the setup URL" },
  actions: { regenerateSetupLink: "Regenerate setup token", deactivate: "Deactivate", restore: "Restore" },
  memberships: { title: "Memberships", expiresAt: "expiresAt", role: "Role" }
}

export const puqcloudAdmin = {
  fields: { firstName: "Firstname", lastName: "Lastname", email: "Email", password: "Password" },
  users: {
    columns: { clients: "Clients", created: "Created", twoFactor: "2FA", statusBadge: "Status" },
    twoFactorOn: "2FA on",
    twoFactorOff: "2FA off"
  },
  client: {
    createTitle: "Create User",
    editTitle: "Edit User",
    twoFactor: "2FA",
    phone: "Phone Number",
    language: "Language",
    adminNotes: "Admin Notes",
    emailVerified: "Email Verified",
    phoneVerified: "Phone Verified",
    save: "Save"
  },
  clients: {
    title: "User Clients",
    userInformation: "User Information",
    uuid: "UUID: {{value}}",
    associated: "Associated Clients",
    clientName: "Client Name",
    companyName: "Company Name",
    taxId: "Tax ID",
    status: "Status"
  }
}
