package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.promql.PromqlException.ErrorType;
import io.opsline.metrics.internal.promql.QueryResult.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlJsonTest {

    @Test
    void writesAVectorAsThePrometheusApiDoes() {
        var vector = new QueryResult.Vector(1435781451781L, List.of(
                new Sample(Labels.of("__name__", "up", "job", "node"), 1),
                new Sample(Labels.of("job", "a\"b\\c\n"), 0.1)));

        assertThat(PromqlJson.success(vector)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"node\"},\"value\":[1435781451.781,\"1\"]},"
                + "{\"metric\":{\"job\":\"a\\\"b\\\\c\\n\"},\"value\":[1435781451.781,\"0.1\"]}]}}");
    }

    @Test
    void writesAMatrixWithSpecialValues() {
        var matrix = new QueryResult.Matrix(List.of(new SeriesData(Labels.of("job", "x"),
                new long[] {1000, 2500, 3050, 4000, 5000}, new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 1e21, 1.5e-7}, 5)));

        assertThat(PromqlJson.success(matrix)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"job\":\"x\"},\"values\":[[1,\"NaN\"],[2.500,\"+Inf\"],[3.050,\"-Inf\"],"
                + "[4,\"1000000000000000000000\"],[5,\"0.00000015\"]]}]}}");
    }

    @Test
    void writesScalarsAndStrings() {
        assertThat(PromqlJson.success(new QueryResult.Scalar(1000, -2.5)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"-2.5\"]}}");
        assertThat(PromqlJson.success(new QueryResult.Text(1001, "hi")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1.001,\"hi\"]}}");
        assertThat(PromqlJson.success(new QueryResult.Matrix(List.of())))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    }

    @Test
    void writesErrorsInThePrometheusShape() {
        var error = new PromqlException(ErrorType.BAD_DATA, "1:7: parse error: unexpected \"}\"");

        assertThat(PromqlJson.error(error))
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:7: parse error: unexpected \\\"}\\\"\"}");
    }

    @Test
    void writesNumbersAsGoFormatsThem() {
        assertThat(Formats.number(0.16666666666666669)).isEqualTo("0.16666666666666669");
        assertThat(Formats.number(-0.0)).isEqualTo("-0");
        assertThat(Formats.number(123456789012.0)).isEqualTo("123456789012");
        assertThat(Formats.number(1e-300)).startsWith("0.000").endsWith("1");
    }
}
