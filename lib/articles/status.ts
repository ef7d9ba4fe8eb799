/** The words for an article's state, the same in the list and the editor. */
import type { ArticleStatus } from "@/lib/generated/prisma/enums";

export const ARTICLE_STATUS_LABEL: Record<ArticleStatus, string> = {
  DRAFT: "Draft",
  PUBLISHED: "Published",
};

/** What the editor says after each kind of save (also after a new article moves to its own page). */
export const ARTICLE_SAVED_MESSAGE = {
  draft: "Draft saved. It is not on the site yet.",
  live: "Changes saved and live on the site.",
  published: "Published. The article is now on the site.",
  unpublished: "Unpublished. The article is no longer on the site; it is kept here as a draft.",
} as const;
