package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static ZonedDateTime utc(String iso) {
        return ZonedDateTime.parse(iso + "Z").withZoneSameInstant(ZoneOffset.UTC);
    }

    private static ZonedDateTime next(String expression, String after) {
        return CronSchedule.parse(expression).next(utc(after));
    }

    @Test
    void every_minute_fires_at_the_next_whole_minute() {
        assertThat(next("* * * * *", "2025-03-10T12:00:00")).isEqualTo(utc("2025-03-10T12:01:00"));
        assertThat(next("* * * * *", "2025-03-10T12:00:59.999")).isEqualTo(utc("2025-03-10T12:01:00"));
    }

    @Test
    void next_is_strictly_after_a_matching_time() {
        assertThat(next("30 9 * * *", "2025-03-10T09:30:00")).isEqualTo(utc("2025-03-11T09:30:00"));
    }

    @Test
    void steps_over_a_star_and_over_a_range() {
        assertThat(next("*/15 * * * *", "2025-03-10T12:16:00")).isEqualTo(utc("2025-03-10T12:30:00"));
        assertThat(next("*/15 * * * *", "2025-03-10T12:50:00")).isEqualTo(utc("2025-03-10T13:00:00"));
        assertThat(next("10-40/20 * * * *", "2025-03-10T12:11:00")).isEqualTo(utc("2025-03-10T12:30:00"));
        assertThat(next("10-40/20 * * * *", "2025-03-10T12:31:00")).isEqualTo(utc("2025-03-10T13:10:00"));
    }

    @Test
    void lists_and_ranges_in_hours() {
        assertThat(next("0 8,12-13 * * *", "2025-03-10T08:00:00")).isEqualTo(utc("2025-03-10T12:00:00"));
        assertThat(next("0 8,12-13 * * *", "2025-03-10T12:00:00")).isEqualTo(utc("2025-03-10T13:00:00"));
        assertThat(next("0 8,12-13 * * *", "2025-03-10T13:00:00")).isEqualTo(utc("2025-03-11T08:00:00"));
    }

    @Test
    void month_and_weekday_names_are_accepted_in_any_case() {
        // 2025-03-10 is a Monday.
        assertThat(next("0 0 * * fri", "2025-03-10T00:00:00")).isEqualTo(utc("2025-03-14T00:00:00"));
        assertThat(next("0 0 1 JUN-aug *", "2025-03-10T00:00:00")).isEqualTo(utc("2025-06-01T00:00:00"));
        assertThat(next("0 0 * * MON-FRI", "2025-03-14T12:00:00")).isEqualTo(utc("2025-03-17T00:00:00"));
    }

    @Test
    void weekday_seven_and_zero_are_both_sunday() {
        assertThat(next("0 0 * * 7", "2025-03-10T00:00:00")).isEqualTo(utc("2025-03-16T00:00:00"));
        assertThat(next("0 0 * * 0", "2025-03-10T00:00:00")).isEqualTo(utc("2025-03-16T00:00:00"));
        assertThat(next("0 0 * * 5-7", "2025-03-15T12:00:00")).isEqualTo(utc("2025-03-16T00:00:00"));
    }

    @Test
    void restricted_day_of_month_and_weekday_match_either() {
        // The 20th (a Thursday) or any Monday: Monday the 17th comes first.
        assertThat(next("0 0 20 * MON", "2025-03-11T00:00:00")).isEqualTo(utc("2025-03-17T00:00:00"));
        assertThat(next("0 0 20 * MON", "2025-03-17T00:00:00")).isEqualTo(utc("2025-03-20T00:00:00"));
    }

    @Test
    void a_star_day_field_means_both_must_match() {
        // Odd days of the month that are also Mondays: the 17th, not Tuesday the 11th.
        assertThat(next("0 0 */2 * MON", "2025-03-10T12:00:00")).isEqualTo(utc("2025-03-17T00:00:00"));
        assertThat(next("0 0 * * MON", "2025-03-10T12:00:00")).isEqualTo(utc("2025-03-17T00:00:00"));
        assertThat(next("0 0 2-31/2 * MON", "2025-03-10T12:00:00")).isEqualTo(utc("2025-03-12T00:00:00"));
    }

    @Test
    void leap_day_waits_for_a_leap_year() {
        assertThat(next("0 0 29 2 *", "2025-03-01T00:00:00")).isEqualTo(utc("2028-02-29T00:00:00"));
    }

    @Test
    void crosses_the_end_of_a_year() {
        assertThat(next("0 0 1 1 *", "2025-12-31T23:59:00")).isEqualTo(utc("2026-01-01T00:00:00"));
    }

    @Test
    void times_in_other_zones_are_converted_to_utc() {
        ZonedDateTime tokyo = ZonedDateTime.of(2025, 3, 10, 9, 0, 0, 0, ZoneId.of("Asia/Tokyo")); // 00:00 UTC
        assertThat(CronSchedule.parse("0 1 * * *").next(tokyo)).isEqualTo(utc("2025-03-10T01:00:00"));
        assertThat(CronSchedule.parse("0 1 * * *").next(tokyo).getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void a_wrong_number_of_fields_is_rejected() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 fields").hasMessageContaining("expected 5");
        assertThatThrownBy(() -> CronSchedule.parse("0 * * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 fields");
    }

    @Test
    void a_bad_field_is_named_in_the_error() {
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("minute field \"60\"").hasMessageContaining("0-59");
        assertThatThrownBy(() -> CronSchedule.parse("0 24 * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("hour field");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 0 * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("day-of-month field");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * FOO *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("month field \"FOO\"");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * MON-XYZ"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("day-of-week field \"MON-XYZ\"");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> CronSchedule.parse("30-10 * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronSchedule.parse("1,,2 * * * *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("minute field");
    }

    @Test
    void a_day_no_chosen_month_has_is_rejected() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never fires");
    }
}
