package io.opsline.metrics.internal.promql;

import io.opsline.metrics.internal.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a query into tokens as Prometheus' lexer does; a character it cannot place is a parse error at its position. */
final class Lexer {

    private final String query;
    private int position;
    /** Inside brackets a colon separates a subquery's range from its step; elsewhere it may start a metric name. */
    private int bracketDepth;

    private Lexer(String query) {
        this.query = query;
    }

    static List<Token> tokens(String query) {
        var lexer = new Lexer(query);
        var tokens = new ArrayList<Token>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.END);
        return tokens;
    }

    private Token next() {
        skipSpaceAndComments();
        var start = position;
        if (position >= query.length()) {
            return new Token(Kind.END, "", start, start);
        }
        var c = query.charAt(position);
        if (isIdentifierStart(c) && !(c == ':' && bracketDepth > 0)) {
            while (position < query.length() && isIdentifierPart(query.charAt(position))) {
                position++;
            }
            return token(Kind.IDENTIFIER, start);
        }
        if (isDigit(c) || (c == '.' && position + 1 < query.length() && isDigit(query.charAt(position + 1)))) {
            return numberOrDuration(start);
        }
        if (c == '"' || c == '\'' || c == '`') {
            return string(c, start);
        }
        position++;
        return switch (c) {
            case '(' -> token(Kind.LEFT_PAREN, start);
            case ')' -> token(Kind.RIGHT_PAREN, start);
            case '{' -> token(Kind.LEFT_BRACE, start);
            case '}' -> token(Kind.RIGHT_BRACE, start);
            case '[' -> {
                bracketDepth++;
                yield token(Kind.LEFT_BRACKET, start);
            }
            case ']' -> {
                bracketDepth = Math.max(0, bracketDepth - 1);
                yield token(Kind.RIGHT_BRACKET, start);
            }
            case ',' -> token(Kind.COMMA, start);
            case ':' -> token(Kind.COLON, start);
            case '@' -> token(Kind.AT, start);
            case '+' -> token(Kind.ADD, start);
            case '-' -> token(Kind.SUB, start);
            case '*' -> token(Kind.MUL, start);
            case '/' -> token(Kind.DIV, start);
            case '%' -> token(Kind.MOD, start);
            case '^' -> token(Kind.POW, start);
            case '=' -> accept('=') ? token(Kind.EQL, start) : accept('~') ? token(Kind.REGEX_MATCH, start) : token(Kind.ASSIGN, start);
            case '!' -> {
                if (accept('=')) {
                    yield token(Kind.NEQ, start);
                }
                if (accept('~')) {
                    yield token(Kind.REGEX_NO_MATCH, start);
                }
                throw PromqlException.parseError(query, start, "unexpected character after '!': " + describe(position));
            }
            case '>' -> accept('=') ? token(Kind.GTE, start) : token(Kind.GTR, start);
            case '<' -> accept('=') ? token(Kind.LTE, start) : token(Kind.LSS, start);
            default -> throw PromqlException.parseError(query, start, "unexpected character: '" + c + "'");
        };
    }

    private String describe(int offset) {
        return offset < query.length() ? "'" + query.charAt(offset) + "'" : "end of input";
    }

    private void skipSpaceAndComments() {
        while (position < query.length()) {
            var c = query.charAt(position);
            if (c == '#') {
                while (position < query.length() && query.charAt(position) != '\n') {
                    position++;
                }
            } else if (Character.isWhitespace(c)) {
                position++;
            } else {
                return;
            }
        }
    }

    private boolean accept(char expected) {
        if (position < query.length() && query.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, query.substring(start, position), start, position);
    }

    /** A number (decimal, hexadecimal, with exponent) or, when units follow digits, a duration like {@code 1h30m}. */
    private Token numberOrDuration(int start) {
        if (query.startsWith("0x", position) || query.startsWith("0X", position)) {
            position += 2;
            while (position < query.length() && Character.digit(query.charAt(position), 16) >= 0) {
                position++;
            }
            return endOfNumber(start);
        }
        while (position < query.length() && isDigit(query.charAt(position))) {
            position++;
        }
        if (position < query.length() && isDurationUnit(query.charAt(position))) {
            while (position < query.length() && (isDigit(query.charAt(position)) || isDurationUnit(query.charAt(position)))) {
                position++;
            }
            return endOfNumber(start, Kind.DURATION);
        }
        if (accept('.')) {
            while (position < query.length() && isDigit(query.charAt(position))) {
                position++;
            }
        }
        if (accept('e') || accept('E')) {
            if (!accept('+')) {
                accept('-');
            }
            while (position < query.length() && isDigit(query.charAt(position))) {
                position++;
            }
        }
        return endOfNumber(start);
    }

    private Token endOfNumber(int start) {
        return endOfNumber(start, Kind.NUMBER);
    }

    private Token endOfNumber(int start, Kind kind) {
        if (position < query.length() && isIdentifierPart(query.charAt(position)) && query.charAt(position) != ':') {
            throw PromqlException.parseError(query, start, "bad number or duration syntax: \"" + query.substring(start, position + 1) + "\"");
        }
        return token(kind, start);
    }

    private Token string(char quote, int start) {
        position++;
        while (position < query.length() && query.charAt(position) != quote) {
            if (query.charAt(position) == '\\' && quote != '`') {
                position++;
            }
            if (position < query.length() && query.charAt(position) == '\n' && quote != '`') {
                break;
            }
            position++;
        }
        if (position >= query.length() || query.charAt(position) != quote) {
            throw PromqlException.parseError(query, start, "unterminated quoted string " + query.substring(start, Math.min(position, query.length())));
        }
        position++;
        return token(Kind.STRING, start);
    }

    private static boolean isDurationUnit(char c) {
        return c == 'y' || c == 'w' || c == 'd' || c == 'h' || c == 'm' || c == 's';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
