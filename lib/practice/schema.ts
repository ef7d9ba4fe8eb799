/**
 * What the practice profile and photo forms accept, shared by the forms (react-hook-form, in
 * the browser) and the server actions. Free of server imports.
 */
import { cleanStrings } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

const required = (label: string, max: number) =>
  z
    .string({ error: `Please enter ${label}.` })
    .trim()
    .min(1, { error: `Please enter ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max} characters.` });

// The seeded profile uses visible placeholders such as "[practice email]"; she may save the
// profile in stages, so an untouched bracketed placeholder is accepted until she replaces it.
const isPlaceholder = (value: string) => /^\[[^\]]{1,60}\]$/.test(value);

export const profileSchema = z.preprocess(
  cleanStrings,
  z.object({
    practiceName: required("the practice name", 120),
    clinicianName: required("your name as clients should see it", 120),
    credentials: required("your credentials", 300),
    tagline: required("a tagline for the home page", 300),
    bio: required("a short biography", 5000),
    location: required("the practice location", 200),
    // Typed as one comma-separated line.
    telehealthStates: z
      .string({ error: "Please list the states where you offer telehealth, separated by commas." })
      .transform((value, ctx) => {
        const states = [
          ...new Set(
            value
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        // One input, so every message belongs to it (not to "the second state").
        const tooLong = states.find((state) => state.length > 40);
        const message = tooLong
          ? `"${tooLong}" is too long for a state name (40 characters at most).`
          : states.length === 0
            ? "Please list at least one state where you offer telehealth, separated by commas."
            : states.length > 60
              ? "Please list at most 60 states."
              : null;
        if (message) {
          ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return states;
      }),
    contactEmail: required("the practice email address", 200).refine(
      (value) => isPlaceholder(value) || z.email().safeParse(value).success,
      {
        error: "Please enter a valid email address, for example hello@yourpractice.com.",
      },
    ),
    contactPhone: required("the practice phone number", 40),
    sessionFee: required("the session fee", 200),
    consultationFee: required("the consultation fee", 200),
    feeNotes: z.string().trim().max(1000, { error: "Fee notes must be at most 1000 characters." }).default(""),
  }),
);

export type ProfileInput = z.output<typeof profileSchema>;

// ---------------------------------------------------------------------------------------
// The photo

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

function megabytes(size: number) {
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** Checks a declared size before reading a file, so an oversized upload is refused early. */
export function photoSizeError(size: number): string | null {
  if (size <= 0) return "Please choose a photo to upload.";
  if (size > MAX_PHOTO_BYTES)
    return `That file is ${megabytes(size)}; photos can be at most 2 MB. Please choose a smaller photo or save it at a lower resolution.`;
  return null;
}

/**
 * The photo form: "Upload photo" sends a file, "Remove photo" (intent=remove) takes the photo
 * off the site. Built from the posted form the same way in the browser and on the server.
 */
export const photoFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove") }),
  z.object({
    intent: z.literal("upload"),
    photo: z.instanceof(File, { error: "Please choose a photo to upload." }).superRefine((file, ctx) => {
      const error = photoSizeError(file.size);
      if (error) ctx.addIssue({ code: "custom", message: error });
    }),
  }),
]);

export function photoFormInput(formData: FormData): unknown {
  return { intent: formData.get("intent") === "remove" ? "remove" : "upload", photo: formData.get("photo") };
}
