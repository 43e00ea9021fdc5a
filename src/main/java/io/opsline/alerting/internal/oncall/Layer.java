package io.opsline.alerting.internal.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One rotation of a schedule. Handoffs follow the schedule's wall clock: a 09:00 daily handoff in
 * Europe/Berlin is at 09:00 local time on both sides of a DST change, so the shift spanning the
 * change lasts 23 or 25 hours. The first participant's shift runs from {@code start} to the first
 * handoff after it; custom rotations hand over every {@code shiftHours} hours of wall-clock time
 * counted from {@code start}. A handoff falling into a spring-forward gap happens when the gap ends.
 *
 * @param start local date-time in the schedule's zone when the rotation begins
 * @param end   local date-time when it stops, or null for never
 */
public record Layer(String name, List<UUID> participants, Rotation rotation, Integer shiftHours,
        LocalTime handoffTime, DayOfWeek handoffDay, LocalDateTime start, LocalDateTime end) {

    public Layer {
        participants = List.copyOf(participants);
    }

    /** The turns of this layer that overlap {@code [from, to)}, clipped to it, in time order. */
    List<Turn> turns(ZoneId zone, Instant from, Instant to) {
        var until = end == null ? to : earlier(to, end.atZone(zone).toInstant());
        var turns = new ArrayList<Turn>();
        if (!until.isAfter(from) || participants.isEmpty()) {
            return turns;
        }
        for (long k = indexAt(zone, from); ; k++) {
            var turnStart = boundary(zone, k);
            if (!turnStart.isBefore(until)) {
                return turns;
            }
            var clippedStart = later(turnStart, from);
            var clippedEnd = earlier(boundary(zone, k + 1), until);
            // A turn that falls wholly into a spring-forward gap has no time at all.
            if (clippedEnd.isAfter(clippedStart)) {
                turns.add(new Turn(participants.get((int) (k % participants.size())), clippedStart, clippedEnd, name));
            }
        }
    }

    /** The index of the turn running at {@code at}; 0 before the start. */
    private long indexAt(ZoneId zone, Instant at) {
        var nominal = nominalLength();
        var anchor = rotation == Rotation.CUSTOM ? 0 : 1;
        var anchorAt = boundary(zone, anchor);
        if (at.isBefore(anchorAt)) {
            return 0;
        }
        // Estimate from nominal lengths, then step over the few hours DST changes add or take.
        var k = anchor + Duration.between(anchorAt, at).toSeconds() / nominal.toSeconds();
        while (k > 0 && boundary(zone, k).isAfter(at)) {
            k--;
        }
        while (!boundary(zone, k + 1).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** Where turn {@code k} begins: the start for the first, then every handoff. */
    private Instant boundary(ZoneId zone, long k) {
        return localBoundary(k).atZone(zone).toInstant();
    }

    private LocalDateTime localBoundary(long k) {
        if (k == 0) {
            return start;
        }
        return switch (rotation) {
            case DAILY -> firstHandoff().plusDays(k - 1);
            case WEEKLY -> firstHandoff().plusWeeks(k - 1);
            case CUSTOM -> start.plusHours(k * shiftHours);
        };
    }

    private LocalDateTime firstHandoff() {
        var date = rotation == Rotation.WEEKLY
                ? start.toLocalDate().with(TemporalAdjusters.nextOrSame(handoffDay))
                : start.toLocalDate();
        var handoff = date.atTime(handoffTime);
        if (handoff.isAfter(start)) {
            return handoff;
        }
        return rotation == Rotation.WEEKLY ? handoff.plusWeeks(1) : handoff.plusDays(1);
    }

    private Duration nominalLength() {
        return switch (rotation) {
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
            case CUSTOM -> Duration.ofHours(shiftHours);
        };
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
