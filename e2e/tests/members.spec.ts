import { checkPage } from "../fixtures/checks";
import { acceptInvitation, createInvitation, createWorkspace } from "../fixtures/setup";
import { expect, test } from "../fixtures/test";

test("a facilitator changes a role, is stopped by the last-facilitator rule and removes a member, while the member's page follows live", async ({
  signedUpPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const bea = await signedUpPerson({ name: "Beatriz Drafter" });
  const { t } = ana;
  const workspace = await createWorkspace(ana, "Buenos Aires Abierta");
  const invitation = await createInvitation(ana, workspace.id, "drafter", "civil_society");
  await acceptInvitation(bea, invitation.token, "Fundación Ciudadanía Activa");

  await ana.page.goto(`/w/${workspace.id}/members`);
  await bea.page.goto(`/w/${workspace.id}/members`);
  await expect(ana.workspace.streamStatus()).toHaveText(t("stream.online"));
  await expect(bea.workspace.streamStatus()).toHaveText(t("stream.online"));
  const yourRole = (role: "drafter" | "commenter") =>
    t("workspace:yourRole", { role: t(`roles.${role}`), sector: t("sectors.civil_society") });
  await expect(bea.page.getByText(yourRole("drafter"))).toBeVisible();
  // Only facilitators get the controls.
  await expect(bea.page.getByRole("combobox", { name: t("workspace:members.role") })).toHaveCount(0);
  await expect(bea.page.getByRole("heading", { name: t("workspace:invitations.title") })).toHaveCount(0);

  await ana.workspace.changeRole(bea.name, "commenter");
  await expect(ana.page.getByText(t("workspace:members.saved", { name: bea.name }))).toBeVisible();
  await expect(bea.page.getByText(yourRole("commenter"))).toBeVisible();

  await ana.workspace.changeRole(ana.name, "drafter");
  await expect(ana.page.getByRole("alert")).toHaveText(t("errors:codes.last_facilitator"));
  await expect(ana.workspace.memberSelect(ana.name, "role")).toHaveValue("facilitator");

  const dialog = await ana.workspace.askToRemove(bea.name);
  await expect(dialog).toContainText(t("workspace:members.removeTitle", { name: bea.name }));
  await checkPage(ana.page, "workspace with the remove dialog open");
  // Escape cancels and gives focus back to the button that opened the question.
  await ana.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(ana.workspace.removeButton(bea.name)).toBeFocused();
  await ana.workspace.askToRemove(bea.name);
  await dialog.getByRole("button", { name: t("workspace:members.removeConfirm") }).click();
  await expect(ana.workspace.member(bea.name)).toHaveCount(0);
  await expect(bea.page.getByRole("heading", { level: 1 })).toHaveText(t("workspace:unavailable"));
});

test("a revoked or used-up invitation link explains why it no longer works", async ({
  signedUpPerson,
  newPerson,
}) => {
  const ana = await signedUpPerson({ name: "Ana Facilitator" });
  const { t } = ana;
  const workspace = await createWorkspace(ana, "Montevideo Abierto");
  await ana.page.goto(`/w/${workspace.id}/members`);
  const singleUse = await ana.workspace.createInvitation("commenter", "academia", { maxUses: 1 });
  const revoked = await ana.workspace.createInvitation("viewer", "citizen");

  const links = ana.workspace.invitation(t("sectors.citizen"));
  await links.getByRole("button", { name: new RegExp(`^${t("workspace:invitations.revoke")}`) }).click();
  await ana.page
    .getByRole("dialog")
    .getByRole("button", { name: t("workspace:invitations.revokeConfirm") })
    .click();
  await expect(links).toContainText(t("workspace:invitations.state.revoked"));

  const carla = await signedUpPerson({ name: "Carla Academia" });
  await carla.page.goto(singleUse);
  await carla.join.join("Universidad de la República");
  await expect(carla.page.getByRole("heading", { level: 1 })).toHaveText("Montevideo Abierto");

  const dario = await newPerson({ name: "Darío Late" });
  await dario.page.goto(singleUse);
  await expect(dario.page.getByRole("heading", { level: 1 })).toHaveText(t("join:unusable.title"));
  await expect(dario.page.getByText(t("join:unusable.invitation_used_up"))).toBeVisible();
  await checkPage(dario.page, "join with a used-up link");
  await dario.page.goto(revoked);
  await expect(dario.page.getByText(t("join:unusable.invitation_revoked"))).toBeVisible();
  await dario.page.goto("/join/not-a-real-token");
  await expect(dario.page.getByText(t("join:unusable.not_found"))).toBeVisible();
});
