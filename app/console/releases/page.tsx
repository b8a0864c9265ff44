import type { Metadata } from "next";
import { ReleasesView } from "./view";

export const metadata: Metadata = { title: "Releases" };

export default function Page() {
  return <ReleasesView />;
}
