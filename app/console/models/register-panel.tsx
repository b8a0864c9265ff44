"use client";

import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { RegisterForm } from "./register-form";

/** The console's way to register a version; closed until asked for, so the models stay in view. */
export function RegisterPanel() {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // Escape, Cancel or a registration puts the keyboard back on the button that opened the form.
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <Card aria-labelledby="register-title">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <CardTitle id="register-title">Register a version</CardTitle>
            <CardDescription>
              Versions are immutable once registered; bundle them into a release to serve them.
            </CardDescription>
          </div>
          <Button
            ref={opener}
            variant={open ? "ghost" : "default"}
            size="sm"
            aria-expanded={open}
            onClick={() => {
              setDone(null);
              setOpen((current) => !current);
            }}
          >
            {open ? "Close" : "Register a version"}
          </Button>
        </div>
      </CardHeader>
      {open || done ? (
        <CardContent className="flex flex-col gap-3">
          {done ? <Alert tone="success">{done}</Alert> : null}
          {open ? (
            <RegisterForm
              onDone={(message) => {
                setDone(message);
                close();
              }}
              onCancel={close}
            />
          ) : null}
        </CardContent>
      ) : null}
    </Card>
  );
}
