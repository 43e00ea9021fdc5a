package io.opsline.monitoring.internal.downtime;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;

/**
 * Scheduled downtimes, Nagios style: while one holds, problems on what it covers are expected and
 * nobody is told about them. Made and cancelled by people (each change validated and audited),
 * asked about by the result processor for every result.
 */
@Service
public class Downtimes {

    static final Duration MAX_DURATION = Duration.ofDays(31);
    private static final int MAX_COMMENT = 2000;
    private static final int MAX_TAG = 60;

    private final DowntimeRepository downtimes;
    private final DowntimeAnnouncements announcements;
    private final DowntimeCalendar calendar;
    private final Inventory inventory;
    private final CheckRepository checks;
    private final AuditLog audit;

    Downtimes(DowntimeRepository downtimes, DowntimeAnnouncements announcements, DowntimeCalendar calendar,
            Inventory inventory, CheckRepository checks, AuditLog audit) {
        this.downtimes = downtimes;
        this.announcements = announcements;
        this.calendar = calendar;
        this.inventory = inventory;
        this.checks = checks;
        this.audit = audit;
    }

    /**
     * Whether the check, or its whole CI, is in scheduled downtime at this instant. Answered from
     * memory, without a query, so it may be asked for every result.
     */
    public boolean inDowntime(UUID ciId, UUID checkId, Instant at) {
        return calendar.covers(ciId, checkId, at);
    }

    /** Whether the whole CI is in scheduled downtime at this instant (for its host state); from memory. */
    public boolean inDowntime(UUID ciId, Instant at) {
        return calendar.coversCi(ciId, at);
    }

    /**
     * Schedules a downtime. If it holds already, its start is announced at once.
     *
     * @param author the signed-in user's name
     */
    @Transactional
    public DowntimeView create(DowntimeInput input, String author) {
        Objects.requireNonNull(author, "author");
        var now = Jdbc.now();
        var valid = validate(input, now);
        var downtime = new Downtime(Ids.newId(), valid.scope(), author, valid.comment(), valid.schedule(), now, null,
                null);
        downtimes.insert(downtime);
        downtime.schedule().at(now).ifPresent(window -> announcements.start(downtime, window));
        var created = view(downtime, now, names(List.of(downtime)));
        audit.record(new AuditEntry("downtime.create", "downtime", downtime.id().toString(),
                "Scheduled downtime for %s: %s".formatted(describe(created.scope()), describe(downtime.schedule())),
                null, created));
        calendar.refreshAfterCommit();
        return created;
    }

    /**
     * Calls a downtime off. One holding now ends at once (announced as cancelled); the downtime
     * is kept, marked cancelled.
     *
     * @param author the signed-in user's name
     */
    @Transactional
    public DowntimeView cancel(UUID id, String author) {
        Objects.requireNonNull(author, "author");
        var downtime = find(id);
        var now = Jdbc.now();
        if (downtime.cancelledAt() != null) {
            throw new ConflictException("This downtime was already cancelled by %s at %s".formatted(
                    downtime.cancelledBy(), downtime.cancelledAt()));
        }
        if (downtime.status(now) == DowntimeStatus.ENDED) {
            throw new ConflictException("This downtime has already ended; there is nothing left to cancel");
        }
        if (!downtimes.cancel(id, now, author)) {
            throw new ConflictException("This downtime was cancelled by someone else a moment ago");
        }
        for (var occurrence : downtimes.openOccurrences(id)) {
            announcements.end(downtime, occurrence, now, author);
        }
        var names = names(List.of(downtime));
        var before = view(downtime, now, names);
        var cancelled = new Downtime(downtime.id(), downtime.scope(), downtime.author(), downtime.comment(),
                downtime.schedule(), downtime.createdAt(), now, author);
        var after = view(cancelled, now, names);
        audit.record(new AuditEntry("downtime.cancel", "downtime", id.toString(),
                "Cancelled downtime for %s: %s".formatted(describe(after.scope()), describe(downtime.schedule())),
                before, after));
        calendar.refreshAfterCommit();
        return after;
    }

    @Transactional(readOnly = true)
    public DowntimeView get(UUID id) {
        var downtime = find(id);
        return view(downtime, Jdbc.now(), names(List.of(downtime)));
    }

    /**
     * Lists downtimes: active ones by when they end, upcoming ones by when they begin, any other
     * selection newest first.
     *
     * @param status upcoming, active, ended or cancelled; blank for all
     * @param ci a CI's id: only downtimes covering it (on it, on one of its checks, on a tag it
     *        carries, or on a CI it runs on or is connected to, with dependents)
     */
    @Transactional(readOnly = true)
    public Page<DowntimeView> list(String status, String ci, PageRequest page) {
        var v = new Violations();
        var wanted = v.optionalChoice("status", status, DowntimeStatus.class);
        var ciId = v.optionalId("ci", ci, "must be a CI id");
        v.throwIfAny("Invalid filter");
        var now = Jdbc.now();
        DowntimeRepository.Coverage coverage = null;
        if (ciId != null) {
            var tags = inventory.find(ciId).map(CiSummary::tags).orElse(List.of());
            coverage = new DowntimeRepository.Coverage(ciId, tags, inventory.parents(ciId));
        }
        var stage = wanted == null ? null : DowntimeRepository.Stage.of(wanted);
        var found = stage == DowntimeRepository.Stage.LIVE ? live(coverage, wanted, now, page)
                : downtimes.search(coverage, stage, now, page);
        var names = names(found.items());
        return found.map(d -> view(d, now, names));
    }

    /**
     * The active or the upcoming ones: whether a weekly downtime holds now is worked out here, so
     * these (few: not over, not cancelled) are sorted and paged here.
     */
    private Page<Downtime> live(DowntimeRepository.Coverage coverage, DowntimeStatus wanted, Instant now,
            PageRequest page) {
        Comparator<Downtime> order = wanted == DowntimeStatus.ACTIVE
                ? Comparator.comparing(d -> d.schedule().at(now).orElseThrow().end())
                : Comparator.comparing(d -> d.schedule().next(now).orElseThrow().start());
        var matching = downtimes.findAll(coverage, DowntimeRepository.Stage.LIVE, now).stream()
                .filter(d -> d.status(now) == wanted).sorted(order.thenComparing(Downtime::id)).toList();
        var from = (int) Math.min(matching.size(), page.offset());
        return page.toPage(matching.subList(from, Math.min(matching.size(), from + page.size())), matching.size());
    }

    private Downtime find(UUID id) {
        return downtimes.findById(id).orElseThrow(() -> new NotFoundException("Downtime", id));
    }

    private record Valid(Scope scope, String comment, Schedule schedule) {
    }

    private Valid validate(DowntimeInput input, Instant now) {
        var v = new Violations();
        var comment = v.required("comment", input.comment(), MAX_COMMENT);
        var scope = scope(input, v);
        var schedule = input.recurrence() == null ? once(input, now, v) : weekly(input, now, v);
        v.throwIfAny("Invalid downtime");
        return new Valid(scope, comment, schedule);
    }

    private Scope scope(DowntimeInput input, Violations v) {
        var ciGiven = input.ci() != null && !input.ci().isBlank();
        var checkGiven = input.check() != null && !input.check().isBlank();
        var withDependents = Boolean.TRUE.equals(input.withDependents());
        var tag = v.optional("tag", input.tag(), MAX_TAG);
        if (tag != null) {
            if (ciGiven) {
                v.add("tag", "give either a CI or a tag, not both");
                return null;
            }
            if (checkGiven) {
                v.add("check", "a check belongs to one CI: leave out the tag");
                return null;
            }
            if (withDependents) {
                v.add("withDependents", "applies to a CI, not to a tag");
            }
            var key = tag.toLowerCase(Locale.ROOT);
            if (key.length() <= MAX_TAG && inventory.taggedWith(key).isEmpty()) {
                v.add("tag", "no configuration item carries the tag '%s'".formatted(key));
            }
            return new Scope.Tagged(key);
        }
        var ciId = v.optionalId("ci", input.ci(), "must be a CI id");
        if (checkGiven) {
            var checkId = v.optionalId("check", input.check(), "must be a check id");
            if (checkId == null) {
                return null;
            }
            var check = checks.findById(checkId).orElse(null);
            if (check == null) {
                v.add("check", "no check with id " + checkId);
                return null;
            }
            if (ciId != null && !ciId.equals(check.ciId())) {
                v.add("ci", "check %s belongs to another CI (%s); leave out the CI or name that one".formatted(
                        check.name(), check.ciId()));
            }
            if (withDependents) {
                v.add("withDependents", "applies to a whole CI: leave out the check");
            }
            return new Scope.OneCheck(check.ciId(), checkId);
        }
        if (!ciGiven) {
            v.add("ci", "is required: the id of the CI to cover (or give a check, or a tag instead)");
            return null;
        }
        if (ciId != null && inventory.find(ciId).isEmpty()) {
            v.add("ci", "no configuration item with id " + ciId);
        }
        return ciId == null ? null : new Scope.WholeCi(ciId, withDependents);
    }

    private static Schedule once(DowntimeInput input, Instant now, Violations v) {
        var start = instant(v, "start", input.start(), true);
        var end = instant(v, "end", input.end(), true);
        if (start == null || end == null) {
            return null;
        }
        if (!end.isAfter(start)) {
            v.add("end", "must be after the start");
        } else if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            v.add("end", "must be at most 31 days after the start");
        } else if (!end.isAfter(now)) {
            v.add("end", "must be in the future");
        } else {
            // A start in the past means now: a downtime covers nothing before it was made.
            return new Schedule.Once(new Window(start.isBefore(now) ? now : start, end));
        }
        return null;
    }

    private static Schedule weekly(DowntimeInput input, Instant now, Violations v) {
        if (input.start() != null && !input.start().isBlank()) {
            v.add("start", "leave out with a recurrence: a weekly downtime begins when it is made");
        }
        if (input.end() != null && !input.end().isBlank()) {
            v.add("end", "leave out with a recurrence: use recurrence.until to end the series");
        }
        var r = input.recurrence();
        var days = days(r.days(), v);
        LocalTime startTime = null;
        if (r.startTime() == null || r.startTime().isBlank()) {
            v.add("recurrence.startTime", "is required: the local time each window begins, such as 02:00");
        } else {
            try {
                startTime = LocalTime.parse(r.startTime().strip());
            } catch (DateTimeParseException e) {
                v.add("recurrence.startTime", "must be a time of day such as 02:00");
            }
        }
        Duration duration = null;
        var maxMinutes = MAX_DURATION.toMinutes();
        if (r.durationMinutes() == null) {
            v.add("recurrence.durationMinutes", "is required: how long each window lasts");
        } else if (r.durationMinutes() < 1 || r.durationMinutes() > maxMinutes) {
            v.add("recurrence.durationMinutes", "must be from 1 to %d minutes (31 days)".formatted(maxMinutes));
        } else {
            duration = Duration.ofMinutes(r.durationMinutes());
            var gap = shortestGap(days);
            if (gap != null && duration.compareTo(gap) > 0) {
                v.add("recurrence.durationMinutes", ("must not be longer than the %d hours between two of its days,"
                        + " or its windows would overlap").formatted(gap.toHours()));
                duration = null;
            }
        }
        ZoneId zone = null;
        if (r.timeZone() == null || r.timeZone().isBlank()) {
            v.add("recurrence.timeZone", "is required: a region such as Europe/Berlin, whose clock the start time is on");
        } else {
            try {
                zone = ZoneId.of(r.timeZone().strip());
            } catch (DateTimeException e) {
                v.add("recurrence.timeZone", "unknown time zone '%s': use a region such as Europe/Berlin"
                        .formatted(r.timeZone().strip()));
            }
        }
        var until = instant(v, "recurrence.until", r.until(), false);
        if (until != null && !until.isAfter(now)) {
            v.add("recurrence.until", "must be in the future");
            return null;
        }
        if (days == null || startTime == null || duration == null || zone == null) {
            return null;
        }
        var schedule = new Schedule.Weekly(days, startTime, duration, zone, now, until);
        if (until != null && schedule.windows(now, until).isEmpty()) {
            v.add("recurrence.until", "no window of this schedule falls before it");
            return null;
        }
        return schedule;
    }

    private static Set<DayOfWeek> days(List<String> given, Violations v) {
        if (given == null || given.isEmpty()) {
            v.add("recurrence.days", "is required: the days of the week, such as [\"sunday\"]");
            return null;
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var text : given) {
            var day = text == null ? null : day(text.strip().toUpperCase(Locale.ROOT));
            if (day == null) {
                v.add("recurrence.days", "'%s' is not a day of the week: use monday to sunday, or mon to sun"
                        .formatted(text));
                return null;
            }
            days.add(day);
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        for (var day : DayOfWeek.values()) {
            if (day.name().equals(text) || text.length() == 3 && day.name().startsWith(text)) {
                return day;
            }
        }
        return null;
    }

    /** The fewest days between two chosen days of the week, as hours; a single day repeats after seven. */
    private static Duration shortestGap(Set<DayOfWeek> days) {
        if (days == null) {
            return null;
        }
        var ordered = days.stream().map(DayOfWeek::getValue).sorted().toList();
        int fewest = 7;
        for (int i = 0; i < ordered.size(); i++) {
            var next = i + 1 < ordered.size() ? ordered.get(i + 1) : ordered.getFirst() + 7;
            fewest = Math.min(fewest, next - ordered.get(i));
        }
        return Duration.ofDays(fewest);
    }

    private static Instant instant(Violations v, String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                v.add(field, "is required: a date and time with an offset, such as 2026-03-29T02:00:00+02:00");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            v.add(field, "must be a date and time with an offset, such as 2026-03-29T02:00:00+02:00");
            return null;
        }
    }

    /** The names of the CIs and checks these downtimes are on, for showing them. */
    private record Names(Map<UUID, CiSummary> cis, Map<UUID, CheckDefinition> checks) {
    }

    private Names names(List<Downtime> list) {
        var ciIds = list.stream().map(Downtime::scope).map(s -> switch (s) {
            case Scope.WholeCi ci -> ci.ciId();
            case Scope.OneCheck check -> check.ciId();
            case Scope.Tagged tagged -> null;
        }).filter(Objects::nonNull).collect(Collectors.toSet());
        var checkDefinitions = new HashMap<UUID, CheckDefinition>();
        for (var downtime : list) {
            if (downtime.scope() instanceof Scope.OneCheck check) {
                checks.findById(check.checkId()).ifPresent(c -> checkDefinitions.put(c.id(), c));
            }
        }
        return new Names(ciIds.isEmpty() ? Map.of() : inventory.findAll(ciIds), checkDefinitions);
    }

    private static DowntimeView view(Downtime d, Instant now, Names names) {
        var scope = switch (d.scope()) {
            case Scope.WholeCi ci -> new DowntimeView.ScopeView(ci.ciId(), ciName(names, ci.ciId()), null, null, null,
                    ci.withDependents());
            case Scope.OneCheck check -> {
                var definition = names.checks().get(check.checkId());
                yield new DowntimeView.ScopeView(check.ciId(), ciName(names, check.ciId()), check.checkId(),
                        definition == null ? null : definition.name(), null, false);
            }
            case Scope.Tagged tagged -> new DowntimeView.ScopeView(null, null, null, null, tagged.tag(), false);
        };
        var status = d.status(now);
        var live = status == DowntimeStatus.ACTIVE || status == DowntimeStatus.UPCOMING;
        var current = live ? d.schedule().at(now).orElse(null) : null;
        var next = live ? d.schedule().next(now).orElse(null) : null;
        return switch (d.schedule()) {
            case Schedule.Once once -> new DowntimeView(d.id(), scope, d.author(), d.comment(), once.window().start(),
                    once.window().end(), null, status, current, next, d.createdAt(), d.cancelledAt(), d.cancelledBy());
            case Schedule.Weekly weekly -> new DowntimeView(d.id(), scope, d.author(), d.comment(),
                    weekly.seriesStart(), weekly.until(), new DowntimeView.RecurrenceView(
                            weekly.days().stream().sorted().map(day -> day.name().toLowerCase(Locale.ROOT)).toList(),
                            weekly.startTime(), weekly.duration().toMinutes(), weekly.zone().getId()),
                    status, current, next, d.createdAt(), d.cancelledAt(), d.cancelledBy());
        };
    }

    private static String ciName(Names names, UUID ciId) {
        var ci = names.cis().get(ciId);
        return ci == null ? null : ci.name();
    }

    private static String describe(DowntimeView.ScopeView scope) {
        var ci = scope.ciName() == null ? String.valueOf(scope.ciId()) : scope.ciName();
        if (scope.tag() != null) {
            return "CIs tagged '%s'".formatted(scope.tag());
        }
        if (scope.checkId() != null) {
            return "check %s on %s".formatted(scope.checkName(), ci);
        }
        return scope.withDependents() ? ci + " and what runs on or connects to it" : ci;
    }

    private static String describe(Schedule schedule) {
        return switch (schedule) {
            case Schedule.Once once -> "from %s to %s".formatted(once.window().start(), once.window().end());
            case Schedule.Weekly weekly -> "every %s at %s %s for %d min%s".formatted(
                    weekly.days().stream().sorted().map(d -> d.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")),
                    weekly.startTime(), weekly.zone().getId(), weekly.duration().toMinutes(),
                    weekly.until() == null ? "" : " until " + weekly.until());
        };
    }
}
