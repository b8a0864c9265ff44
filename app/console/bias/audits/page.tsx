import type { Metadata } from "next";
import { AuditsView } from "./view";

export const metadata: Metadata = { title: "Fairness audits" };

export default function Page() {
  return <AuditsView />;
}
