"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClinician } from "@/lib/auth/session";
import { createArticle, unpublishArticle, updateArticle, type ArticleWriteResult } from "@/lib/articles/editing";
import { renderMarkdown } from "@/lib/articles/markdown";
import { ARTICLE_SAVED_MESSAGE } from "@/lib/articles/status";
import { articleFormInput, articleFormSchema, MAX_BODY_LENGTH, type ArticleForm } from "@/lib/articles/schema";
import { done, formValues, invalid, refused, type ActionResult, type ActionState, type FormValues } from "@/lib/platform/action";
import { currentRequestId, errorCode, logger } from "@/lib/platform/logger";

const SAVE_FAILED = "We could not save the article just now. Your text is still here; please try again in a moment.";
const NOT_FOUND = "This article no longer exists. It may have been deleted; your text is still here so you can copy it.";

/** The one write the form asks for: create, save, publish or unpublish. */
function write(form: ArticleForm): Promise<ArticleWriteResult> {
  if (form.intent === "unpublish") return unpublishArticle(form.id);
  const { intent, id, ...article } = form;
  return id ? updateArticle(id, article, { publish: intent === "publish" }) : createArticle(article, { publish: intent === "publish" });
}

async function logged(run: () => Promise<ArticleWriteResult>): Promise<ArticleWriteResult | null> {
  try {
    return await run();
  } catch (error) {
    logger.error(
      { event: "article.change.failed", errorCode: errorCode(error), requestId: await currentRequestId() },
      "article change failed",
    );
    return null;
  }
}

/**
 * The article editor's form, whichever button was pressed. A new article moves to its own
 * edit page once saved; an existing one stays, with the page showing its new status.
 */
export async function saveArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/articles");
  const values: FormValues = formValues(formData);
  const parsed = articleFormSchema.safeParse(articleFormInput(values));
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await logged(() => write(parsed.data));
  if (!result) return refused(SAVE_FAILED, values);
  if (!result.ok) return result.reason === "conflict" ? invalid(result.fieldErrors, values) : refused(NOT_FOUND, values);
  const { intent } = parsed.data;
  if (!("id" in parsed.data) || !parsed.data.id) {
    redirect(`/dashboard/articles/${result.article.id}?created=${intent === "publish" ? "published" : "draft"}`);
  }
  revalidatePath(`/dashboard/articles/${result.article.id}`);
  revalidatePath("/dashboard/articles");
  return done(
    intent === "unpublish"
      ? ARTICLE_SAVED_MESSAGE.unpublished
      : intent === "publish"
        ? ARTICLE_SAVED_MESSAGE.published
        : result.article.status === "PUBLISHED"
          ? ARTICLE_SAVED_MESSAGE.live
          : ARTICLE_SAVED_MESSAGE.draft,
  );
}

/** The live preview (it needs scripts; the editor says so): the same sanitised rendering as the public page. */
export async function previewMarkdownAction(markdown: unknown): Promise<ActionResult<{ html: string }>> {
  await requireClinician("/dashboard/articles");
  if (typeof markdown !== "string") return refused("The preview could not be shown.");
  if (markdown.length > MAX_BODY_LENGTH) return refused("The article is too long to preview: please keep it under 100,000 characters.");
  try {
    return done("Preview updated.", { html: renderMarkdown(markdown) });
  } catch (error) {
    logger.error(
      { event: "article.preview.failed", errorCode: errorCode(error), requestId: await currentRequestId() },
      "article preview failed",
    );
    return refused("The preview could not be shown just now. Your text is safe; keep writing.");
  }
}
