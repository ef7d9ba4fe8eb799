"use client";

/**
 * The one way a form talks to its server action (docs/ARCHITECTURE.md, "Every action has the
 * same shape"). The form is a plain `<form action={…}>`, so before the page's scripts load, or
 * without them, the browser POSTs it to the action and the server answers with the page: its
 * message, each field's error and what was typed, rendered as HTML. Once the scripts have
 * loaded, react-hook-form checks the same zod schema in the browser first and only a valid
 * form is sent, without leaving the page.
 *
 *   const form = useActionForm(saveThingAction, { schema: thingSchema, initial });
 *   <form {...form.props}>
 *     <Field id="name" label="Name" error={form.errorFor("name")}>{(c) => <input {...c} {...form.text("name")} />}</Field>
 *     <FormStatus status={form.status} />
 *
 * Controls are uncontrolled: the server renders each one's value (defaultValue, defaultChecked)
 * and react-hook-form is given no default values of its own, so it reads what is in the field
 * when the scripts arrive instead of overwriting what she typed or ticked before that.
 */
import { startTransition, useActionState, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { useForm, type FieldErrors as FormErrors, type Resolver } from "react-hook-form";
import { CHECK_FIELDS, formValues, type ActionState, type FormValues } from "@/lib/platform/action";
import { fieldErrorsFrom, type FieldErrors } from "@/lib/platform/validation";
import type { z } from "@/lib/platform/zod";

type Action<T> = (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/** What a control shows before anything was submitted: the saved value. */
export type InitialValues = Record<string, string | string[] | boolean | null | undefined>;

/** "windows.2.end" → { windows: { 2: { end: … } } }, the shape react-hook-form keeps errors in. */
function nested(errors: FieldErrors): FormErrors {
  const out: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(errors)) {
    const keys = path.split(".");
    let node = out;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = { type: "server", message };
  }
  return out as FormErrors;
}

type Options = {
  /** The schema the server action parses with. */
  schema?: z.ZodType;
  /** What the schema is given, from the posted form; the action builds its input the same way. */
  input?: (formData: FormData) => unknown;
  /** The saved values, shown until a submission is refused. */
  initial?: InitialValues;
};

export function useActionForm<T = undefined>(action: Action<T>, options: Options = {}) {
  const { schema, input = formValues, initial = {} } = options;
  const [state, dispatch, pending] = useActionState<ActionState<T>, FormData>(action, null);
  const [checkFailed, setCheckFailed] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const submitterRef = useRef<HTMLElement | null>(null);
  const statusId = `${useId()}-status`;
  const failed = state && !state.ok ? state : null;

  // The browser-side check reads the form as it would be posted (hidden fields and the button
  // pressed included), so the schema sees exactly what the server's parse will.
  const resolver: Resolver = async () => {
    const form = formRef.current;
    const parsed = schema && form ? schema.safeParse(input(new FormData(form, submitterRef.current))) : null;
    if (!parsed || parsed.success) return { values: {}, errors: {} };
    return { values: {}, errors: nested(fieldErrorsFrom(parsed.error)) };
  };
  const serverErrors = useMemo(() => (failed ? nested(failed.fieldErrors) : undefined), [failed]);
  const form = useForm({ resolver, errors: serverErrors, shouldFocusError: true });
  const { setFocus } = form;

  // A refusal from the server (with scripts) moves focus to the first field it names.
  useEffect(() => {
    const first = failed && Object.keys(failed.fieldErrors)[0];
    if (first) setFocus(first);
  }, [failed, setFocus]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    submitterRef.current = submitter;
    setCheckFailed(false);
    void form.handleSubmit(
      () => {
        const data = new FormData(element, submitter);
        startTransition(() => dispatch(data));
      },
      () => setCheckFailed(true),
    )(event);
  }

  const values: FormValues | InitialValues = failed ? failed.values : initial;
  const value = (name: string): string => {
    const v = values[name];
    return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? "") : "";
  };
  const checked = (name: string): boolean => {
    const v = values[name];
    return failed ? v !== undefined : v === true;
  };
  const status = checkFailed ? { ok: false, message: CHECK_FIELDS } : state;
  const { setValue } = form;
  const clear = useCallback((name: string) => setValue(name, ""), [setValue]);

  return {
    state,
    status,
    /** The id for this form's FormStatus (several forms share a page). */
    statusId,
    pending,
    /** Spread on the <form>. */
    props: {
      ref: formRef,
      action: dispatch,
      onSubmit,
      noValidate: true,
      "aria-describedby": status && !status.ok ? statusId : undefined,
    },
    errorFor: (name: string): string | undefined => form.getFieldState(name, form.formState).error?.message,
    /** A text input, textarea or select: its name, what it shows and its wiring to react-hook-form. */
    text: (name: string) => ({ ...form.register(name), defaultValue: value(name) }),
    /** A single checkbox, posted as "on" when ticked. */
    checkbox: (name: string) => ({ ...form.register(name), type: "checkbox" as const, defaultChecked: checked(name) }),
    /** Empties a field (a one-time code after a refusal). */
    clear,
    /** react-hook-form itself, for what a form adds (watching a field, filling one from another). */
    rhf: form,
    /** Any other control (a file input): react-hook-form's own register. */
    register: form.register,
    /** What was last typed in a field (on a refusal) or its saved value. */
    value,
  };
}
