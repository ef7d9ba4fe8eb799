/**
 * The article form, validated by the same schema in the browser (react-hook-form) and in
 * the server actions. Kept free of server imports so the client editor can use it;
 * lib/articles/editing.ts re-exports it.
 */
import { recordId } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

export const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 50;
export const MAX_BODY_LENGTH = 100_000;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SLUG_CONFLICT_MESSAGE = "Another article already uses this address. Please choose a different one.";

/** "Birth Trauma!" → "birth-trauma": lowercase ASCII letters, digits and single hyphens. */
export function slugify(value: string, maxLength = 100): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

/** "Postpartum, Birth trauma, postpartum" → ["postpartum", "birth-trauma"]. */
export function parseTags(value: string): string[] {
  const tags = value
    .split(",")
    .map((tag) => slugify(tag, MAX_TAG_LENGTH))
    .filter(Boolean);
  return [...new Set(tags)];
}

export const articleSchema = z.object({
  title: z.string().trim().min(1, "Please give the article a title.").max(200, "Please keep the title under 200 characters."),
  slug: z
    .string()
    .trim()
    .min(1, "Please choose an address for the article, like my-article.")
    .max(100, "Please keep the address under 100 characters.")
    .regex(SLUG_PATTERN, "Use only lowercase letters, numbers and single hyphens, like my-article."),
  summary: z
    .string()
    .trim()
    .min(1, "Please write a short summary; it appears in the article list and in search results.")
    .max(300, "Please keep the summary under 300 characters."),
  body: z
    .string()
    .max(MAX_BODY_LENGTH, "The article is too long: please keep it under 100,000 characters.")
    .refine((value) => value.trim().length > 0, "Please write the article text."),
  tags: z
    .string()
    .max(2000, "Please use at most 10 short tags.")
    .transform((value, ctx) => {
      const tags = parseTags(value);
      if (tags.length > MAX_TAGS) {
        ctx.addIssue({ code: "custom", message: `Please use at most ${MAX_TAGS} tags (you have ${tags.length}).` });
        return z.NEVER;
      }
      return tags;
    }),
});

/** What the form holds: tags as the comma-separated text she typed. */
export type ArticleFormInput = z.input<typeof articleSchema>;
/** What is stored: tags as slugs. */
export type ArticleFormValues = z.output<typeof articleSchema>;

/**
 * The editor's form as posted: the article, its id once it exists, and the button pressed.
 * "Unpublish" needs only the id: it takes the article off the site as last saved, and leaves
 * unsaved edits in the form.
 */
export const articleFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unpublish"), id: recordId }),
  articleSchema.extend({ intent: z.enum(["save", "publish"]), id: recordId.optional() }),
]);
export type ArticleForm = z.output<typeof articleFormSchema>;

/** The posted fields with the button pressed ("save" for Enter in a field), the same in the browser and on the server. */
export function articleFormInput(values: Record<string, unknown>): unknown {
  const { id, intent, ...rest } = values;
  return { ...rest, intent: intent ?? "save", ...(id ? { id } : {}) };
}
