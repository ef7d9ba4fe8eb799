import type { ReactNode } from "react";

/**
 * The one way to write a form field: a label, an optional hint, the control and its error,
 * wired together with ids so screen readers announce the hint and the error with the control.
 * Works in server and client components, with react-hook-form's register() or plain inputs.
 *
 *   <Field id="email" label="Email" hint="We send the link here." error={errors.email}>
 *     {(control) => <input type="email" {...control} {...register("email")} />}
 *   </Field>
 */

export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** The props a control needs to point at its hint and error; for layouts Field cannot wrap (a table row). */
export function controlProps(id: string, { hint, error }: { hint?: ReactNode; error?: string | null }): ControlProps {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, ...(describedBy && { "aria-describedby": describedBy }), ...(error && { "aria-invalid": true as const }) };
}

export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {error}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

export function Field({ id, label, hint, error, className, children }: FieldProps) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children(controlProps(id, { hint, error }))}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A single checkbox with its label after it. */
export function CheckboxField({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        {children(controlProps(id, { hint, error }))} {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A group of radios or checkboxes under one question (a legend). */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  className,
  children,
}: Omit<FieldProps, "label" | "children"> & { legend: ReactNode; children: ReactNode }) {
  const { "aria-describedby": describedBy } = controlProps(id, { hint, error });
  return (
    <fieldset className={className ? `field ${className}` : "field"} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
