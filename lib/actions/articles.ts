"use server";

import { cleanStrings, recordId } from "@/lib/platform/validation";
import { requireClinician } from "@/lib/auth/session";
import {
  articleSchema,
  createArticle,
  publishArticle,
  unpublishArticle,
  updateArticle,
  type ArticleFieldErrors,
  type ArticleWriteResult,
  type DashboardArticle,
} from "@/lib/articles/editing";
import { MAX_BODY_LENGTH } from "@/lib/articles/schema";
import { renderMarkdown } from "@/lib/articles/markdown";
import { currentRequestId, errorCode, logger } from "@/lib/platform/logger";

/** What the editor needs back after a change. Dates as ISO strings. */
export type EditorArticle = {
  id: string;
  slug: string;
  status: "DRAFT" | "PUBLISHED";
  publishedAt: string | null;
  isPlaceholder: boolean;
};

export type ArticleActionResult =
  { ok: true; article: EditorArticle; message: string } | { ok: false; fieldErrors?: ArticleFieldErrors; error?: string };

const SAVE_FAILED = "We could not save the article just now. Your text is still here; please try again in a moment.";
const NOT_FOUND = "This article no longer exists. It may have been deleted; your text is still here so you can copy it.";
const CHECK_FIELDS = "Please check the highlighted fields.";

function toEditor(article: DashboardArticle): EditorArticle {
  return {
    id: article.id,
    slug: article.slug,
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    isPlaceholder: article.isPlaceholder,
  };
}

function fromWrite(result: ArticleWriteResult, message: string): ArticleActionResult {
  if (result.ok) return { ok: true, article: toEditor(result.article), message };
  if (result.reason === "conflict") return { ok: false, fieldErrors: result.fieldErrors, error: CHECK_FIELDS };
  return { ok: false, error: NOT_FOUND };
}

const validId = (id: unknown): id is string => recordId.safeParse(id).success;

async function attempt(run: () => Promise<ArticleActionResult>): Promise<ArticleActionResult> {
  try {
    return await run();
  } catch (error) {
    logger.error(
      { event: "article.change.failed", errorCode: errorCode(error), requestId: await currentRequestId() },
      "article change failed",
    );
    return { ok: false, error: SAVE_FAILED };
  }
}

/** A new article, saved as a draft or published straight away. */
export async function createArticleAction(input: unknown, intent: "draft" | "publish"): Promise<ArticleActionResult> {
  await requireClinician("/dashboard/articles/new");
  const parsed = articleSchema.safeParse(cleanStrings(input));
  if (!parsed.success) return { ok: false, fieldErrors: parsed.error.flatten().fieldErrors, error: CHECK_FIELDS };
  const publish = intent === "publish";
  return attempt(async () =>
    fromWrite(
      await createArticle(parsed.data, { publish }),
      publish ? "Published. The article is now on the site." : "Draft saved. It is not on the site yet.",
    ),
  );
}

/** Saves edits; "publish" also puts the article on the site. A published article stays published on "save". */
export async function updateArticleAction(id: unknown, input: unknown, intent: "save" | "publish"): Promise<ArticleActionResult> {
  await requireClinician(validId(id) ? `/dashboard/articles/${encodeURIComponent(id)}` : "/dashboard/articles");
  if (!validId(id)) return { ok: false, error: NOT_FOUND };
  const parsed = articleSchema.safeParse(cleanStrings(input));
  if (!parsed.success) return { ok: false, fieldErrors: parsed.error.flatten().fieldErrors, error: CHECK_FIELDS };
  const publish = intent === "publish";
  return attempt(async () => {
    const result = await updateArticle(id, parsed.data, { publish });
    const message = publish
      ? "Published. The article is now on the site."
      : result.ok && result.article.status === "PUBLISHED"
        ? "Changes saved and live on the site."
        : "Draft saved. It is not on the site yet.";
    return fromWrite(result, message);
  });
}

/** Publishes the article as last saved. */
export async function publishArticleAction(id: unknown): Promise<ArticleActionResult> {
  await requireClinician(validId(id) ? `/dashboard/articles/${encodeURIComponent(id)}` : "/dashboard/articles");
  if (!validId(id)) return { ok: false, error: NOT_FOUND };
  return attempt(async () => fromWrite(await publishArticle(id), "Published. The article is now on the site."));
}

/** Takes the article off the site; it stays here as a draft. Unsaved edits in the form are kept. */
export async function unpublishArticleAction(id: unknown): Promise<ArticleActionResult> {
  await requireClinician(validId(id) ? `/dashboard/articles/${encodeURIComponent(id)}` : "/dashboard/articles");
  if (!validId(id)) return { ok: false, error: NOT_FOUND };
  return attempt(async () =>
    fromWrite(await unpublishArticle(id), "Unpublished. The article is no longer on the site; it is kept here as a draft."),
  );
}

export type PreviewResult = { html: string } | { error: string };

/** The live preview: the same sanitised rendering as the public page. */
export async function previewMarkdownAction(markdown: unknown): Promise<PreviewResult> {
  await requireClinician("/dashboard/articles");
  if (typeof markdown !== "string") return { error: "The preview could not be shown." };
  if (markdown.length > MAX_BODY_LENGTH) return { error: "The article is too long to preview: please keep it under 100,000 characters." };
  try {
    return { html: renderMarkdown(markdown) };
  } catch (error) {
    logger.error(
      { event: "article.preview.failed", errorCode: errorCode(error), requestId: await currentRequestId() },
      "article preview failed",
    );
    return { error: "The preview could not be shown just now. Your text is safe; keep writing." };
  }
}
