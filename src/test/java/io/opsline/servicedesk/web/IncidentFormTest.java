package io.opsline.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IncidentFormTest {

    @Test
    void cisAreReadOnePerLineOrSeparatedByCommas() {
        var form = form("Disk full", "a1\n b2 ,c3,,\n\n", "high");

        assertThat(form.ciList()).containsExactly("a1", "b2", "c3");
        assertThat(form("Disk full", "  ", "high").ciList()).isEmpty();
        assertThat(form.toChange().cis()).containsExactly("a1", "b2", "c3");
    }

    @Test
    void anEmptiedFieldClearsWhatIsStoredInsteadOfKeepingIt() {
        var change = new IncidentForm(3L, "Disk full", null, null, null, "high", "low", null, null, null, null, null)
                .toChange();

        assertThat(change.caller()).isEmpty();
        assertThat(change.team()).isEmpty();
        assertThat(change.assignee()).isEmpty();
        assertThat(change.major()).isFalse();
        assertThat(change.version()).isEqualTo(3L);
    }

    @Test
    void eachBadCiIsShownBesideTheOneCiFieldNumberedByLine() {
        var errors = new LinkedHashMap<String, String>();
        errors.put("title", "is required");
        errors.put("cis[0]", "must be a configuration item id");
        errors.put("cis[2]", "no configuration item 42");

        assertThat(IncidentForm.shownErrors(errors)).containsExactly(
                Map.entry("title", "is required"),
                Map.entry("cis", "line 1: must be a configuration item id; line 3: no configuration item 42"));
    }

    @Test
    void aLostEditListsOnlyTheFieldsThatDifferFromWhatIsStored() {
        var mine = form("VPN is fine", "a1", "low");
        var stored = form("VPN drops hourly", "a1\n", "high");

        assertThat(mine.differencesFrom(stored)).containsExactly(Map.entry("Title", "VPN is fine"),
                Map.entry("Urgency", "low"));
        assertThat(stored.differencesFrom(stored)).isEmpty();
    }

    @Test
    void anIncidentsAgeIsCoarseButTellsFreshFromStale() {
        var now = Instant.parse("2026-03-29T12:00:00Z");

        assertThat(IncidentRow.age(now.minusSeconds(20), now)).isEqualTo("< 1 min");
        assertThat(IncidentRow.age(now.plusSeconds(20), now)).isEqualTo("< 1 min");
        assertThat(IncidentRow.age(now.minus(Duration.ofMinutes(42)), now)).isEqualTo("42 min");
        assertThat(IncidentRow.age(now.minus(Duration.ofMinutes(200)), now)).isEqualTo("3 h 20 min");
        assertThat(IncidentRow.age(now.minus(Duration.ofHours(53)), now)).isEqualTo("2 d 5 h");
    }

    private static IncidentForm form(String title, String cis, String urgency) {
        return new IncidentForm(1L, title, null, null, null, "medium", urgency, null, null, cis, false, null);
    }
}
