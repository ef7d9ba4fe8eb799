import { zoneChoices } from "@/lib/booking/timezone";
import { zoneName } from "@/lib/platform/format";

/** A plain GET form, so changing the zone works without JavaScript too. */
export function TimeZoneForm({ current, action, hidden = {} }: { current: string; action: string; hidden?: Record<string, string> }) {
  const zones = zoneChoices(current);
  return (
    <form method="get" action={action} className="tz-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="tz">Show times in</label>
      <select id="tz" name="tz" defaultValue={current}>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replace(/_/g, " ")} ({zoneName(zone)})
          </option>
        ))}
      </select>
      <button type="submit" className="button button-quiet button-small">
        Change
      </button>
    </form>
  );
}
