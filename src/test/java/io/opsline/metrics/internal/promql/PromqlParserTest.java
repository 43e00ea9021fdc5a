package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsline.metrics.Matcher;
import io.opsline.metrics.internal.promql.Expr.Aggregation;
import io.opsline.metrics.internal.promql.Expr.Aggregator;
import io.opsline.metrics.internal.promql.Expr.Binary;
import io.opsline.metrics.internal.promql.Expr.BinaryOperator;
import io.opsline.metrics.internal.promql.Expr.Call;
import io.opsline.metrics.internal.promql.Expr.MatrixSelector;
import io.opsline.metrics.internal.promql.Expr.Negation;
import io.opsline.metrics.internal.promql.Expr.NumberLiteral;
import io.opsline.metrics.internal.promql.Expr.StringLiteral;
import io.opsline.metrics.internal.promql.Expr.VectorMatching;
import io.opsline.metrics.internal.promql.Expr.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromqlParserTest {

    @Test
    void readsASelectorWithEveryKindOfMatcher() {
        var expr = PromqlParser.parse("http_requests_total{a=\"b\", c!=\"d\", e=~\"f.*\", g!~'h',}");

        assertThat(expr).isInstanceOf(VectorSelector.class);
        assertThat(((VectorSelector) expr).matchers()).extracting(Matcher::toString).containsExactly(
                "__name__=\"http_requests_total\"", "a=\"b\"", "c!=\"d\"", "e=~\"f.*\"", "g!~\"h\"");
    }

    @Test
    void readsASelectorWithoutAMetricName() {
        var expr = (VectorSelector) PromqlParser.parse("{__name__=~\"http_.*\", job=\"api\"}");

        assertThat(expr.matchers()).extracting(Matcher::name).containsExactly("__name__", "job");
    }

    @Test
    void readsRangesInCombinedDurations() {
        assertThat(((MatrixSelector) PromqlParser.parse("x[1h30m]")).rangeMs()).isEqualTo(5_400_000);
        assertThat(((MatrixSelector) PromqlParser.parse("x[1d2h]")).rangeMs()).isEqualTo(93_600_000);
        assertThat(((MatrixSelector) PromqlParser.parse("x[500ms]")).rangeMs()).isEqualTo(500);
        assertThat(((MatrixSelector) PromqlParser.parse("x[2w]")).rangeMs()).isEqualTo(1_209_600_000);
    }

    @Test
    void bindsOperatorsAsPrometheusDoes() {
        var sum = (Binary) PromqlParser.parse("1 + 2 * 3");
        assertThat(sum.operator()).isEqualTo(BinaryOperator.ADD);
        assertThat(((Binary) sum.rhs()).operator()).isEqualTo(BinaryOperator.MUL);

        var power = (Binary) PromqlParser.parse("2 ^ 3 ^ 2");
        assertThat(power.lhs()).isEqualTo(new NumberLiteral(2));
        assertThat(power.rhs()).isInstanceOf(Binary.class);

        var difference = (Binary) PromqlParser.parse("5 - 3 - 1");
        assertThat(difference.lhs()).isInstanceOf(Binary.class);
        assertThat(difference.rhs()).isEqualTo(new NumberLiteral(1));

        var negatedPower = PromqlParser.parse("-2 ^ 2");
        assertThat(negatedPower).isInstanceOf(Negation.class);

        var either = (Binary) PromqlParser.parse("a > 1 and b or c unless d");
        assertThat(either.operator()).isEqualTo(BinaryOperator.OR);
        assertThat(((Binary) either.lhs()).operator()).isEqualTo(BinaryOperator.AND);
        assertThat(((Binary) either.rhs()).operator()).isEqualTo(BinaryOperator.UNLESS);
    }

    @Test
    void readsAggregationsWithGroupingBeforeOrAfterTheArguments() {
        var before = (Aggregation) PromqlParser.parse("sum by (job, instance) (rate(x[5m]))");
        var after = (Aggregation) PromqlParser.parse("sum(rate(x[5m])) by (job, instance)");
        var without = (Aggregation) PromqlParser.parse("AVG WITHOUT (instance) (x)");
        var top = (Aggregation) PromqlParser.parse("topk(3, x)");

        assertThat(before).isEqualTo(after);
        assertThat(before.grouping()).containsExactly("job", "instance");
        assertThat(without.aggregator()).isEqualTo(Aggregator.AVG);
        assertThat(without.without()).isTrue();
        assertThat(top.parameter()).isEqualTo(new NumberLiteral(3));
    }

    @Test
    void readsVectorMatchingAndBool() {
        var expr = (Binary) PromqlParser.parse("a > bool on(job) b");

        assertThat(expr.returnBool()).isTrue();
        assertThat(expr.matching()).isEqualTo(new VectorMatching(true, List.of("job")));
        assertThat(((Binary) PromqlParser.parse("a / ignoring(code) b")).matching())
                .isEqualTo(new VectorMatching(false, List.of("code")));
        assertThat(((Binary) PromqlParser.parse("a / 2")).matching()).isNull();
    }

    @Test
    void readsNumbersAsPrometheusDoes() {
        assertThat(number("0x1f")).isEqualTo(31);
        assertThat(number("017")).isEqualTo(15);
        assertThat(number("08")).isEqualTo(8);
        assertThat(number("1e3")).isEqualTo(1000);
        assertThat(number(".5")).isEqualTo(0.5);
        assertThat(number("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(number("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(number("NaN")).isNaN();
    }

    @Test
    void readsStringsWithGoEscapes() {
        assertThat(string("\"a\\\"b\\n\\u00e9\\x41\\101\"")).isEqualTo("a\"b\né" + "AA");
        assertThat(string("'it\\'s'")).isEqualTo("it's");
        assertThat(string("`raw\\n`")).isEqualTo("raw\\n");
    }

    @Test
    void readsCallsOfEverySupportedFunction() {
        assertThat(((Call) PromqlParser.parse("round(x, 0.5)")).arguments()).hasSize(2);
        assertThat(((Call) PromqlParser.parse("round(x)")).arguments()).hasSize(1);
        assertThat(PromqlParser.parse("time()").type()).isEqualTo(Expr.ValueType.SCALAR);
        assertThat(PromqlParser.parse("vector(1)").type()).isEqualTo(Expr.ValueType.VECTOR);
        for (var function : PromqlFunction.values()) {
            var argument = switch (function.argumentTypes().isEmpty() ? Expr.ValueType.SCALAR : function.argumentTypes().get(0)) {
                case MATRIX -> "x[5m]";
                case VECTOR -> function.argumentTypes().size() > 1 ? "x, 1" : "x";
                case SCALAR -> function.argumentTypes().isEmpty() ? "" : "1";
                case STRING -> "\"s\"";
            };
            assertThat(PromqlParser.parse(function.text() + "(" + argument + ")")).isInstanceOf(Call.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            rate(x[5m])[30m:1m]                 | 1:1: unsupported: subquery "rate(x[5m])[30m:1m]"
            x[5m:]                              | 1:1: unsupported: subquery "x[5m:]"
            x offset 5m                         | 1:3: unsupported: offset modifier "offset 5m"
            x @ 1609746000                      | 1:3: unsupported: @ modifier "@ 1609746000"
            a * on(job) group_left(code) b      | 1:13: unsupported: many-to-one matching "group_left"
            a * ignoring(x) group_right b       | 1:17: unsupported: many-to-one matching "group_right"
            histogram_quantile(0.9, x)          | 1:1: unsupported: function "histogram_quantile"
            label_replace(x, "a", "b", "c", "d") | 1:1: unsupported: function "label_replace"
            stddev(x)                           | 1:1: unsupported: aggregation "stddev"
            quantile(0.5, x)                    | 1:1: unsupported: aggregation "quantile"
            a atan2 b                           | 1:3: unsupported: binary operator "atan2"
            """)
    void namesEachUnsupportedPartAndWhereItIs(String query, String message) {
        assertThatThrownBy(() -> PromqlParser.parse(query))
                .isInstanceOf(PromqlException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((PromqlException) e).errorType()).isEqualTo(PromqlException.ErrorType.BAD_DATA));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            sum(rate(x[5m])                     | 1:16: parse error: unexpected end of input
            foo{a="b"                           | 1:10: parse error: unexpected end of input in label matching
            1 +                                 | 1:4: parse error: unexpected end of input
            foo{a~"b"}                          | 1:6: parse error: unexpected character: '~'
            foo bar                             | 1:5: parse error: unexpected identifier "bar"
            ~~                                  | 1:1: parse error: no expression found in input
            foo{a="b}                           | 1:7: parse error: unterminated quoted string
            x[5]                                | 1:3: parse error: unexpected number "5" in range
            x[5x]                               | 1:3: parse error: bad number or duration syntax
            (x)[5m]                             | 1:4: parse error: ranges only allowed for vector selectors
            rate(x)                             | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
            rate(x[5m], 1)                      | 1:1: parse error: expected 1 argument(s) in call to "rate", got 2
            round(x, 1, 2)                      | 1:1: parse error: expected at most 2 argument(s) in call to "round", got 3
            clamp_min(x)                        | 1:1: parse error: expected 2 argument(s) in call to "clamp_min", got 1
            nofunc(x)                           | 1:1: parse error: unknown function with name "nofunc"
            sum(x[5m])                          | 1:5: parse error: expected type instant vector in aggregation expression, got range vector
            topk(x, y)                          | 1:6: parse error: expected type scalar in aggregation parameter, got instant vector
            {}                                  | 1:1: parse error: vector selector must contain at least one non-empty matcher
            {a=""}                              | 1:1: parse error: vector selector must contain at least one non-empty matcher
            {a=~".*"}                           | 1:1: parse error: vector selector must contain at least one non-empty matcher
            foo{__name__="bar"}                 | 1:1: parse error: metric name must not be set twice: "foo" or "bar"
            1 > 2                               | 1:3: parse error: comparisons between scalars must use BOOL modifier
            x + bool 1                          | 1:3: parse error: bool modifier can only be used on comparison operators
            1 and x                             | 1:3: parse error: set operator "and" not allowed in binary scalar expression
            x + on(a) 1                         | 1:3: parse error: vector matching only allowed between instant vectors
            x[5m] + 1                           | 1:7: parse error: binary expression must contain only scalar and instant vector types
            -x[5m]                              | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"
            x{a=~"("}                           | 1:6: parse error: invalid regular expression (
            x{a="\\q"}                          | 1:6: parse error: invalid escape sequence
            sum by (job (x)                     | 1:13: parse error: unexpected "(" in grouping opts
            """)
    void givesEachSyntaxErrorItsPosition(String query, String message) {
        assertThatThrownBy(() -> PromqlParser.parse(query)).isInstanceOf(PromqlException.class).hasMessageStartingWith(message);
    }

    @Test
    void countsLinesAndColumnsInMultiLineQueries() {
        assertThatThrownBy(() -> PromqlParser.parse("sum(\n  rate(x[5m])\n  foo)"))
                .hasMessageStartingWith("3:3: parse error: unexpected identifier \"foo\"");
    }

    private static double number(String text) {
        return ((NumberLiteral) PromqlParser.parse(text)).value();
    }

    private static String string(String text) {
        return ((StringLiteral) PromqlParser.parse(text)).value();
    }
}
