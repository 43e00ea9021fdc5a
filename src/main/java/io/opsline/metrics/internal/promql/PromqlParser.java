package io.opsline.metrics.internal.promql;

import io.opsline.metrics.Labels;
import io.opsline.metrics.Matcher;
import io.opsline.metrics.internal.promql.Expr.Aggregation;
import io.opsline.metrics.internal.promql.Expr.Aggregator;
import io.opsline.metrics.internal.promql.Expr.Binary;
import io.opsline.metrics.internal.promql.Expr.BinaryOperator;
import io.opsline.metrics.internal.promql.Expr.Call;
import io.opsline.metrics.internal.promql.Expr.MatrixSelector;
import io.opsline.metrics.internal.promql.Expr.Negation;
import io.opsline.metrics.internal.promql.Expr.NumberLiteral;
import io.opsline.metrics.internal.promql.Expr.Parenthesis;
import io.opsline.metrics.internal.promql.Expr.StringLiteral;
import io.opsline.metrics.internal.promql.Expr.ValueType;
import io.opsline.metrics.internal.promql.Expr.VectorMatching;
import io.opsline.metrics.internal.promql.Expr.VectorSelector;
import io.opsline.metrics.internal.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the PromQL subset Opsline evaluates into an {@link Expr}, checking types as Prometheus does.
 * Syntax errors name their position as Prometheus does ({@code 1:7: parse error: ...}); the parts of
 * PromQL left out (offset, @, subqueries, group_left/right, other functions and aggregations) are
 * errors that name the part and where it is.
 */
public final class PromqlParser {

    private static final String SUBSET = "Opsline supports selectors, ranges, the functions " + PromqlFunction.supportedNames()
            + ", the aggregations sum, avg, min, max, count, topk, bottomk with by/without, arithmetic, comparisons"
            + " and and/or/unless with on/ignoring";
    private static final Set<String> UNSUPPORTED_AGGREGATORS = Set.of(
            "stddev", "stdvar", "count_values", "quantile", "group", "limitk", "limit_ratio");
    private static final Set<String> PROMETHEUS_FUNCTIONS = Set.of(
            "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "changes", "clamp",
            "cos", "cosh", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg", "deriv", "exp",
            "histogram_count", "histogram_sum", "histogram_fraction", "histogram_quantile", "holt_winters", "hour",
            "label_join", "label_replace", "ln", "log10", "log2", "minute", "month", "pi", "predict_linear",
            "present_over_time", "quantile_over_time", "rad", "resets", "sgn", "sin", "sinh", "sort", "sort_desc",
            "sqrt", "stddev_over_time", "stdvar_over_time", "tan", "tanh", "timestamp", "year");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
            "atan2");

    private final String query;
    private final List<Token> tokens;
    private int index;

    private PromqlParser(String query) {
        this.query = query;
        this.tokens = Lexer.tokens(query);
    }

    /** The expression of a query; a {@link PromqlException} of type bad_data when it is not valid or not supported. */
    public static Expr parse(String query) {
        var parser = new PromqlParser(query);
        if (parser.peek().kind() == Kind.END) {
            throw PromqlException.parseError(query, 0, "no expression found in input");
        }
        var expr = parser.expression(0);
        if (parser.peek().kind() != Kind.END) {
            throw parser.unexpected(parser.peek(), null);
        }
        return expr;
    }

    private Expr expression(int minPrecedence) {
        var lhs = unary();
        while (true) {
            var operatorToken = peek();
            var operator = binaryOperator(operatorToken);
            if (operator == null || operator.precedence() < minPrecedence) {
                return lhs;
            }
            index++;
            var returnBool = acceptKeyword("bool");
            VectorMatching matching = null;
            if (isKeyword(peek(), "on") || isKeyword(peek(), "ignoring")) {
                var on = isKeyword(next(), "on");
                matching = new VectorMatching(on, labelList());
            }
            if (isKeyword(peek(), "group_left") || isKeyword(peek(), "group_right")) {
                var group = peek();
                throw PromqlException.unsupported(query, group.start(), "many-to-one matching \"" + group.text()
                        + "\"", "Opsline matches vectors one-to-one with on/ignoring");
            }
            var rhs = expression(operator.isRightAssociative() ? operator.precedence() : operator.precedence() + 1);
            lhs = binary(operatorToken, operator, lhs, rhs, returnBool, matching);
        }
    }

    private Expr binary(Token at, BinaryOperator operator, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) {
        var lhsType = lhs.type();
        var rhsType = rhs.type();
        if (!isScalarOrVector(lhsType) || !isScalarOrVector(rhsType)) {
            throw PromqlException.parseError(query, at.start(), "binary expression must contain only scalar and instant vector types");
        }
        if (returnBool && !operator.isComparison()) {
            throw PromqlException.parseError(query, at.start(), "bool modifier can only be used on comparison operators");
        }
        var bothScalar = lhsType == ValueType.SCALAR && rhsType == ValueType.SCALAR;
        if (operator.isComparison() && bothScalar && !returnBool) {
            throw PromqlException.parseError(query, at.start(), "comparisons between scalars must use BOOL modifier");
        }
        if (operator.isSetOperator() && (lhsType == ValueType.SCALAR || rhsType == ValueType.SCALAR)) {
            throw PromqlException.parseError(query, at.start(),
                    "set operator \"" + operator.symbol() + "\" not allowed in binary scalar expression");
        }
        var bothVectors = lhsType == ValueType.VECTOR && rhsType == ValueType.VECTOR;
        if (matching != null && !bothVectors) {
            throw PromqlException.parseError(query, at.start(), "vector matching only allowed between instant vectors");
        }
        if (bothVectors && matching == null) {
            matching = new VectorMatching(false, List.of());
        }
        return new Binary(operator, lhs, rhs, returnBool, matching);
    }

    private static boolean isScalarOrVector(ValueType type) {
        return type == ValueType.SCALAR || type == ValueType.VECTOR;
    }

    private BinaryOperator binaryOperator(Token token) {
        return switch (token.kind()) {
            case ADD -> BinaryOperator.ADD;
            case SUB -> BinaryOperator.SUB;
            case MUL -> BinaryOperator.MUL;
            case DIV -> BinaryOperator.DIV;
            case MOD -> BinaryOperator.MOD;
            case POW -> BinaryOperator.POW;
            case EQL -> BinaryOperator.EQL;
            case NEQ -> BinaryOperator.NEQ;
            case GTR -> BinaryOperator.GTR;
            case LSS -> BinaryOperator.LSS;
            case GTE -> BinaryOperator.GTE;
            case LTE -> BinaryOperator.LTE;
            case IDENTIFIER -> switch (token.text().toLowerCase(Locale.ROOT)) {
                case "and" -> BinaryOperator.AND;
                case "or" -> BinaryOperator.OR;
                case "unless" -> BinaryOperator.UNLESS;
                case "atan2" -> throw PromqlException.unsupported(query, token.start(), "binary operator \"atan2\"",
                        "Opsline supports + - * / % ^, comparisons and and/or/unless");
                default -> null;
            };
            default -> null;
        };
    }

    /** A unary minus binds like multiplication in Prometheus: {@code -2^2} is -4, {@code -a * b} is (-a) * b. */
    private Expr unary() {
        var token = peek();
        if (token.kind() != Kind.SUB && token.kind() != Kind.ADD) {
            return postfix();
        }
        index++;
        var operand = expression(BinaryOperator.POW.precedence());
        if (!isScalarOrVector(operand.type())) {
            throw PromqlException.parseError(query, token.start(),
                    "unary expression only allowed on expressions of type scalar or instant vector, got \""
                            + operand.type().description() + "\"");
        }
        if (token.kind() == Kind.ADD) {
            return operand;
        }
        return operand instanceof NumberLiteral number ? new NumberLiteral(-number.value()) : new Negation(operand);
    }

    private Expr postfix() {
        var start = peek().start();
        var expr = primary();
        while (true) {
            var token = peek();
            if (token.kind() == Kind.LEFT_BRACKET) {
                expr = range(start, expr);
            } else if (isKeyword(token, "offset")) {
                var end = tokens.get(Math.min(index + 1, tokens.size() - 1)).end();
                throw PromqlException.unsupported(query, token.start(),
                        "offset modifier \"" + query.substring(token.start(), end) + "\"", "Opsline has no offset modifier");
            } else if (token.kind() == Kind.AT) {
                throw PromqlException.unsupported(query, token.start(), "@ modifier \"" + query.substring(token.start(),
                        tokens.get(Math.min(index + 1, tokens.size() - 1)).end()) + "\"", "Opsline has no @ modifier");
            } else {
                return expr;
            }
        }
    }

    private Expr range(int start, Expr expr) {
        var open = next();
        var duration = next();
        if (duration.kind() == Kind.COLON || peek().kind() == Kind.COLON) {
            while (peek().kind() != Kind.RIGHT_BRACKET && peek().kind() != Kind.END) {
                index++;
            }
            throw PromqlException.unsupported(query, start, "subquery \"" + query.substring(start, peek().end()) + "\"",
                    "Opsline has no subqueries; " + SUBSET);
        }
        if (duration.kind() != Kind.DURATION && !(duration.kind() == Kind.NUMBER && duration.text().equals("0"))) {
            throw unexpected(duration, "in range, expected a duration like 5m");
        }
        var close = next();
        if (close.kind() != Kind.RIGHT_BRACKET) {
            throw unexpected(close, "in range, expected \"]\"");
        }
        if (!(expr instanceof VectorSelector selector)) {
            throw PromqlException.parseError(query, open.start(), "ranges only allowed for vector selectors");
        }
        var rangeMs = Durations.parseMillis(duration.text());
        if (rangeMs < 0) {
            throw PromqlException.parseError(query, duration.start(), "bad duration syntax: \"" + duration.text() + "\"");
        }
        if (rangeMs == 0) {
            throw PromqlException.parseError(query, duration.start(), "duration must be greater than 0");
        }
        return new MatrixSelector(selector, rangeMs);
    }

    private Expr primary() {
        var token = peek();
        switch (token.kind()) {
            case NUMBER -> {
                index++;
                return new NumberLiteral(number(token));
            }
            case STRING -> {
                index++;
                return new StringLiteral(unquote(token));
            }
            case LEFT_PAREN -> {
                index++;
                var inner = expression(0);
                expect(Kind.RIGHT_PAREN, "in parenthesized expression, expected \")\"");
                return new Parenthesis(inner);
            }
            case LEFT_BRACE -> {
                return selector(null);
            }
            case IDENTIFIER -> {
                return identifier(token);
            }
            default -> throw unexpected(token, null);
        }
    }

    private Expr identifier(Token token) {
        var lower = token.text().toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            index++;
            return new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        for (var aggregator : Aggregator.values()) {
            if (aggregator.text().equals(lower)) {
                return aggregation(aggregator);
            }
        }
        if (UNSUPPORTED_AGGREGATORS.contains(lower)) {
            throw PromqlException.unsupported(query, token.start(), "aggregation \"" + token.text() + "\"",
                    "Opsline supports the aggregations sum, avg, min, max, count, topk and bottomk");
        }
        if (KEYWORDS.contains(lower)) {
            throw unexpected(token, null);
        }
        if (tokens.get(index + 1).kind() == Kind.LEFT_PAREN) {
            return call(token);
        }
        return selector(token);
    }

    private Expr call(Token name) {
        var function = PromqlFunction.named(name.text());
        if (function == null) {
            if (PROMETHEUS_FUNCTIONS.contains(name.text())) {
                throw PromqlException.unsupported(query, name.start(), "function \"" + name.text() + "\"",
                        "Opsline supports the functions " + PromqlFunction.supportedNames());
            }
            throw PromqlException.parseError(query, name.start(), "unknown function with name \"" + name.text() + "\"");
        }
        index += 2;
        var arguments = new ArrayList<Expr>();
        var argumentStarts = new ArrayList<Integer>();
        if (peek().kind() != Kind.RIGHT_PAREN) {
            do {
                argumentStarts.add(peek().start());
                arguments.add(expression(0));
            } while (accept(Kind.COMMA));
        }
        expect(Kind.RIGHT_PAREN, "in call to function \"" + name.text() + "\", expected \",\" or \")\"");
        var declared = function.argumentTypes();
        if (arguments.size() < function.requiredArguments() || arguments.size() > declared.size()) {
            var expected = arguments.size() < function.requiredArguments()
                    ? (function.requiredArguments() == declared.size() ? "" : "at least ") + function.requiredArguments()
                    : (function.requiredArguments() == declared.size() ? "" : "at most ") + declared.size();
            throw PromqlException.parseError(query, name.start(), "expected " + expected + " argument(s) in call to \""
                    + name.text() + "\", got " + arguments.size());
        }
        for (var i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).type() != declared.get(i)) {
                throw PromqlException.parseError(query, argumentStarts.get(i), "expected type " + declared.get(i).description()
                        + " in call to function \"" + name.text() + "\", got " + arguments.get(i).type().description());
            }
        }
        return new Call(function, List.copyOf(arguments));
    }

    private Expr aggregation(Aggregator aggregator) {
        index++;
        List<String> grouping = List.of();
        var without = false;
        var groupingGiven = false;
        if (isKeyword(peek(), "by") || isKeyword(peek(), "without")) {
            without = isKeyword(next(), "without");
            grouping = labelList();
            groupingGiven = true;
        }
        expect(Kind.LEFT_PAREN, "in aggregation, expected \"(\"");
        Expr parameter = null;
        if (aggregator == Aggregator.TOPK || aggregator == Aggregator.BOTTOMK) {
            var start = peek().start();
            parameter = expression(0);
            if (parameter.type() != ValueType.SCALAR) {
                throw PromqlException.parseError(query, start,
                        "expected type scalar in aggregation parameter, got " + parameter.type().description());
            }
            expect(Kind.COMMA, "in aggregation, expected \",\"");
        }
        var start = peek().start();
        var argument = expression(0);
        expect(Kind.RIGHT_PAREN, "in aggregation, expected \")\"");
        if (!groupingGiven && (isKeyword(peek(), "by") || isKeyword(peek(), "without"))) {
            without = isKeyword(next(), "without");
            grouping = labelList();
        }
        if (argument.type() != ValueType.VECTOR) {
            throw PromqlException.parseError(query, start,
                    "expected type instant vector in aggregation expression, got " + argument.type().description());
        }
        return new Aggregation(aggregator, parameter, argument, grouping, without);
    }

    private List<String> labelList() {
        expect(Kind.LEFT_PAREN, "in grouping, expected \"(\"");
        var labels = new ArrayList<String>();
        while (peek().kind() != Kind.RIGHT_PAREN) {
            var label = next();
            if (label.kind() != Kind.IDENTIFIER || label.text().contains(":")) {
                throw unexpected(label, "in grouping opts, expected label");
            }
            labels.add(label.text());
            if (!accept(Kind.COMMA) && peek().kind() != Kind.RIGHT_PAREN) {
                throw unexpected(peek(), "in grouping opts, expected \",\" or \")\"");
            }
        }
        index++;
        return List.copyOf(labels);
    }

    private VectorSelector selector(Token name) {
        var start = peek().start();
        if (name != null) {
            index++;
        }
        var matchers = new ArrayList<Matcher>();
        if (accept(Kind.LEFT_BRACE)) {
            while (peek().kind() != Kind.RIGHT_BRACE) {
                matchers.add(matcher());
                if (!accept(Kind.COMMA) && peek().kind() != Kind.RIGHT_BRACE) {
                    throw unexpected(peek(), "in label matching, expected \",\" or \"}\"");
                }
            }
            index++;
        }
        if (name != null) {
            for (var matcher : matchers) {
                if (matcher.name().equals(Labels.NAME)) {
                    throw PromqlException.parseError(query, start, "metric name must not be set twice: \"" + name.text()
                            + "\" or \"" + matcher.value() + "\"");
                }
            }
            matchers.add(0, Matcher.equal(Labels.NAME, name.text()));
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw PromqlException.parseError(query, start, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(List.copyOf(matchers));
    }

    private Matcher matcher() {
        var label = next();
        if (label.kind() != Kind.IDENTIFIER || label.text().contains(":")) {
            throw unexpected(label, "in label matching, expected label");
        }
        var operator = next();
        var op = switch (operator.kind()) {
            case ASSIGN -> Matcher.Op.EQUAL;
            case NEQ -> Matcher.Op.NOT_EQUAL;
            case REGEX_MATCH -> Matcher.Op.MATCHES;
            case REGEX_NO_MATCH -> Matcher.Op.NOT_MATCHES;
            default -> throw unexpected(operator, "in label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
        };
        var value = next();
        if (value.kind() != Kind.STRING) {
            throw unexpected(value, "in label matching, expected string");
        }
        try {
            return Matcher.of(label.text(), op, unquote(value));
        } catch (IllegalArgumentException e) {
            throw PromqlException.parseError(query, value.start(), e.getMessage());
        }
    }

    /** A number as Prometheus reads one: an integer first (0x hex, leading-zero octal), else a float. */
    private double number(Token token) {
        var text = token.text();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2), 16);
            }
            if (text.length() > 1 && text.startsWith("0") && text.chars().allMatch(Character::isDigit)) {
                try {
                    return Long.parseLong(text, 8);
                } catch (NumberFormatException notOctal) {
                    return Double.parseDouble(text);
                }
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notInteger) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            throw PromqlException.parseError(query, token.start(), "bad number syntax: \"" + text + "\"");
        }
    }

    /** The value of a string literal, escapes resolved as Go's strconv.Unquote resolves them. */
    private String unquote(Token token) {
        var text = token.text();
        var quote = text.charAt(0);
        var body = text.substring(1, text.length() - 1);
        if (quote == '`') {
            return body;
        }
        var out = new StringBuilder(body.length());
        for (var i = 0; i < body.length(); i++) {
            var c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            var escape = ++i < body.length() ? body.charAt(i) : ' ';
            switch (escape) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"', '\'' -> {
                    if (escape != quote) {
                        throw invalidEscape(token, i);
                    }
                    out.append(escape);
                }
                case 'x', 'u', 'U' -> {
                    var digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                    out.appendCodePoint(hex(token, body, i + 1, digits));
                    i += digits;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    if (i + 3 > body.length() || !body.substring(i, i + 3).chars().allMatch(d -> d >= '0' && d <= '7')) {
                        throw invalidEscape(token, i);
                    }
                    out.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                    i += 2;
                }
                default -> throw invalidEscape(token, i);
            }
        }
        return out.toString();
    }

    private int hex(Token token, String body, int from, int digits) {
        try {
            var codePoint = Integer.parseInt(body.substring(from, from + digits), 16);
            if (!Character.isValidCodePoint(codePoint)) {
                throw invalidEscape(token, from);
            }
            return codePoint;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw invalidEscape(token, from);
        }
    }

    private PromqlException invalidEscape(Token token, int bodyOffset) {
        return PromqlException.parseError(query, token.start() + 1 + bodyOffset - 1,
                "invalid escape sequence in string " + token.text());
    }

    private PromqlException unexpected(Token token, String context) {
        return PromqlException.parseError(query, token.start(),
                "unexpected " + token.describe() + (context == null ? "" : " " + context));
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        var token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String context) {
        if (!accept(kind)) {
            throw unexpected(peek(), context);
        }
    }

    private boolean acceptKeyword(String keyword) {
        if (isKeyword(peek(), keyword)) {
            index++;
            return true;
        }
        return false;
    }

    private static boolean isKeyword(Token token, String keyword) {
        return token.kind() == Kind.IDENTIFIER && token.text().equalsIgnoreCase(keyword);
    }
}
