import { redirect } from "next/navigation";
import { auth } from "@/server/session";

export default async function Home() {
  const session = await auth();
  if (!session?.user) redirect("/sign-in");
  redirect(session.user.role === "borrower" ? "/chat" : "/console");
}
