import type { Metadata } from "next";
import { requireUser } from "@/app/require-user";
import { PartnersView } from "./view";

export const metadata: Metadata = { title: "Partners" };

/** Admins only: an ML engineer gets 403 here, not a key form whose every call would be refused. */
export default async function Page() {
  await requireUser("admin");
  return <PartnersView />;
}
