import { SubNav } from "@/components/console/sub-nav";

/** Bias has two pages: alerts and group reports, and the counterfactual audits of releases. */
export function BiasTabs() {
  return (
    <SubNav
      label="Bias"
      items={[
        { href: "/console/bias", label: "Reports & alerts" },
        { href: "/console/bias/audits", label: "Audits" },
      ]}
    />
  );
}
