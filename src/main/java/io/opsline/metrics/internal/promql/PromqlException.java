package io.opsline.metrics.internal.promql;

/**
 * A query that cannot be answered: a syntax error or unsupported part (bad_data), a limit reached
 * during evaluation (execution) or a query that took too long (timeout), with the message the
 * Prometheus API puts in its {@code error} field.
 */
public class PromqlException extends RuntimeException {

    /** The Prometheus API's {@code errorType} values Opsline uses. */
    public enum ErrorType {
        BAD_DATA("bad_data"), EXECUTION("execution"), TIMEOUT("timeout");

        private final String text;

        ErrorType(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final ErrorType errorType;

    public PromqlException(ErrorType errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public ErrorType errorType() {
        return errorType;
    }

    /** A parse error at a character offset of the query, worded as Prometheus words them: {@code 1:7: parse error: ...}. */
    static PromqlException parseError(String query, int offset, String message) {
        return new PromqlException(ErrorType.BAD_DATA, position(query, offset) + ": parse error: " + message);
    }

    /** A part of PromQL that Opsline's subset leaves out, named with its text and position. */
    static PromqlException unsupported(String query, int offset, String what, String hint) {
        return new PromqlException(ErrorType.BAD_DATA, position(query, offset) + ": unsupported: " + what + " (" + hint + ")");
    }

    static PromqlException execution(String message) {
        return new PromqlException(ErrorType.EXECUTION, message);
    }

    private static String position(String query, int offset) {
        var line = 1;
        var lastLineBreak = -1;
        for (var i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
                lastLineBreak = i;
            }
        }
        return line + ":" + (offset - lastLineBreak);
    }
}
