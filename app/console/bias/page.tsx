import type { Metadata } from "next";
import { BiasView } from "./view";

export const metadata: Metadata = { title: "Bias" };

export default function Page() {
  return <BiasView />;
}
