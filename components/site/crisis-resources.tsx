import { CRISIS, OVERSEAS } from "@/lib/practice/crisis";
import { CallLink, CrisisLine, TextLink } from "@/components/ui/crisis-line";

const list = (items: readonly React.ReactNode[]) =>
  items.flatMap((item, i) => (i === 0 ? [item] : [i === items.length - 1 ? ", or " : ", ", item]));

/**
 * Thoughts of harming the baby, and the signs of postpartum psychosis: both are emergencies
 * (911 or the emergency department), said plainly, without alarming someone whose unwanted
 * thoughts are the common, treatable kind. Postpartum Support International: psychosis "is an
 * emergency and it is essential that you receive immediate help"; "the onset is usually sudden,
 * most often within the first 2 weeks" (https://postpartum.net/, as quoted on
 * https://silver-violet-4tzh.squarespace.com/blog/lets-talk-postpartum-psychosis-bpspf).
 */
export function BabySafety() {
  return (
    <>
      <p>
        <strong>If you have thoughts of harming your baby</strong> and are afraid you might act on them, or you are not sure: put your baby
        down somewhere safe, such as the crib, and <CallLink tel={CRISIS.emergency.tel}>call {CRISIS.emergency.display}</CallLink> or go to
        the nearest emergency department. Frightening thoughts that you do not want to act on are common after birth and treatable; they are
        worth talking about with someone who understands.
      </p>
      <p>
        <strong>Signs of postpartum psychosis</strong>, which often start suddenly in the first weeks after birth: seeing or hearing things
        others do not, beliefs that seem strange to the people around you, feeling confused or suspicious, hardly sleeping or feeling no
        need to sleep, fast swings of mood. This is a medical emergency that can be treated:{" "}
        <CallLink tel={CRISIS.emergency.tel}>call {CRISIS.emergency.display}</CallLink> or go to the nearest emergency department, and ask
        someone to stay with you and the baby.
      </p>
    </>
  );
}

/** For someone outside the U.S., where 911 and 988 do not connect. */
export function OverseasHelp() {
  return (
    <>
      <p>
        911 and 988 may not work from a phone outside the U.S. In an emergency call{" "}
        {list(
          OVERSEAS.emergency.map((n) => (
            <span key={n.where}>
              <CallLink tel={n.tel}>{n.display}</CallLink> {n.where}
            </span>
          )),
        )}
        , or the local emergency number.
      </p>
      <p>
        Service members, veterans and their families overseas can reach the {CRISIS.veterans.label}{" "}
        {list(
          OVERSEAS.veterans.map((n) => (
            <span key={n.where}>
              {n.where} at <CallLink tel={n.tel}>{n.display}</CallLink>
            </span>
          )),
        )}
        , or on DSN {OVERSEAS.dsn} from a military phone.
      </p>
    </>
  );
}

/** The crisis and support lines, in full: the Get help page. */
export function CrisisResources({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="crisis-list">
      <li className="card">
        <H className="card-title">In immediate danger</H>
        <p>
          Call <CallLink tel={CRISIS.emergency.tel}>{CRISIS.emergency.display}</CallLink> or go to the nearest emergency department.
        </p>
      </li>
      <li className="card">
        <H className="card-title">Your safety and your baby&rsquo;s</H>
        <BabySafety />
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.lifeline.label}</H>
        <p>
          <CallLink tel={CRISIS.lifeline.tel}>Call {CRISIS.lifeline.display}</CallLink> or{" "}
          <TextLink sms={CRISIS.lifeline.sms}>text {CRISIS.lifeline.display}</TextLink>, any time, day or night. Veterans, service members
          and their families: call {CRISIS.lifeline.display} and press {CRISIS.veterans.press} for the Veterans Crisis Line, or{" "}
          <TextLink sms={CRISIS.veterans.sms}>text {CRISIS.veterans.smsDisplay}</TextLink>.
        </p>
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.maternal.label}</H>
        <p>
          Call <CallLink tel={CRISIS.maternal.tel}>{CRISIS.maternal.display}</CallLink> or{" "}
          <TextLink sms={CRISIS.maternal.sms}>text the hotline</TextLink>, 24/7, in English and Spanish. Free, confidential support for
          pregnant and new parents. It is not a crisis line: in a crisis, <CrisisLine />.
        </p>
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.psi.label}</H>
        <p>
          Call <CallLink tel={CRISIS.psi.tel}>{CRISIS.psi.display}</CallLink> or <TextLink sms={CRISIS.psi.sms}>text the HelpLine</TextLink>{" "}
          for support, information and local resources for perinatal mental health. Not for emergencies.
        </p>
      </li>
      <li className="card">
        <H className="card-title">Outside the U.S.</H>
        <OverseasHelp />
      </li>
    </ul>
  );
}
