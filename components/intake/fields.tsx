"use client";

import type { FieldErrors, FieldValues, UseFormRegister } from "react-hook-form";
import { SENSITIVE_HINT, type FieldDef } from "@/lib/intake/fields";

type Props = { fields: FieldDef[]; register: UseFormRegister<FieldValues>; errors: FieldErrors; values: Record<string, unknown> };

function errorText(errors: FieldErrors, name: string): string | undefined {
  const error = errors[name];
  return error && typeof error.message === "string" ? error.message : undefined;
}

/** Renders a step's questions with labels, hints and error messages tied to each input. */
export function FieldList({ fields, register, errors, values }: Props) {
  return (
    <>
      {fields.map((field) => {
        if ("showIf" in field && field.showIf && !field.showIf.equals.includes(String(values[field.showIf.field] ?? ""))) return null;
        const id = `f-${field.name}`;
        const error = errorText(errors, field.name);
        const hint = "sensitive" in field && field.sensitive ? [field.hint, SENSITIVE_HINT].filter(Boolean).join(" ") : field.hint;
        const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        const label = (
          <>
            {field.label}
            {"optional" in field && field.optional ? <span className="optional"> (optional)</span> : null}
          </>
        );
        const hintEl = hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null;
        const errorEl = error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null;

        switch (field.kind) {
          case "radio":
          case "checkboxes":
            return (
              <fieldset key={field.name} className="field" aria-describedby={describedBy}>
                <legend>{label}</legend>
                {hintEl}
                <div className="choices choices-column">
                  {field.options.map((option) => (
                    <label key={option.value} className="choice">
                      <input type={field.kind === "radio" ? "radio" : "checkbox"} value={option.value} {...register(field.name)} />{" "}
                      {option.label}
                    </label>
                  ))}
                </div>
                {errorEl}
              </fieldset>
            );
          case "checkbox":
            return (
              <div key={field.name} className="field">
                <label className="choice">
                  <input type="checkbox" aria-invalid={!!error} aria-describedby={describedBy} {...register(field.name)} /> {field.label}
                </label>
                {hintEl}
                {errorEl}
              </div>
            );
          case "select":
            return (
              <div key={field.name} className="field">
                <label htmlFor={id}>{label}</label>
                {hintEl}
                <select id={id} aria-invalid={!!error} aria-describedby={describedBy} {...register(field.name)}>
                  <option value="">Choose…</option>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {errorEl}
              </div>
            );
          case "textarea":
            return (
              <div key={field.name} className="field">
                <label htmlFor={id}>{label}</label>
                {hintEl}
                <textarea id={id} rows={4} aria-invalid={!!error} aria-describedby={describedBy} {...register(field.name)} />
                {errorEl}
              </div>
            );
          default:
            return (
              <div key={field.name} className="field">
                <label htmlFor={id}>{label}</label>
                {hintEl}
                <input
                  id={id}
                  type={field.kind}
                  autoComplete={field.autoComplete ?? "off"}
                  inputMode={field.kind === "tel" ? "tel" : undefined}
                  aria-invalid={!!error}
                  aria-describedby={describedBy}
                  {...register(field.name)}
                />
                {errorEl}
              </div>
            );
        }
      })}
    </>
  );
}
