import Link from "next/link";
import { roleLabel, type SessionUser } from "@/server/auth";
import { Button } from "./ui/button";

export function AppHeader({
  user,
  signOut,
  children,
}: {
  user: SessionUser;
  signOut: () => Promise<void>;
  children?: React.ReactNode;
}) {
  return (
    <header className="border-b">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="font-semibold text-primary">
          APFA
        </Link>
        <div className="flex-1">{children}</div>
        <span className="text-sm text-muted-foreground" data-testid="signed-in-as">
          {user.email} · {roleLabel[user.role]}
        </span>
        <form action={signOut}>
          <Button type="submit" variant="outline" size="sm">
            Sign out
          </Button>
        </form>
      </div>
    </header>
  );
}
