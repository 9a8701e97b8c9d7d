package dev.nano.devserver;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}), as
 * in {@code [triggers] crons}, evaluated in UTC as Cloudflare does.
 *
 * <p>Each field takes {@code *}, numbers, ranges {@code a-b}, steps {@code *}{@code /n},
 * {@code a-b/n} and {@code a/n} (from {@code a} to the field's end), and lists {@code a,b}. Months
 * may be named {@code JAN}-{@code DEC} and weekdays {@code SUN}-{@code SAT}; weekday 0 and 7 are
 * both Sunday. As in Vixie cron: when both day fields are restricted (neither starts with
 * {@code *}) a day matches if either matches; otherwise both must.
 */
public final class CronSchedule {
    private static final List<String> FIELD_NAMES = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    // Days in each month in a leap year: the most a month can ever have.
    private static final int[] MAX_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final String expression;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean dayOfMonthStar;
    private final boolean dayOfWeekStar;

    private CronSchedule(String expression, long[] masks, boolean dayOfMonthStar, boolean dayOfWeekStar) {
        this.expression = expression;
        this.minutes = masks[0];
        this.hours = masks[1];
        this.daysOfMonth = masks[2];
        this.months = masks[3];
        this.daysOfWeek = masks[4];
        this.dayOfMonthStar = dayOfMonthStar;
        this.dayOfWeekStar = dayOfWeekStar;
    }

    /**
     * Parses {@code expression}.
     *
     * @throws IllegalArgumentException naming the field that is wrong, or the count of fields
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty cron expression; expected 5 fields (minute hour day-of-month month day-of-week)");
        }
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron expression \"" + expression + "\" has " + fields.length
                    + " field" + (fields.length == 1 ? "" : "s") + "; expected 5 (minute hour day-of-month month day-of-week)");
        }
        long[] masks = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                masks[i] = parseField(fields[i], i);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FIELD_NAMES.get(i) + " field \"" + fields[i] + "\" of cron expression \""
                        + expression + "\": " + e.getMessage());
            }
        }
        // Sunday is both 0 and 7; keep it as 0, the value DayOfWeek maps to below.
        if ((masks[4] & (1L << 7)) != 0) {
            masks[4] = (masks[4] & ~(1L << 7)) | 1L;
        }
        boolean domStar = fields[2].startsWith("*");
        boolean dowStar = fields[4].startsWith("*");
        // A day-of-month that no chosen month has (e.g. 30 in February) would never fire.
        if (!domStar && dowStar && !anyDayExists(masks[2], masks[3])) {
            throw new IllegalArgumentException("cron expression \"" + expression
                    + "\" never fires: no chosen month has the day-of-month \"" + fields[2] + "\"");
        }
        return new CronSchedule(expression, masks, domStar, dowStar);
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** The first minute strictly after {@code after} that the schedule fires at, in UTC. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        // parse() rejects schedules that never fire; Feb 29 on a given weekday can take 28 years.
        int limitYear = t.getYear() + 30;
        while (t.getYear() <= limitYear) {
            if (!has(months, t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!has(hours, t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new IllegalStateException("cron expression \"" + expression + "\" does not fire within 30 years of " + after);
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = has(daysOfMonth, t.getDayOfMonth());
        boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
        return dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow;
    }

    private static boolean has(long mask, int value) {
        return (mask & (1L << value)) != 0;
    }

    private static boolean anyDayExists(long daysOfMonth, long months) {
        for (int month = 1; month <= 12; month++) {
            if (has(months, month) && (daysOfMonth & ((1L << (MAX_DAYS[month - 1] + 1)) - 1)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static long parseField(String field, int index) {
        long mask = 0;
        for (String item : field.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty list item");
            }
            int slash = item.indexOf('/');
            String range = slash < 0 ? item : item.substring(0, slash);
            int step = 1;
            if (slash >= 0) {
                step = number(item.substring(slash + 1), "step");
                if (step < 1) {
                    throw new IllegalArgumentException("step must be at least 1");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = MIN[index];
                // 7 is a second Sunday; "*" and "*/n" count weekdays 0-6.
                to = index == 4 ? 6 : MAX[index];
            } else {
                int dash = range.indexOf('-');
                from = value(dash < 0 ? range : range.substring(0, dash), index);
                to = dash >= 0 ? value(range.substring(dash + 1), index)
                        : slash >= 0 ? (index == 4 ? 6 : MAX[index])
                        : from;
                if (from > to) {
                    throw new IllegalArgumentException("range " + range + " runs backwards");
                }
            }
            for (int v = from; v <= to; v += step) {
                mask |= 1L << v;
            }
        }
        return mask;
    }

    private static int value(String text, int index) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing number");
        }
        List<String> names = index == 3 ? MONTHS : index == 4 ? WEEKDAYS : List.of();
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v = named >= 0 ? named + (index == 3 ? 1 : 0) : number(text, index == 3 ? "month" : index == 4 ? "weekday" : "number");
        if (v < MIN[index] || v > MAX[index]) {
            throw new IllegalArgumentException(v + " is out of range " + MIN[index] + "-" + MAX[index]);
        }
        return v;
    }

    private static int number(String text, String what) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
            throw new IllegalArgumentException("\"" + text + "\" is not a " + what);
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return expression;
    }
}
