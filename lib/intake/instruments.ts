/**
 * Screening measures as published. The wording is part of each instrument's
 * validation: paraphrasing an item changes what the score means, so edit these
 * strings only to correct them against the published form.
 *
 * Every answer is stored as the index (0-3) of the chosen option in published order.
 * Scoring lives in ./scoring.ts and runs on the server.
 */

export type InstrumentId = "phq9" | "gad7" | "epds";

export type ResponseOptions = readonly [string, string, string, string];

export type InstrumentItem = {
  /** 1-based, as printed on the published form. */
  readonly number: number;
  readonly text: string;
  readonly options: ResponseOptions;
  /** Asks about thoughts of self-harm: any answer scoring above 0 needs same-day clinical follow-up. */
  readonly selfHarm: boolean;
};

export type Instrument = {
  readonly id: InstrumentId;
  readonly shortName: string;
  readonly name: string;
  readonly stem: string;
  readonly items: readonly InstrumentItem[];
  /** Asked after the items and recorded, but not part of the total. */
  readonly unscoredFollowUp?: { readonly text: string; readonly options: ResponseOptions };
  readonly citation: string;
  /**
   * LOINC codes for exports (FHIR QuestionnaireResponse and Observation). `total` is left out
   * where no code could be verified here: a wrong code is worse than none in a clinical record.
   */
  readonly loinc: { readonly panel: string; readonly total?: string };
};

const FREQUENCY_OPTIONS: ResponseOptions = ["Not at all", "Several days", "More than half the days", "Nearly every day"];

const PFIZER_CITATION =
  "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, " +
  "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

function frequencyItems(texts: readonly string[], selfHarmNumber?: number): InstrumentItem[] {
  return texts.map((text, index) => ({
    number: index + 1,
    text,
    options: FREQUENCY_OPTIONS,
    selfHarm: index + 1 === selfHarmNumber,
  }));
}

export const PHQ9: Instrument = {
  id: "phq9",
  shortName: "PHQ-9",
  loinc: { panel: "44249-1", total: "44261-6" },
  name: "Patient Health Questionnaire (PHQ-9)",
  stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  items: frequencyItems(
    [
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
      "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    9,
  ),
  unscoredFollowUp: {
    text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
    options: ["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"],
  },
  citation: PFIZER_CITATION,
};

export const GAD7: Instrument = {
  id: "gad7",
  shortName: "GAD-7",
  loinc: { panel: "69737-5", total: "70274-6" },
  name: "Generalized Anxiety Disorder scale (GAD-7)",
  stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  items: frequencyItems([
    "Feeling nervous, anxious or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid as if something awful might happen",
  ]),
  citation: PFIZER_CITATION,
};

// Unlike the PHQ-9 and GAD-7, EPDS options are not ordered by severity: items 3 and
// 5-10 list the most symptomatic answer first. The order below is the published one
// and must not be "normalised"; scoring.ts applies the reverse scoring.
export const EPDS: Instrument = {
  id: "epds",
  shortName: "EPDS",
  loinc: { panel: "71354-5" },
  name: "Edinburgh Postnatal Depression Scale (EPDS)",
  stem: "As you are pregnant or have recently had a baby, we would like to know how you are feeling. Please select the answer that comes closest to how you have felt IN THE PAST 7 DAYS, not just how you feel today.",
  items: [
    {
      number: 1,
      text: "I have been able to laugh and see the funny side of things",
      options: ["As much as I always could", "Not quite so much now", "Definitely not so much now", "Not at all"],
      selfHarm: false,
    },
    {
      number: 2,
      text: "I have looked forward with enjoyment to things",
      options: ["As much as I ever did", "Rather less than I used to", "Definitely less than I used to", "Hardly at all"],
      selfHarm: false,
    },
    {
      number: 3,
      text: "I have blamed myself unnecessarily when things went wrong",
      options: ["Yes, most of the time", "Yes, some of the time", "Not very often", "No, never"],
      selfHarm: false,
    },
    {
      number: 4,
      text: "I have been anxious or worried for no good reason",
      options: ["No, not at all", "Hardly ever", "Yes, sometimes", "Yes, very often"],
      selfHarm: false,
    },
    {
      number: 5,
      text: "I have felt scared or panicky for no very good reason",
      options: ["Yes, quite a lot", "Yes, sometimes", "No, not much", "No, not at all"],
      selfHarm: false,
    },
    {
      number: 6,
      text: "Things have been getting on top of me",
      options: [
        "Yes, most of the time I haven't been able to cope at all",
        "Yes, sometimes I haven't been coping as well as usual",
        "No, most of the time I have coped quite well",
        "No, I have been coping as well as ever",
      ],
      selfHarm: false,
    },
    {
      number: 7,
      text: "I have been so unhappy that I have had difficulty sleeping",
      options: ["Yes, most of the time", "Yes, sometimes", "Not very often", "No, not at all"],
      selfHarm: false,
    },
    {
      number: 8,
      text: "I have felt sad or miserable",
      options: ["Yes, most of the time", "Yes, quite often", "Not very often", "No, not at all"],
      selfHarm: false,
    },
    {
      number: 9,
      text: "I have been so unhappy that I have been crying",
      options: ["Yes, most of the time", "Yes, quite often", "Only occasionally", "No, never"],
      selfHarm: false,
    },
    {
      number: 10,
      text: "The thought of harming myself has occurred to me",
      options: ["Yes, quite often", "Sometimes", "Hardly ever", "Never"],
      selfHarm: true,
    },
  ],
  citation:
    "© The Royal College of Psychiatrists 1987. Cox, J.L., Holden, J.M., & Sagovsky, R. (1987). " +
    "Detection of postnatal depression: Development of the 10-item Edinburgh Postnatal Depression Scale. " +
    "British Journal of Psychiatry, 150, 782-786. Reproduced with permission.",
};

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = {
  phq9: PHQ9,
  gad7: GAD7,
  epds: EPDS,
};
