/**
 * The built-in Notice of Privacy Practices: a plain template the clinician is asked to review
 * and adapt on her dashboard. Until she saves her own version the public page shows this one,
 * marked as not yet reviewed. It follows what 45 CFR 164.520 asks a notice to say (how health
 * information is used and shared, your rights, the practice's duties, how to complain), and
 * says honestly what this website stores. No placeholders: it names no one, so nothing in
 * brackets can reach the public page.
 */
import { CRISIS } from "@/lib/practice/crisis";

export const PRIVACY_NOTICE_MAX = 50_000;

export const PRIVACY_NOTICE_TEMPLATE = `**This notice describes how health information about you may be used and disclosed, and how you can get access to this information. Please review it carefully.**

## Our commitment

What you share in therapy is private. This practice is required by law to keep your health information private, to give you this notice of its legal duties and privacy practices, to follow the notice currently in effect, and to tell you if a breach puts your information at risk.

## How your information is used and shared

- **Treatment.** To provide your care, and, with your permission, to coordinate it with other professionals who treat you, such as your obstetrician, midwife or doctor.
- **Payment.** To bill for services and, if you ask, to prepare a superbill so that you can seek reimbursement from your insurer.
- **Running the practice.** To schedule appointments, keep records and improve the quality of care.

Psychotherapy notes (the clinician's private notes about sessions) are kept apart from the rest of your record and are shared only with your written permission, except where the law requires otherwise.

## When information may be shared without your permission

The law allows or requires some disclosures without your permission, and only the minimum necessary is shared:

- to prevent a serious and imminent threat to your health or safety, or someone else's;
- to report suspected abuse or neglect of a child or a vulnerable adult;
- when a court orders it, or another law requires it;
- for health oversight, such as an inspection by a licensing board.

Whenever possible, this will be discussed with you first.

## Anything else needs your written permission

Any other use or disclosure, including marketing, needs your written authorization. Your information is never sold. You may withdraw an authorization in writing at any time.

## Your rights

- **To see and get a copy** of your health record, usually within 30 days of your request.
- **To ask for a correction** if you believe something is wrong or missing.
- **To ask to be contacted in a particular way**, for example only by email, or at a different address.
- **To ask for limits** on what is used or shared. If you pay for a service in full yourself, you can ask that it not be shared with your health plan.
- **To get a list** of certain disclosures made in the last six years.
- **To get a paper copy** of this notice at any time, even if you agreed to receive it electronically.
- **To choose someone to act for you**, such as a legal guardian.

## This website

- Bookings, intake answers, notes and messages are stored encrypted and are read only by your clinician. Each time she opens your intake, the reading is recorded.
- The website uses a cookie only to keep you signed in. It has no advertising, no tracking and no analytics.
- Emails about your appointments contain what they need to (the time, a link) and nothing from your intake. Emails to the clinician do not identify you.
- Online forms and email are not monitored around the clock. In an emergency, call ${CRISIS.emergency.display}, or call or text ${CRISIS.lifeline.display}.

## Questions and complaints

If you have a question about this notice, or believe your privacy rights have been violated, please contact the practice (see the Contact page). You may also complain to the U.S. Department of Health and Human Services, Office for Civil Rights, 200 Independence Avenue, S.W., Washington, D.C. 20201, by calling 1-877-696-6775, or online at https://ocrportal.hhs.gov/ocr/smartscreen/main.jsf. You will not be penalized for filing a complaint.

## Changes to this notice

This notice may change. A change applies to all the information the practice holds, and the current notice is always on this page.
`;
