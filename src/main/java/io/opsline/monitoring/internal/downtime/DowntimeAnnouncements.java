package io.opsline.monitoring.internal.downtime;

import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.opsline.monitoring.DowntimeEnded;
import io.opsline.monitoring.DowntimeStarted;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;

/**
 * Tells the rest of Opsline that a downtime window started or ended, and writes it into each
 * covered CI's history. Each start and end is claimed in the database first, so that of several
 * nodes (or threads) noticing it only one announces it. Runs in the caller's transaction: the
 * claim, the event publication and the history are kept or lost together.
 */
@Component
class DowntimeAnnouncements {

    private final DowntimeRepository downtimes;
    private final ScopeResolver scopes;
    private final HistoryRepository history;
    private final ApplicationEventPublisher events;

    DowntimeAnnouncements(DowntimeRepository downtimes, ScopeResolver scopes, HistoryRepository history,
            ApplicationEventPublisher events) {
        this.downtimes = downtimes;
        this.scopes = scopes;
        this.history = history;
        this.events = events;
    }

    /** Announces the window's start unless someone has; true if this call did. */
    boolean start(Downtime downtime, Window window) {
        var ciIds = scopes.cis(downtime.scope());
        if (!downtimes.claimStart(downtime.id(), window, ciIds)) {
            return false;
        }
        events.publishEvent(new DowntimeStarted(downtime.id(), ciIds, window.start(), window.end(), downtime.author(),
                downtime.comment()));
        history.appendAll(ciIds.stream().map(ciId -> HistoryEntry.byPerson(ciId, checkOf(downtime), window.start(),
                HistoryKind.DOWNTIME_STARTED, downtime.author(), downtime.comment())).toList());
        return true;
    }

    /**
     * Announces the end of a started window unless someone has; true if this call did.
     *
     * @param cancelledBy who cancelled the downtime, null when the window ran its course
     */
    boolean end(Downtime downtime, Occurrence occurrence, Instant endedAt, String cancelledBy) {
        var cancelled = cancelledBy != null;
        if (!downtimes.claimEnd(downtime.id(), occurrence.window().start(), endedAt, cancelled)) {
            return false;
        }
        events.publishEvent(new DowntimeEnded(downtime.id(), occurrence.ciIds(), endedAt, cancelled));
        var author = cancelled ? cancelledBy : downtime.author();
        var text = cancelled ? "Cancelled: " + downtime.comment() : downtime.comment();
        history.appendAll(occurrence.ciIds().stream().map(ciId -> HistoryEntry.byPerson(ciId, checkOf(downtime),
                endedAt, HistoryKind.DOWNTIME_ENDED, author, text)).toList());
        return true;
    }

    private static UUID checkOf(Downtime downtime) {
        return downtime.scope() instanceof Scope.OneCheck check ? check.checkId() : null;
    }
}
