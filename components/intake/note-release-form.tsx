"use client";

import { useActionForm } from "@/components/ui/action-form";
import { FormStatus } from "@/components/ui/form-status";
import { releaseNoteAction } from "@/lib/actions/intake";
import { noteReleaseSchema } from "@/lib/intake/schema";

/**
 * Shares one of her notes with the client, or stops sharing it. Notes are private by default:
 * the client's copy of her records shows only the ones shared here (and a note written again
 * is private again).
 */
export function NoteReleaseForm({
  intakeId,
  note,
  releasedLabel,
}: {
  intakeId: string;
  note: "review" | "follow-up";
  releasedLabel: string | null;
}) {
  const form = useActionForm(releaseNoteAction, { schema: noteReleaseSchema });
  const shared = releasedLabel !== null;
  return (
    <form
      {...form.props}
      className="form form-inline no-print"
      aria-label={note === "review" ? "Share the review note" : "Share the follow-up note"}
    >
      <input type="hidden" name="intakeId" value={intakeId} />
      <input type="hidden" name="note" value={note} />
      <p className="small">
        {shared
          ? `Shared with the client ${releasedLabel}: her copy of her records shows this note.`
          : "Private: the client's copy of her records leaves this note out."}
      </p>
      <FormStatus status={form.status} id={form.statusId} />
      <button type="submit" name="intent" value={shared ? "withdraw" : "share"} className="button button-quiet" disabled={form.pending}>
        {shared ? "Stop sharing with the client" : "Share this note with the client"}
      </button>
    </form>
  );
}
