import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions";
import { requireUser } from "@/app/require-user";
import { AppHeader } from "@/components/app-header";
import { ConsoleNav, type NavItem } from "@/components/console/nav";

const NAV: (NavItem & { adminOnly?: boolean })[] = [
  { href: "/console/models", label: "Models" },
  { href: "/console/releases", label: "Releases" },
  { href: "/console/experiments", label: "Experiments" },
  { href: "/console/bias", label: "Bias" },
  { href: "/console/index", label: "Index" },
  { href: "/console/traces", label: "Traces" },
  { href: "/console/partners", label: "Partners", adminOnly: true },
  { href: "/console/jobs", label: "Jobs" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Borrowers get 403 (app/forbidden.tsx) for every console page; Partners checks for admin itself.
  const user = await requireUser("ml_engineer");

  const items = NAV.filter((item) => !item.adminOnly || user.role === "admin");
  return (
    <>
      <AppHeader user={user} signOut={signOutAction}>
        <ConsoleNav items={items} />
      </AppHeader>
      <main className="mx-auto max-w-6xl p-4">{children}</main>
    </>
  );
}
