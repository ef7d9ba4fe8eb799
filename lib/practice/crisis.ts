/**
 * The crisis and support lines, written once: every page footer, the Get help page, the
 * intake's crisis panel, the error pages and the emails read them from here. No database,
 * no JavaScript: this is plain data, so crisis help renders whatever else is down.
 *
 * Every number below was checked against the source named beside it (2026-12). `tel` and
 * `sms` are what a phone dials; `display` is how the number is written on the page.
 */
export const CRISIS = {
  // Call or text 988, 24/7. SAMHSA, https://988lifeline.org/ ("Call or text 988"); also
  // quoted on https://www.kcrw.com/culture/shows/bodies/postpartum-psychosis-ppd-childbirth-mental-health.
  lifeline: { label: "988 Suicide & Crisis Lifeline", display: "988", tel: "988", sms: "988" },
  emergency: { label: "Emergency services", display: "911", tel: "911" },
  // "Dial 988 then Press 1, chat online at VeteransCrisisLine.net/Chat, or text 838255."
  // VA, http://veteranscrisisline.net/About/VeteranSuicide.aspx
  veterans: { label: "Veterans & Military Crisis Line", press: "1", sms: "838255", smsDisplay: "838255" },
  // "Call or text 1-833-TLC-MAMA (1-833-852-6262)", 24/7, English and Spanish. HRSA,
  // https://mchb.hrsa.gov/national-maternal-mental-health-hotline (as quoted by KCRW above).
  maternal: {
    label: "National Maternal Mental Health Hotline",
    display: "1-833-TLC-MAMA (1-833-852-6262)",
    tel: "18338526262",
    sms: "18338526262",
  },
  // "Call or text 1-800-944-4773 … Text en Español: 971-203-7773"; support, information and
  // local resources, not a crisis line. Postpartum Support International, https://postpartum.net/
  // (as quoted by KCRW above).
  psi: { label: "Postpartum Support International HelpLine", display: "1-800-944-4773", tel: "18009444773", sms: "18009444773" },
} as const;

/**
 * For a client who is outside the U.S.: the intake accepts "Outside the U.S.", the booking
 * page offers London, Berlin and Tokyo, and the practice serves deployed military families.
 * 911 and 988 do not work from a foreign network.
 */
export const OVERSEAS = {
  emergency: [
    // "Wherever you are in the EU … 112 … free of charge from a landline, mobile phone or a
    // payphone." European Commission, https://digital-strategy.ec.europa.eu/en/policies/112
    // (as republished on https://www.news.lt/Law-And-Order-Crime/Need-help-Dial-112.im?f=c&id=189320).
    { where: "anywhere in the European Union", display: "112", tel: "112" },
    // "Always call 999 if someone is seriously ill or injured, and their life is at risk."
    // NHS, https://www.swast.nhs.uk/when-to-call-999
    { where: "in the United Kingdom", display: "999", tel: "999" },
    // Fire and ambulance 119 (police 110). Fire and Disaster Management Agency, https://www.fdma.go.jp/
    // (as cited on https://www.ucia.or.jp/emergency_eng.html).
    { where: "in Japan (ambulance)", display: "119", tel: "119" },
    // Fire and ambulance 119 (police 112). National Fire Agency, as listed on
    // https://citiesinsider.com/country/south-korea/CountryWide/emergency-contact-numbers
    { where: "in South Korea (ambulance)", display: "119", tel: "119" },
  ],
  // The Veterans/Military Crisis Line from overseas: "In Europe, 844-702-5495 or DSN 988; In
  // Southwest Asia, 855-422-7719 or DSN 988; In the Pacific, 844-702-5493 or DSN 988."
  // Military OneSource (DoD), https://www.militaryonesource.mil/benefits/veterans-crisis-line/
  // (quoted at https://huggingface.co/bfuzzy1/Gunny); the same numbers, written +1 for dialling
  // from abroad, on https://www.veteranscrisisline.net/get-help/european-support.
  veterans: [
    { where: "in Europe", display: "+1 844-702-5495", tel: "+18447025495" },
    { where: "in Southwest Asia", display: "+1 855-422-7719", tel: "+18554227719" },
    { where: "in the Pacific", display: "+1 844-702-5493", tel: "+18447025493" },
  ],
  /** From a military (DSN) line, anywhere. */
  dsn: "988",
} as const;

/** One sentence for plain-text places (emails): where to turn in a crisis. */
export const CRISIS_SENTENCE = `If you are in crisis, call or text ${CRISIS.lifeline.display} (Suicide & Crisis Lifeline), or call ${CRISIS.emergency.display}.`;
