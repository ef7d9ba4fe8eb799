import { describe, expect, test } from "vitest";
import { zoneName } from "@/lib/platform/format";

describe("zoneName", () => {
  test("names standard and daylight time apart, also when asked again (it is remembered)", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    const summer = new Date("2026-07-15T12:00:00Z");
    for (let i = 0; i < 2; i++) {
      expect(zoneName("America/New_York", winter)).toBe("Eastern Standard Time");
      expect(zoneName("America/New_York", summer)).toBe("Eastern Daylight Time");
      expect(zoneName("America/Phoenix", summer)).toBe("Mountain Standard Time");
    }
  });

  test("falls back to the zone's id when it is not a real zone", () => {
    expect(zoneName("Not/AZone")).toBe("Not/AZone");
  });
});
