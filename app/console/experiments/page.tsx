import type { Metadata } from "next";
import { ExperimentsView } from "./view";

export const metadata: Metadata = { title: "Experiments" };

export default function Page() {
  return <ExperimentsView />;
}
