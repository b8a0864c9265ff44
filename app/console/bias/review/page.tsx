import type { Metadata } from "next";
import { ReviewView } from "./view";

export const metadata: Metadata = { title: "Review queue" };

export default function Page() {
  return <ReviewView />;
}
