"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { shortVersion } from "./format";

const COPIED_FOR_MS = 1_500;

/** A version as people read it (12 characters), the full one on hover, and a copy button for the CLI. */
export function VersionCode({ version, copy = false }: { version: string; copy?: boolean }) {
  const [copied, setCopied] = useState(false);
  if (!version) return <span className="text-muted-foreground">none</span>;
  const copyVersion = () => {
    void navigator.clipboard?.writeText(version).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), COPIED_FOR_MS);
    });
  };
  return (
    <span className="inline-flex items-center gap-1">
      <code title={version}>{shortVersion(version)}</code>
      {copy ? (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="h-6 px-1"
          aria-label={copied ? "Copied" : `Copy version ${shortVersion(version)}`}
          title={copied ? "Copied" : "Copy the full version"}
          onClick={copyVersion}
        >
          {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
        </Button>
      ) : null}
    </span>
  );
}
