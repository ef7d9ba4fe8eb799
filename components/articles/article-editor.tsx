"use client";

import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { useWatch } from "react-hook-form";
import Link from "@/components/ui/link";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { StatusBadge } from "@/components/ui/status-badge";
import { previewMarkdownAction, saveArticleAction } from "@/lib/actions/articles";
import { articleFormInput, articleFormSchema, slugify } from "@/lib/articles/schema";
import { ARTICLE_STATUS_LABEL } from "@/lib/articles/status";
import { formValues } from "@/lib/platform/action";

export type EditorArticle = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  status: "DRAFT" | "PUBLISHED";
  isPlaceholder: boolean;
};

type Props = {
  /** Absent for a new article. */
  article?: EditorArticle;
  /** Server-rendered preview of the saved body, so the preview is filled on first paint. */
  initialPreviewHtml?: string;
  /** Shown once, e.g. after a new article was created and the page moved to its edit address. */
  initialNotice?: string;
};

const PREVIEW_DELAY_MS = 350;

const HINT = {
  summary: "One or two sentences, up to 300 characters. Shown in the article list, the feed and search results.",
  tags: "Separate tags with commas, like: Postpartum, Birth trauma. Up to 10.",
  body: (
    <>
      Use <code>## Heading</code>, <code>**bold**</code>, <code>- list item</code> and <code>[link text](https://…)</code>.
    </>
  ),
};

/**
 * One form for all three buttons (Save, Publish, Unpublish: the button pressed is posted as
 * `intent`), so everything but the live preview works before the page's scripts load.
 */
export function ArticleEditor({ article, initialPreviewHtml = "", initialNotice }: Props) {
  const form = useActionForm(saveArticleAction, {
    schema: articleFormSchema,
    input: (data) => articleFormInput(formValues(data)),
    initial: article ? { ...article, tags: article.tags.join(", ") } : {},
  });
  const { control, setValue } = form.rhf;
  // Until she types an address herself, a new article's address follows its title.
  const [slugEdited, setSlugEdited] = useState(!!article);
  const body = useWatch({ control, name: "body", defaultValue: form.value("body") }) as string;
  const slug = useWatch({ control, name: "slug", defaultValue: form.value("slug") }) as string;
  const preview = useMarkdownPreview(body, initialPreviewHtml, article?.body ?? "");
  const published = article?.status === "PUBLISHED";
  const status = form.status ?? (initialNotice ? { ok: true, message: initialNotice } : null);

  const title = form.text("title");
  const slugField = form.text("slug");

  return (
    <form {...form.props} className="form article-editor" aria-describedby={status && !status.ok ? form.statusId : undefined}>
      {article && <input type="hidden" name="id" value={article.id} />}
      <div className="article-editor-status">
        <p>
          Status:{" "}
          <StatusBadge tone={published ? "ok" : "neutral"}>{article ? ARTICLE_STATUS_LABEL[article.status] : "New, not saved"}</StatusBadge>
          {published && (
            <>
              {" "}
              <Link href={`/articles/${article.slug}`}>View on the site</Link>
            </>
          )}
        </p>
        {article?.isPlaceholder && (
          <p className="hint">This text is a placeholder. The public page says so until you change the article text.</p>
        )}
      </div>
      <FormStatus status={status} id={form.statusId} />
      <Field id="article-title" label="Title" error={form.errorFor("title")}>
        {(c) => (
          <input
            type="text"
            autoComplete="off"
            {...c}
            {...title}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              void title.onChange(event);
              if (!slugEdited) setValue("slug", slugify(event.target.value));
            }}
          />
        )}
      </Field>
      <Field
        id="article-slug"
        label="Address"
        hint={
          <>
            Lowercase letters, numbers and hyphens. The article will be at <code>/articles/{slug || "…"}</code>
            {published ? ". Changing it breaks links others have shared." : "."}
          </>
        }
        error={form.errorFor("slug")}
      >
        {(c) => (
          <input
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            {...c}
            {...slugField}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              void slugField.onChange(event);
              setSlugEdited(true);
            }}
          />
        )}
      </Field>
      <Field id="article-summary" label="Summary" hint={HINT.summary} error={form.errorFor("summary")}>
        {(c) => <textarea rows={3} {...c} {...form.text("summary")} />}
      </Field>
      <Field id="article-tags" label="Tags" hint={HINT.tags} error={form.errorFor("tags")}>
        {(c) => <input type="text" autoComplete="off" {...c} {...form.text("tags")} />}
      </Field>
      <div className="article-editor-panes">
        <Field id="article-body" label="Article text (Markdown)" hint={HINT.body} error={form.errorFor("body")}>
          {(c) => <textarea rows={22} className="article-body-input" {...c} {...form.text("body")} />}
        </Field>
        <section className="article-preview" aria-labelledby="article-preview-heading">
          <h2 id="article-preview-heading" className="article-preview-heading">
            Preview
          </h2>
          <noscript>
            <p className="hint">
              The preview needs JavaScript, which is off in this browser. Everything else here works without it: saving shows the article as
              it will look{published ? " on the site" : " once published"}.
            </p>
          </noscript>
          {preview.error ? (
            <p className="hint">{preview.error}</p>
          ) : preview.html ? (
            <div className="prose" dangerouslySetInnerHTML={{ __html: preview.html }} />
          ) : (
            <p className="hint">The article will appear here as you write.</p>
          )}
        </section>
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save" className="button" disabled={form.pending}>
          {form.pending ? "Saving…" : published ? "Save changes" : "Save draft"}
        </button>
        {!published && (
          <button type="submit" name="intent" value="publish" className="button button-quiet" disabled={form.pending}>
            Publish
          </button>
        )}
        {published && (
          <button type="submit" name="intent" value="unpublish" className="button button-quiet" disabled={form.pending}>
            Unpublish
          </button>
        )}
        <Link href="/dashboard/articles">Back to all articles</Link>
      </div>
    </form>
  );
}

/**
 * Renders the Markdown on the server (the same sanitised pipeline as the public page) a
 * moment after she stops typing. Late answers to earlier text are ignored.
 */
function useMarkdownPreview(markdown: string, initialHtml: string, initialMarkdown: string) {
  const [state, setState] = useState<{ html: string; error: string | null }>({ html: initialHtml, error: null });
  const latest = useRef(0);
  const rendered = useRef(initialHtml ? initialMarkdown : null);

  useEffect(() => {
    if (rendered.current === markdown) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      if (markdown.trim() === "") {
        rendered.current = markdown;
        setState({ html: "", error: null });
        return;
      }
      previewMarkdownAction(markdown)
        .then((result) => {
          if (request !== latest.current) return;
          rendered.current = markdown;
          setState(result.ok ? { html: result.data?.html ?? "", error: null } : { html: "", error: result.message });
        })
        .catch(() => {
          if (request !== latest.current) return;
          setState((current) => ({ ...current, error: "The preview could not be updated just now. Your text is safe; keep writing." }));
        });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [markdown]);

  return state;
}
