package cn.tongbei.lessons;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A weekly recurrence such as "every Monday and Wednesday" (ISO days 1 = Monday … 7 = Sunday) until a date.
 * An empty day list means the activity happens once.
 */
public record Recurrence(List<Integer> days, LocalDate until) {
    /** China Standard Time: the schools' wall clock, used to place recurring sessions on weekdays. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** The sessions starting in [{@code from}, {@code to}), at most {@code max}, beginning with {@code first}. */
    public List<OffsetDateTime> occurrences(OffsetDateTime first, OffsetDateTime from, OffsetDateTime to, int max) {
        List<OffsetDateTime> out = new ArrayList<>();
        if (days.isEmpty()) {
            if (!first.isBefore(from) && first.isBefore(to)) {
                out.add(first);
            }
            return out;
        }
        ZonedDateTime start = first.atZoneSameInstant(ZONE);
        LocalDate last = until != null ? until : start.toLocalDate().plusYears(1);
        for (LocalDate d = start.toLocalDate(); !d.isAfter(last) && out.size() < max; d = d.plusDays(1)) {
            if (!days.contains(d.getDayOfWeek().getValue())) {
                continue;
            }
            OffsetDateTime at = start.with(d).toOffsetDateTime();
            if (!at.isBefore(to)) {
                break;
            }
            if (!at.isBefore(from)) {
                out.add(at);
            }
        }
        return out;
    }
}
