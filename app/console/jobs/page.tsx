import type { Metadata } from "next";
import { JobsView } from "./view";

export const metadata: Metadata = { title: "Jobs" };

export default function Page() {
  return <JobsView />;
}
