package io.opsline.metrics.internal.promql;

/** One lexical unit of a query, with its text and where it starts and ends (character offsets). */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        IDENTIFIER, NUMBER, STRING, DURATION,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
        COMMA, COLON, AT, ASSIGN, EQL, NEQ, REGEX_MATCH, REGEX_NO_MATCH,
        ADD, SUB, MUL, DIV, MOD, POW, GTR, LSS, GTE, LTE, END
    }

    /** How Prometheus names the token in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case END -> "end of input";
            case IDENTIFIER -> "identifier \"" + text + "\"";
            case NUMBER -> "number \"" + text + "\"";
            case STRING -> "string " + text;
            case DURATION -> "duration \"" + text + "\"";
            default -> "\"" + text + "\"";
        };
    }
}
