"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import { addCalendarAction, createFeedAction, revokeFeedAction } from "@/lib/actions/booking";
import type { ActionState } from "@/lib/platform/action";

/** Connect one of her calendars by its secret iCal address; it is read once before anything is saved. */
export function AddCalendarForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addCalendarAction, null);
  const values = state && !state.ok ? state.values : {};
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return (
    <form action={action} className="form" aria-describedby={state && !state.ok ? FORM_STATUS_ID : undefined} key={JSON.stringify(state)}>
      <FormStatus status={state} />
      <Field id="calendar-label" label="Name" hint="For you only, e.g. “Practice system” or “Personal”." error={errors.label}>
        {(control) => <input {...control} name="label" maxLength={60} autoComplete="off" defaultValue={v("label")} />}
      </Field>
      <Field
        id="calendar-url"
        label="Secret iCal (ICS) address"
        hint="Google: Settings → your calendar → “Secret address in iCal format”. Outlook: Settings → Shared calendars → Publish → ICS. Apple: share the calendar publicly and copy the link. Only busy times are read, never titles or who is invited."
        error={errors.url}
      >
        {/* Text, not type=url: webcal:// addresses and our own clearer messages. */}
        {(control) => (
          <input {...control} name="url" type="text" inputMode="url" autoComplete="off" spellCheck={false} defaultValue={v("url")} />
        )}
      </Field>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Reading the calendar…" : "Connect calendar"}
        </button>
      </div>
    </form>
  );
}

/** Make (or replace) and revoke the secret address of her consultations feed. */
export function FeedForms({ active }: { active: boolean }) {
  const [created, create, creating] = useActionState<ActionState<string>, FormData>(createFeedAction, null);
  const [revoked, revoke, revoking] = useActionState<ActionState<string>, FormData>(revokeFeedAction, null);
  const url = created?.ok ? created.data : undefined;
  return (
    <div className="stack-tight">
      {url && (
        <div className="notice" role="status">
          <p>{created!.message}</p>
          <p>
            <label htmlFor="feed-url">Subscription address</label>
            <input id="feed-url" readOnly value={url} className="wide-input" />
          </p>
        </div>
      )}
      {revoked?.ok && !url && (
        <p className="notice" role="status">
          {revoked.message}
        </p>
      )}
      <div className="actions">
        <form action={create}>
          <button type="submit" className="button button-quiet" disabled={creating}>
            {active || url ? "Make a new address (the old one stops working)" : "Make a subscription address"}
          </button>
        </form>
        {(active || url) && !revoked?.ok && (
          <form action={revoke}>
            <button type="submit" className="button button-quiet" disabled={revoking}>
              Revoke the address
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
