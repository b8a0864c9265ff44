import type { Metadata } from "next";
import { PairReviewView } from "./view";

export const metadata: Metadata = { title: "Blinded pair review" };

export default function Page() {
  return <PairReviewView />;
}
