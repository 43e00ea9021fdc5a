package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerfDataTest {

    @Test
    void readsEveryFieldOfTheGuidelinesFormat() {
        var parsed = PerfData.parse("time=0.001234s;1.000000;2.000000;0.000000;10.000000 size=312B;;;0");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.data()).hasSize(2);
        var time = parsed.data().getFirst();
        assertThat(time.label()).isEqualTo("time");
        assertThat(time.value()).isEqualTo(0.001234);
        assertThat(time.unit()).isEqualTo("s");
        assertThat(time.warn().alerts(1.5)).isTrue();
        assertThat(time.crit().alerts(1.5)).isFalse();
        assertThat(time.min()).isEqualTo(0.0);
        assertThat(time.max()).isEqualTo(10.0);
        var size = parsed.data().get(1);
        assertThat(size.unit()).isEqualTo("B");
        assertThat(size.warn()).isNull();
        assertThat(size.min()).isEqualTo(0.0);
        assertThat(size.max()).isNull();
    }

    @Test
    void readsQuotedLabelsWithSpacesAndDoubledQuotes() {
        var parsed = PerfData.parse("'/var/lib data'=42%;80;90 'it''s'=1c");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.data()).extracting(PerfDatum::label).containsExactly("/var/lib data", "it's");
        assertThat(parsed.data().get(1).unit()).isEqualTo("c");
    }

    @Test
    void readsAnUndeterminedValue() {
        var parsed = PerfData.parse("rta=U;;;");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.data().getFirst().value()).isNull();
    }

    @Test
    void readsTheFormsRealPluginsPrint() {
        // check_disk repeats the unit on min and max; check_load has no unit; check_ping uses ms.
        var parsed = PerfData.parse("/=2643MB;5948;6692;0;7435 load1=0.120;15.000;30.000;0; rta=0.052000ms;"
                + "3000.000000;5000.000000;0.000000 pl=0%;80;100;0");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.data()).extracting(PerfDatum::label).containsExactly("/", "load1", "rta", "pl");
        assertThat(parsed.data()).extracting(PerfDatum::value).containsExactly(2643.0, 0.12, 0.052, 0.0);
    }

    @Test
    void skipsMalformedItemsWithAReasonAndKeepsTheRest() {
        var parsed = PerfData.parse("good=1 noequals bad=abc worse=1;x:y =3 'open=2");
        assertThat(parsed.data()).extracting(PerfDatum::label).containsExactly("good");
        assertThat(parsed.problems()).hasSize(5);
        assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("noequals").contains("no '='"));
        assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("'abc' is not a number"));
        assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("not a valid range"));
        assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("'=3'").contains("no label"));
        assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("quote is not closed"));
    }

    @Test
    void readsScientificNotationAndSigns() {
        var parsed = PerfData.parse("a=4.5e2KB b=-3 c=+.5");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.data()).extracting(PerfDatum::value).containsExactly(450.0, -3.0, 0.5);
    }

    @Test
    void emptyOrBlankTextHasNothingAndNoProblem() {
        assertThat(PerfData.parse("  ").data()).isEmpty();
        assertThat(PerfData.parse(null).problems()).isEmpty();
    }
}
