package io.opsline.monitoring.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.engine.CheckStates;
import io.opsline.monitoring.internal.engine.EngineStats;
import io.opsline.monitoring.internal.engine.PassiveResultInput;
import io.opsline.monitoring.internal.engine.PassiveResults;
import io.opsline.monitoring.internal.engine.StateView;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.platform.InvalidInputException;

/** Where checks stand, what happened to them, results sent in for passive checks, and how the engine keeps up. */
@RestController
class StateApi {

    private static final int MAX_HISTORY = 1000;

    private final CheckStates states;
    private final PassiveResults passive;
    private final EngineStats stats;

    StateApi(CheckStates states, PassiveResults passive, EngineStats stats) {
        this.states = states;
        this.passive = passive;
        this.stats = stats;
    }

    @GetMapping("/api/v1/checks/{id}/state")
    @RequiresRole(Role.VIEWER)
    StateView state(@PathVariable UUID id) {
        return states.get(id);
    }

    /** Every check with a problem, confirmed ones first, then the worst, then the longest-standing. */
    @GetMapping("/api/v1/problems")
    @RequiresRole(Role.VIEWER)
    List<StateView> problems() {
        return states.problems();
    }

    @GetMapping("/api/v1/checks/{id}/history")
    @RequiresRole(Role.VIEWER)
    List<HistoryEntry> history(@PathVariable UUID id, @RequestParam(required = false) Integer limit) {
        var count = limit == null ? 100 : limit;
        if (count < 1 || count > MAX_HISTORY) {
            throw InvalidInputException.of("limit", "must be from 1 to " + MAX_HISTORY);
        }
        return states.history(id, count);
    }

    /** A result for a passive check, from whatever watches the thing (a script, a remote collector). */
    @PostMapping("/api/v1/checks/{id}/results")
    @RequiresRole(Role.OPERATOR)
    StateView submit(@PathVariable UUID id, @RequestBody PassiveResultInput input) {
        passive.submit(id, input);
        return states.get(id);
    }

    /** How many checks this node starts per second and how late, over the last minute. */
    @GetMapping("/api/v1/monitoring/engine")
    @RequiresRole(Role.VIEWER)
    EngineStats.Window engine(@RequestParam(required = false) Integer seconds) {
        var span = seconds == null ? 10 : seconds;
        if (span < 1 || span > 59) {
            throw InvalidInputException.of("seconds", "must be from 1 to 59");
        }
        return stats.window(span);
    }
}
