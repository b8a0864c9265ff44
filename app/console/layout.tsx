import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/actions";
import { AppHeader } from "@/components/app-header";
import { ConsoleNav, type NavItem } from "@/components/console/nav";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { roleSatisfies } from "@/server/auth";
import { auth } from "@/server/session";

const NAV: (NavItem & { adminOnly?: boolean })[] = [
  { href: "/console/models", label: "Models" },
  { href: "/console/experiments", label: "Experiments" },
  { href: "/console/bias", label: "Bias" },
  { href: "/console/index", label: "Index" },
  { href: "/console/partners", label: "Partners", adminOnly: true },
  { href: "/console/jobs", label: "Jobs" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect("/sign-in?callbackUrl=/console");
  const { user } = session;

  if (!roleSatisfies(user.role, "ml_engineer")) {
    return (
      <main className="mx-auto flex min-h-screen max-w-md items-center p-6">
        <Card className="w-full">
          <CardHeader>
            <CardTitle>Not available for your account</CardTitle>
            <CardDescription>The ML-ops console is for ML engineers and admins (403).</CardDescription>
          </CardHeader>
          <CardContent>
            <Link href="/chat" className="text-sm font-medium text-primary underline">
              Go to the loan advisor
            </Link>
          </CardContent>
        </Card>
      </main>
    );
  }

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
