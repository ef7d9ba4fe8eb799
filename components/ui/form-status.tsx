/**
 * The outcome of a form submission, announced to screen readers: a calm status line on
 * success, an alert on failure. Give the form `aria-describedby={FORM_STATUS_ID}` when it
 * failed, so the message is read with the form. Renders nothing without a message.
 */
export const FORM_STATUS_ID = "form-status";

export function FormStatus({ status, id = FORM_STATUS_ID }: { status: { ok: boolean; message: string } | null | undefined; id?: string }) {
  if (!status?.message) return null;
  return status.ok ? (
    <p id={id} className="notice" role="status">
      {status.message}
    </p>
  ) : (
    <p id={id} className="form-error" role="alert">
      {status.message}
    </p>
  );
}
