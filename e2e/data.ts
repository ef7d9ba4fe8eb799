/** A complete, valid intake (PHQ-9 11 moderate, GAD-7 12 moderate, no risk item). */
export const COMPLETE_INTAKE = {
  "about-you": { legalName: "Canarymatrix Person", preferredName: "", pronouns: "", dateOfBirth: "1990-01-15", phone: "(555) 010-2000", state: "New York", emergencyName: "Sam", emergencyRelationship: "Partner", emergencyPhone: "(555) 010-3000" },
  "pregnancy-and-postpartum": { situation: "pregnant", dueDate: "2027-03-01", babyBirthDate: "", situationOther: "", children: "0", birthExperience: "", feeding: null, sleep: null, support: "", deployment: null },
  "what-brings-you": { concerns: ["anxiety"], concernsOther: "", whatBrings: "CANARYDASH worry", goals: "" },
  history: {},
  screening: { phq9: [2, 2, 2, 1, 1, 1, 1, 1, 0], phq9Difficulty: 1, gad7: [3, 3, 2, 2, 1, 1, 0] },
  consent: { consentTherapy: true, consentTelehealth: true, privacyNotice: true, voicemailOk: false, emailOk: true, signature: "Canarymatrix Person" },
};
