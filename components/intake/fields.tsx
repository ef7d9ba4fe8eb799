"use client";

import type { FieldValues, UseFormRegister } from "react-hook-form";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { SENSITIVE_HINT, type FieldDef } from "@/lib/intake/fields";

type Props = {
  fields: FieldDef[];
  register: UseFormRegister<FieldValues>;
  /** The message for a field: the browser's check, or the server's after a post. */
  errorFor: (name: string) => string | undefined;
  /** The answers as the page was rendered, written into the HTML so the form shows them before (or without) its scripts. */
  defaults: Record<string, unknown>;
  /** The answers now, for questions shown only after another answer. */
  values: Record<string, unknown>;
};

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/** Renders a step's questions with the shared field primitives: labels, hints and errors tied to each input. */
export function FieldList({ fields, register, errorFor, defaults, values }: Props) {
  return (
    <>
      {fields.map((field) => {
        if ("showIf" in field && field.showIf && !field.showIf.equals.includes(text(values[field.showIf.field]))) return null;
        const id = `f-${field.name}`;
        const error = errorFor(field.name);
        const hint = "sensitive" in field && field.sensitive ? [field.hint, SENSITIVE_HINT].filter(Boolean).join(" ") : field.hint;
        const label = (
          <>
            {field.label}
            {"optional" in field && field.optional ? <span className="optional"> (optional)</span> : null}
          </>
        );

        switch (field.kind) {
          case "radio":
          case "checkboxes": {
            const chosen = defaults[field.name];
            const isChosen = (value: string) => (Array.isArray(chosen) ? chosen.includes(value) : chosen === value);
            return (
              <Fieldset key={field.name} id={id} legend={label} hint={hint} error={error}>
                <div className="choices choices-column">
                  {field.options.map((option) => (
                    <label key={option.value} className="choice">
                      <input
                        type={field.kind === "radio" ? "radio" : "checkbox"}
                        value={option.value}
                        defaultChecked={isChosen(option.value)}
                        {...register(field.name)}
                      />{" "}
                      {option.label}
                    </label>
                  ))}
                </div>
              </Fieldset>
            );
          }
          case "checkbox":
            return (
              <CheckboxField key={field.name} id={id} label={field.label} hint={hint} error={error}>
                {(control) => (
                  <input type="checkbox" defaultChecked={defaults[field.name] === true} {...control} {...register(field.name)} />
                )}
              </CheckboxField>
            );
          case "select":
            return (
              <Field key={field.name} id={id} label={label} hint={hint} error={error}>
                {(control) => (
                  <select defaultValue={text(defaults[field.name])} {...control} {...register(field.name)}>
                    <option value="">Choose…</option>
                    {field.options.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            );
          case "textarea":
            return (
              <Field key={field.name} id={id} label={label} hint={hint} error={error}>
                {(control) => <textarea rows={4} defaultValue={text(defaults[field.name])} {...control} {...register(field.name)} />}
              </Field>
            );
          default:
            return (
              <Field key={field.name} id={id} label={label} hint={hint} error={error}>
                {(control) => (
                  <input
                    type={field.kind}
                    autoComplete={field.autoComplete ?? "off"}
                    inputMode={field.kind === "tel" ? "tel" : undefined}
                    defaultValue={text(defaults[field.name])}
                    {...control}
                    {...register(field.name)}
                  />
                )}
              </Field>
            );
        }
      })}
    </>
  );
}
