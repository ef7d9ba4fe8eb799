"use client";

import { useEffect, useRef, useState } from "react";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { articleSchema, slugify, type ArticleFormInput, type ArticleFormValues } from "@/lib/articles/schema";
import {
  createArticleAction,
  previewMarkdownAction,
  unpublishArticleAction,
  updateArticleAction,
  type ArticleActionResult,
  type EditorArticle,
} from "@/lib/actions/articles";

type Props = {
  /** Absent for a new article. */
  article?: EditorArticle & { title: string; summary: string; body: string; tags: string[] };
  /** Server-rendered preview of the saved body, so the preview is filled on first paint. */
  initialPreviewHtml?: string;
  /** Shown once, e.g. after a new article was created and the page moved to its edit address. */
  initialNotice?: string;
};

type Intent = "save" | "publish" | "unpublish";

const PREVIEW_DELAY_MS = 350;
const OFFLINE = "We could not reach the server. Your text is still here; please check your connection and try again.";

const FIELD_IDS: (keyof ArticleFormInput)[] = ["title", "slug", "summary", "tags", "body"];

export function ArticleEditor({ article, initialPreviewHtml = "", initialNotice }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState<EditorArticle | null>(article ?? null);
  const [notice, setNotice] = useState<string | null>(initialNotice ?? null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Intent | null>(null);
  const [slugEdited, setSlugEdited] = useState(!!article);

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    setFocus,
    control,
    formState: { errors },
  } = useForm<ArticleFormInput, unknown, ArticleFormValues>({
    resolver: zodResolver(articleSchema),
    defaultValues: {
      title: article?.title ?? "",
      slug: article?.slug ?? "",
      summary: article?.summary ?? "",
      body: article?.body ?? "",
      tags: article?.tags.join(", ") ?? "",
    },
    shouldFocusError: true,
  });

  const body = useWatch({ control, name: "body" });
  const slug = useWatch({ control, name: "slug" });
  const preview = useMarkdownPreview(body ?? "", initialPreviewHtml, article?.body ?? "");

  const titleField = register("title", {
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      // Until she types an address herself, a new article's address follows its title.
      if (!slugEdited) setValue("slug", slugify(event.target.value));
    },
  });
  const slugField = register("slug", {
    onChange: () => setSlugEdited(true),
  });

  function applyResult(result: ArticleActionResult): boolean {
    if (result.ok) {
      setSaved(result.article);
      setNotice(result.message);
      return true;
    }
    const fieldErrors = result.fieldErrors ?? {};
    let first: keyof ArticleFormInput | null = null;
    for (const name of FIELD_IDS) {
      const message = fieldErrors[name]?.[0];
      if (!message) continue;
      setError(name, { type: "server", message });
      first ??= name;
    }
    setFormError(
      result.error ?? (first ? "Please check the highlighted fields." : "Something went wrong. Your text is still here; please try again."),
    );
    if (first) setFocus(first);
    return false;
  }

  async function run(intent: Intent, action: () => Promise<ArticleActionResult>) {
    setBusy(intent);
    setNotice(null);
    setFormError(null);
    try {
      return applyResult(await action());
    } catch {
      setFormError(OFFLINE);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const submit = (intent: "save" | "publish") =>
    handleSubmit(
      async () => {
        // The server validates the raw form input again with the same schema.
        const input = getValues();
        if (!saved) {
          let createdId: string | null = null;
          const ok = await run(intent, async () => {
            const result = await createArticleAction(input, intent === "publish" ? "publish" : "draft");
            if (result.ok) createdId = result.article.id;
            return result;
          });
          if (ok && createdId) {
            router.replace(`/dashboard/articles/${createdId}?created=${intent === "publish" ? "published" : "draft"}`);
          }
          return;
        }
        await run(intent, () => updateArticleAction(saved.id, input, intent));
      },
      () => {
        setNotice(null);
        setFormError("Please check the highlighted fields.");
      },
    );

  async function unpublish() {
    if (!saved) return;
    await run("unpublish", () => unpublishArticleAction(saved.id));
  }

  const describedBy = (name: keyof ArticleFormInput, hint = false) =>
    [hint ? `article-${name}-hint` : null, errors[name] ? `article-${name}-error` : null].filter(Boolean).join(" ") || undefined;

  const fieldError = (name: keyof ArticleFormInput) =>
    errors[name]?.message ? (
      <p id={`article-${name}-error`} className="field-error">
        {errors[name]?.message}
      </p>
    ) : null;

  const published = saved?.status === "PUBLISHED";

  return (
    <form
      className="form article-editor"
      noValidate
      onSubmit={submit("save")}
      aria-describedby={formError ? "article-form-error" : undefined}
    >
      <div className="article-editor-status">
        <p>
          Status:{" "}
          {published ? (
            <span className="badge badge-ok">Published</span>
          ) : (
            <span className="badge">{saved ? "Draft" : "New, not saved"}</span>
          )}
          {published && saved && (
            <>
              {" "}
              <Link href={`/articles/${saved.slug}`}>View on the site</Link>
            </>
          )}
        </p>
        {saved?.isPlaceholder && (
          <p className="hint">This text is a placeholder. The public page says so until you change the article text.</p>
        )}
      </div>
      <div role="status" className="article-editor-messages">
        {notice && <p className="notice">{notice}</p>}
      </div>
      {formError && (
        <p id="article-form-error" className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="field">
        <label htmlFor="article-title">Title</label>
        <input
          id="article-title"
          type="text"
          autoComplete="off"
          aria-invalid={!!errors.title}
          aria-describedby={describedBy("title")}
          {...titleField}
        />
        {fieldError("title")}
      </div>
      <div className="field">
        <label htmlFor="article-slug">Address</label>
        <p id="article-slug-hint" className="hint">
          Lowercase letters, numbers and hyphens. The article will be at <code>/articles/{slug || "…"}</code>
          {published ? ". Changing it breaks links others have shared." : "."}
        </p>
        <input
          id="article-slug"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={!!errors.slug}
          aria-describedby={describedBy("slug", true)}
          {...slugField}
        />
        {fieldError("slug")}
      </div>
      <div className="field">
        <label htmlFor="article-summary">Summary</label>
        <p id="article-summary-hint" className="hint">
          One or two sentences, up to 300 characters. Shown in the article list, the feed and search results.
        </p>
        <textarea
          id="article-summary"
          rows={3}
          aria-invalid={!!errors.summary}
          aria-describedby={describedBy("summary", true)}
          {...register("summary")}
        />
        {fieldError("summary")}
      </div>
      <div className="field">
        <label htmlFor="article-tags">Tags</label>
        <p id="article-tags-hint" className="hint">
          Separate tags with commas, like: Postpartum, Birth trauma. Up to 10.
        </p>
        <input
          id="article-tags"
          type="text"
          autoComplete="off"
          aria-invalid={!!errors.tags}
          aria-describedby={describedBy("tags", true)}
          {...register("tags")}
        />
        {fieldError("tags")}
      </div>
      <div className="article-editor-panes">
        <div className="field">
          <label htmlFor="article-body">Article text (Markdown)</label>
          <p id="article-body-hint" className="hint">
            Use <code>## Heading</code>, <code>**bold**</code>, <code>- list item</code> and <code>[link text](https://…)</code>.
          </p>
          <textarea
            id="article-body"
            rows={22}
            className="article-body-input"
            aria-invalid={!!errors.body}
            aria-describedby={describedBy("body", true)}
            {...register("body")}
          />
          {fieldError("body")}
        </div>
        <section className="article-preview" aria-labelledby="article-preview-heading">
          <h2 id="article-preview-heading" className="article-preview-heading">
            Preview
          </h2>
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
        <button type="submit" className="button" disabled={busy !== null}>
          {busy === "save" ? "Saving…" : published ? "Save changes" : "Save draft"}
        </button>
        {!published && (
          <button type="button" className="button button-quiet" disabled={busy !== null} onClick={() => void submit("publish")()}>
            {busy === "publish" ? "Publishing…" : "Publish"}
          </button>
        )}
        {published && (
          <button type="button" className="button button-quiet" disabled={busy !== null} onClick={() => void unpublish()}>
            {busy === "unpublish" ? "Unpublishing…" : "Unpublish"}
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
          setState("html" in result ? { html: result.html, error: null } : { html: "", error: result.error });
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
