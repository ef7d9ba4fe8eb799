-- The open times shown on /book are computed once per change and cached (lib/booking/queries.ts,
-- tag "open-times"). Every change that can open or close a time (a hold, a booking, a
-- cancellation or move, her availability, her calendars' busy times) tells every app instance,
-- whichever code path, script or job made it: one notice per statement, sent at commit on the
-- page cache's channel (lib/platform/page-cache.mjs), which expires the tag.
CREATE FUNCTION haven_open_times_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('haven_page_cache', '{"from":"database","tags":["open-times"]}');
  RETURN NULL;
END
$$;

CREATE TRIGGER "Booking_open_times" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Booking"
  FOR EACH STATEMENT EXECUTE FUNCTION haven_open_times_changed();
CREATE TRIGGER "BookingSettings_open_times" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BookingSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION haven_open_times_changed();
CREATE TRIGGER "CalendarBusy_open_times" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarBusy"
  FOR EACH STATEMENT EXECUTE FUNCTION haven_open_times_changed();
