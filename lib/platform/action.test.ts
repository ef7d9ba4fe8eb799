import { describe, expect, test } from "vitest";
import { done, formValues, invalid, refused } from "@/lib/platform/action";
import { z } from "@/lib/platform/zod";

describe("formValues", () => {
  test("keeps what was typed, turns repeated names into lists, and drops files and React's own fields", () => {
    const form = new FormData();
    form.set("note", "  kept as typed  ");
    form.append("days", "2026-12-24");
    form.append("days", "2026-12-25");
    form.set("$ACTION_ID_abc", "");
    form.set("photo", new File(["x"], "me.png", { type: "image/png" }));
    expect(formValues(form)).toEqual({ note: "  kept as typed  ", days: ["2026-12-24", "2026-12-25"] });
  });

  test("removes NUL characters, makes line breaks LF, and gives nothing for an argument that is not a form", () => {
    const form = new FormData();
    form.set("note", "a\u0000b\r\nc\rd");
    expect(formValues(form)).toEqual({ note: "ab\nc\nd" });
    for (const crafted of [undefined, null, "note=x", { note: "x" }, ["note", "x"], new URLSearchParams("note=x")]) {
      expect(formValues(crafted)).toEqual({});
    }
  });
});

describe("results", () => {
  test("a refused form carries one message per field and the typed values", () => {
    const values = { email: "not an email", name: "" };
    const parsed = z
      .object({ email: z.email("Please enter a valid email address."), name: z.string().min(1, "Please enter your name.") })
      .safeParse(values);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(invalid(parsed.error, values)).toEqual({
      ok: false,
      message: "Nothing was saved yet. Please check the highlighted fields.",
      fieldErrors: { email: "Please enter a valid email address.", name: "Please enter your name." },
      values,
    });
  });

  test("success and a whole-form refusal have the same shape as every other result", () => {
    expect(done("Saved.")).toEqual({ ok: true, message: "Saved." });
    expect(done("Saved.", { id: "a1" })).toEqual({ ok: true, message: "Saved.", data: { id: "a1" } });
    expect(refused("That intake has changed meanwhile.", { note: "x" })).toEqual({
      ok: false,
      message: "That intake has changed meanwhile.",
      fieldErrors: {},
      values: { note: "x" },
    });
  });
});
