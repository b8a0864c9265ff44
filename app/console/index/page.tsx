import type { Metadata } from "next";
import { IndexView } from "./view";

export const metadata: Metadata = { title: "Index" };

export default function Page() {
  return <IndexView />;
}
