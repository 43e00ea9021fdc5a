package io.opsline.metrics.internal.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opsline.metrics.Labels;

/**
 * Parses a scrape body in the Prometheus text format 0.0.4 or OpenMetrics 1.0 text, strictly: the
 * first invalid line fails the whole body with an {@link ExpositionException} naming the line and
 * what is wrong, as Prometheus fails a scrape. Rules beyond the grammar: a series (the same labels,
 * in any order) appears once per body; a family has one {@code # TYPE}, {@code # HELP} and
 * {@code # UNIT} line each, and {@code # TYPE} comes before the family's samples (in OpenMetrics
 * every metadata line does, and a family's lines stay together); backslash escapes other than
 * {@code \\}, {@code \"} and {@code \n} are errors; text must be UTF-8. {@code _created} samples are
 * passed on like any other, as Prometheus 2.42 stores them; exemplars are checked and skipped.
 *
 * <p>Made for one scrape loop at a time: not thread-safe, and it reuses its tables from one body to
 * the next so that a repeat scrape allocates next to nothing until a sink asks for
 * {@link ScrapedSample#labels()}.
 */
public final class ExpositionParser {

    private static final int MAX_EXACT_DIGITS = 15;
    private static final int MAX_KEPT_DIGITS = 18;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22};
    private static final byte[] NAME_LABEL = Labels.NAME.getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_QUOTED = 120;
    private static final String[] KEYWORDS = {"HELP", "TYPE", "UNIT"};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /** Every ending a sample name of a family can have, whatever its type. */
    private static final byte[][] FAMILY_SUFFIXES = familySuffixes();
    private static final byte[] NO_SUFFIX = {};

    private final IngestLimits limits;
    private final ScrapedSample sample = new ScrapedSample(this);
    /** The series of the body so far, to refuse one written twice. */
    private final RangeTable series = new RangeTable();
    /** The metric names of the body's samples so far, to refuse metadata after a family's samples. */
    private final RangeTable metricNames = new RangeTable();
    private int[] labelNameStarts = new int[16];
    private int[] labelNameEnds = new int[16];

    private byte[] buffer;
    private boolean openMetrics;
    private ExpositionFormat format;
    private int line;
    private int lineStart;
    private int lineEnd;
    private int pos;
    private int labelCount;
    private Map<String, Family> families;
    private Family current;
    private int lastNameStart;
    private int lastNameEnd;
    private int foundSlot;
    private int sampledStart;
    /** A family name with a suffix, to look up without allocating. */
    private byte[] candidate = new byte[256];

    public ExpositionParser(IngestLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** The first {@code length} bytes of {@code body}, each sample to {@code sink} as it is read. */
    public ExpositionResult parse(byte[] body, int length, ExpositionFormat format, ExpositionSink sink) {
        Objects.checkFromIndexSize(0, length, body.length);
        buffer = body;
        this.format = format;
        openMetrics = format == ExpositionFormat.OPENMETRICS;
        families = new LinkedHashMap<>();
        current = null;
        series.clear();
        metricNames.clear();
        lastNameStart = 0;
        lastNameEnd = 0;
        line = 0;
        var samples = 0;
        var exemplars = 0;
        var eof = false;
        try {
            var at = 0;
            while (at < length) {
                line++;
                if (eof) {
                    throw error("text after # EOF, which must be the last line");
                }
                var newline = indexOfNewline(at, length);
                lineStart = at;
                lineEnd = newline;
                if (!openMetrics && lineEnd > at && buffer[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                pos = at;
                at = newline + 1;
                if (!openMetrics) {
                    skipBlanks();
                }
                if (pos == lineEnd) {
                    if (openMetrics) {
                        throw error("empty line; OpenMetrics allows none");
                    }
                } else if (buffer[pos] == '#') {
                    eof = comment();
                } else {
                    if (sampleLine(sink)) {
                        exemplars++;
                    }
                    samples++;
                }
            }
            if (openMetrics && !eof) {
                line++;
                throw error("missing # EOF; OpenMetrics text must end with it");
            }
        } finally {
            buffer = null;
        }
        var described = new ArrayList<MetricFamily>(families.size());
        families.values().forEach(family -> described.add(family.described(format)));
        return new ExpositionResult(samples, exemplars, List.copyOf(described));
    }

    private int indexOfNewline(int from, int end) {
        var i = from;
        // Eight bytes at a time: a byte of the word is '\n' where (word ^ NEWLINES) has a zero byte.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            var word = (long) LONGS.get(buffer, i) ^ NEWLINES;
            var zeros = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeros != 0) {
                return i + Long.numberOfTrailingZeros(zeros) / Byte.SIZE;
            }
        }
        for (; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    // ---- comments and metadata

    /** A comment line at {@link #pos}; whether it is OpenMetrics' # EOF. */
    private boolean comment() {
        pos++;
        if (openMetrics) {
            if (pos == lineEnd || buffer[pos] != ' ') {
                throw error("'#' must be followed by one space and HELP, TYPE, UNIT or EOF in OpenMetrics");
            }
            pos++;
            var wordEnd = wordEnd();
            if (is(pos, wordEnd, "EOF")) {
                if (wordEnd != lineEnd) {
                    throw error("# EOF must be alone on its line");
                }
                return true;
            }
            var keyword = keyword(pos, wordEnd);
            if (keyword != null && wordEnd == lineEnd) {
                throw error("# " + keyword + " needs a metric name");
            }
            if (keyword == null || buffer[wordEnd] != ' ') {
                throw error("a comment in OpenMetrics must be # HELP, # TYPE, # UNIT or # EOF, not "
                        + quote(lineStart, lineEnd));
            }
            pos = wordEnd + 1;
            metadata(keyword);
            return false;
        }
        if (pos == lineEnd || !isBlank(buffer[pos])) {
            return false;
        }
        skipBlanks();
        var wordEnd = wordEnd();
        var keyword = keyword(pos, wordEnd);
        if (keyword == null || keyword.equals("UNIT") || wordEnd == lineEnd || !isBlank(buffer[wordEnd])) {
            return false;
        }
        pos = wordEnd;
        skipBlanks();
        metadata(keyword);
        return false;
    }

    private int wordEnd() {
        var end = pos;
        while (end < lineEnd && buffer[end] != ' ' && buffer[end] != '\t') {
            end++;
        }
        return end;
    }

    private String keyword(int start, int end) {
        for (var word : KEYWORDS) {
            if (is(start, end, word)) {
                return word;
            }
        }
        return null;
    }

    private boolean is(int start, int end, String ascii) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (var i = 0; i < ascii.length(); i++) {
            if (buffer[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void metadata(String keyword) {
        var nameStart = pos;
        if (pos == lineEnd || !Names.isMetricNameStart(buffer[pos])) {
            throw error("# " + keyword + " needs a metric name" + found(pos));
        }
        while (pos < lineEnd && Names.isMetricNameChar(buffer[pos])) {
            pos++;
        }
        var name = ascii(nameStart, pos);
        if (pos < lineEnd) {
            if (openMetrics ? buffer[pos] != ' ' : !isBlank(buffer[pos])) {
                throw error("invalid character in metric name " + name + found(pos));
            }
            pos++;
            if (!openMetrics) {
                skipBlanks();
            }
        }
        var family = family(name, keyword);
        switch (keyword) {
            case "HELP" -> {
                if (family.help != null) {
                    throw error("second # HELP line for " + name);
                }
                family.help = unescape(pos, lineEnd, openMetrics, "the # HELP text");
            }
            case "TYPE" -> {
                if (family.type != null) {
                    throw error("second # TYPE line for " + name);
                }
                var typeEnd = wordEnd();
                var text = ascii(pos, typeEnd);
                pos = typeEnd;
                if (!openMetrics) {
                    skipBlanks();
                }
                if (pos != lineEnd) {
                    throw error("unexpected text after the type of " + name + found(pos));
                }
                var type = MetricType.parse(text, format);
                if (type == null) {
                    throw error("unknown metric type " + quote(text) + " for " + name + "; " + format
                            + " knows " + knownTypes());
                }
                family.type = type;
            }
            default -> {
                if (family.unit != null) {
                    throw error("second # UNIT line for " + name);
                }
                var unit = unescape(pos, lineEnd, false, "the # UNIT");
                if (!unit.isEmpty() && !name.endsWith("_" + unit)) {
                    throw error("unit " + quote(unit) + " must end the metric name " + name + " after an _");
                }
                family.unit = unit;
            }
        }
    }

    private String knownTypes() {
        var known = new ArrayList<String>();
        for (var type : MetricType.values()) {
            if (format.knows(type)) {
                known.add(type.text());
            }
        }
        return String.join(", ", known);
    }

    private Family family(String name, String keyword) {
        var family = families.get(name);
        if (openMetrics && family != null && family != current) {
            throw error("# " + keyword + " for " + name
                    + " after another family began; OpenMetrics keeps a family's lines together");
        }
        var isType = keyword.equals("TYPE");
        var scope = isType ? MetricType.parse(ascii(pos, wordEnd()), format) : family == null ? null : family.type;
        if (openMetrics || (isType && scope != null)) {
            var sampled = sampledName(name, scope);
            if (sampled != null) {
                throw error("# " + keyword + " for " + name + " after its sample " + sampled
                        + " (line " + lineOf(sampledStart) + "); it must come before the family's samples");
            }
        }
        if (family == null) {
            family = new Family(name);
            families.put(name, family);
        }
        current = family;
        return family;
    }

    /**
     * A metric name of a sample already read that belongs to family {@code name} of type
     * {@code type} (of any type when null), or null when none.
     */
    private String sampledName(String name, MetricType type) {
        var nameLength = name.length();
        if (candidate.length < nameLength + 16) {
            candidate = new byte[nameLength + 16];
        }
        name.getBytes(0, nameLength, candidate, 0);
        var found = sampledName(nameLength, NO_SUFFIX);
        for (var suffix : type == null ? FAMILY_SUFFIXES : type.suffixes()) {
            if (found < 0) {
                found = sampledName(nameLength, suffix);
            }
        }
        return found < 0 ? null : ascii(found, metricNames.end(foundSlot));
    }

    /** The start of a sample's metric name equal to the candidate family name plus suffix, or -1. */
    private int sampledName(int nameLength, byte[] suffix) {
        System.arraycopy(suffix, 0, candidate, nameLength, suffix.length);
        var length = nameLength + suffix.length;
        var hash = hash(candidate, 0, length);
        for (var slot = metricNames.first(hash); slot >= 0; slot = metricNames.next(hash, slot)) {
            if (Arrays.equals(buffer, metricNames.start(slot), metricNames.end(slot), candidate, 0, length)) {
                foundSlot = slot;
                sampledStart = metricNames.start(slot);
                return sampledStart;
            }
        }
        return -1;
    }

    private static byte[][] familySuffixes() {
        var suffixes = new ArrayList<byte[]>();
        for (var type : MetricType.values()) {
            for (var suffix : type.suffixes()) {
                if (suffixes.stream().noneMatch(known -> Arrays.equals(known, suffix))) {
                    suffixes.add(suffix);
                }
            }
        }
        return suffixes.toArray(byte[][]::new);
    }

    /** The line number of a position of the body; only for error messages, as it counts from the start. */
    private int lineOf(int position) {
        var newlines = 0;
        for (var i = 0; i < position; i++) {
            if (buffer[i] == '\n') {
                newlines++;
            }
        }
        return newlines + 1;
    }

    // ---- samples

    /** A sample line at {@link #pos}; whether it had an exemplar. */
    private boolean sampleLine(ExpositionSink sink) {
        var keyStart = pos;
        if (!Names.isMetricNameStart(buffer[pos])) {
            throw error("invalid metric name: it must start with a letter, '_' or ':'" + found(pos));
        }
        pos++;
        while (pos < lineEnd && Names.isMetricNameChar(buffer[pos])) {
            pos++;
        }
        var nameEnd = pos;
        var nameHash = hash(buffer, keyStart, nameEnd);
        var seriesHash = mix(nameHash);
        var keyEnd = nameEnd;
        if (!openMetrics) {
            skipBlanks();
        }
        if (pos < lineEnd && buffer[pos] == '{') {
            seriesHash += labels("the labels");
            keyEnd = pos;
        } else {
            pos = nameEnd;
        }
        if (pos == lineEnd) {
            throw error("missing value after " + quote(keyStart, keyEnd));
        }
        separator(keyEnd == nameEnd ? "the metric name" : "the labels");
        var valueStart = pos;
        var value = parseNumber(valueStart, tokenEnd(), "value");
        var hasTimestamp = false;
        var timestampMs = 0L;
        var exemplar = false;
        if (openMetrics) {
            if (pos < lineEnd) {
                separator("the value");
                if (buffer[pos] != '#') {
                    var timestampStart = pos;
                    timestampMs = seconds(timestampStart, tokenEnd(), "timestamp");
                    hasTimestamp = true;
                    if (pos < lineEnd) {
                        separator("the timestamp");
                    }
                }
                if (pos < lineEnd) {
                    exemplar();
                    exemplar = true;
                }
            }
        } else {
            skipBlanks();
            if (pos < lineEnd) {
                timestampMs = milliseconds(pos, tokenEnd());
                hasTimestamp = true;
                skipBlanks();
                if (pos < lineEnd) {
                    throw error("unexpected text after the timestamp" + found(pos));
                }
            }
        }
        refuseRepeat(seriesHash, keyStart, keyEnd);
        noteMetricName(nameHash, keyStart, nameEnd);
        sample.set(buffer, keyStart, keyEnd, value, hasTimestamp, timestampMs, typeOf(keyStart, nameEnd), line);
        sink.accept(sample);
        return exemplar;
    }

    /** The blank between two fields: one space in OpenMetrics, spaces and tabs in 0.0.4. */
    private void separator(String after) {
        if (openMetrics) {
            if (buffer[pos] != ' ' || pos + 1 == lineEnd || buffer[pos + 1] == ' ') {
                throw error("expected one space after " + after + found(pos));
            }
            pos++;
        } else {
            if (!isBlank(buffer[pos])) {
                throw error("expected a space after " + after + found(pos));
            }
            skipBlanks();
            if (pos == lineEnd) {
                throw error("missing value after " + after);
            }
        }
    }

    private int tokenEnd() {
        while (pos < lineEnd && buffer[pos] != ' ' && (openMetrics || buffer[pos] != '\t')) {
            pos++;
        }
        return pos;
    }

    /** An OpenMetrics exemplar at {@link #pos}: {@code # {labels} value [timestamp]}, checked and dropped. */
    private void exemplar() {
        if (buffer[pos] != '#' || pos + 2 >= lineEnd || buffer[pos + 1] != ' ' || buffer[pos + 2] != '{') {
            throw error("expected an exemplar ' # {labels} value' or the end of the line" + found(pos));
        }
        pos += 2;
        labels("the exemplar's labels");
        if (pos == lineEnd) {
            throw error("missing value of the exemplar");
        }
        separator("the exemplar's labels");
        parseNumber(pos, tokenEnd(), "exemplar value");
        if (pos < lineEnd) {
            separator("the exemplar's value");
            seconds(pos, tokenEnd(), "exemplar timestamp");
            if (pos < lineEnd) {
                throw error("unexpected text after the exemplar" + found(pos));
            }
        }
    }

    /**
     * The label set at {@link #pos} (at its '{'), checked, {@link #pos} left after its '}'; the sum of
     * the hashes of its non-empty labels, so that the same set in another order hashes the same.
     */
    private long labels(String what) {
        pos++;
        labelCount = 0;
        var sum = 0L;
        while (true) {
            if (!openMetrics) {
                skipBlanks();
            }
            if (pos == lineEnd) {
                throw error("missing '}' at the end of " + what);
            }
            if (buffer[pos] == '}') {
                if (openMetrics && labelCount > 0) {
                    throw error("a ',' before '}' in " + what + "; OpenMetrics allows none" + at(pos));
                }
                pos++;
                return sum;
            }
            var nameStart = pos;
            if (!Names.isLabelNameStart(buffer[pos])) {
                throw error("invalid label name in " + what + ": it must start with a letter or '_'" + found(pos));
            }
            while (pos < lineEnd && Names.isLabelNameChar(buffer[pos])) {
                pos++;
            }
            var nameEnd = pos;
            if (!openMetrics) {
                skipBlanks();
            }
            if (pos == lineEnd || buffer[pos] != '=') {
                throw error("expected '=' after label name " + ascii(nameStart, nameEnd) + found(pos));
            }
            pos++;
            if (!openMetrics) {
                skipBlanks();
            }
            if (pos == lineEnd || buffer[pos] != '"') {
                throw error("expected '\"' to open the value of label " + ascii(nameStart, nameEnd) + found(pos));
            }
            pos++;
            var valueStart = pos;
            var characters = quotedValue(nameStart, nameEnd);
            var valueEnd = pos - 1;
            if (characters > limits.maxLabelValueLength()) {
                throw error("the value of label " + ascii(nameStart, nameEnd) + " has " + characters
                        + " characters, more than the limit of " + limits.maxLabelValueLength());
            }
            if (Arrays.equals(buffer, nameStart, nameEnd, NAME_LABEL, 0, NAME_LABEL.length)) {
                throw error("label " + Labels.NAME + " in braces; the metric name goes before them");
            }
            for (var i = 0; i < labelCount; i++) {
                if (Arrays.equals(buffer, labelNameStarts[i], labelNameEnds[i], buffer, nameStart, nameEnd)) {
                    throw error("label " + ascii(nameStart, nameEnd) + " appears twice in " + what);
                }
            }
            if (labelCount == limits.maxLabelsPerSeries()) {
                throw error("more than " + limits.maxLabelsPerSeries() + " labels in " + what);
            }
            if (labelCount == labelNameStarts.length) {
                labelNameStarts = Arrays.copyOf(labelNameStarts, labelCount * 2);
                labelNameEnds = Arrays.copyOf(labelNameEnds, labelCount * 2);
            }
            labelNameStarts[labelCount] = nameStart;
            labelNameEnds[labelCount] = nameEnd;
            labelCount++;
            if (valueEnd > valueStart) {
                sum += mix(hash(buffer, nameStart, nameEnd) * 31 + hash(buffer, valueStart, valueEnd));
            }
            if (!openMetrics) {
                skipBlanks();
            }
            if (pos < lineEnd && buffer[pos] == ',') {
                pos++;
            } else if (pos < lineEnd && buffer[pos] == '}') {
                pos++;
                return sum;
            } else {
                throw error("expected ',' or '}' after the value of label " + ascii(nameStart, nameEnd) + found(pos));
            }
        }
    }

    /** Reads a label value after its opening quote up to and past its closing one; its length in characters. */
    private int quotedValue(int nameStart, int nameEnd) {
        var characters = 0;
        while (true) {
            if (pos == lineEnd) {
                throw error("the value of label " + ascii(nameStart, nameEnd) + " has no closing '\"'");
            }
            var b = buffer[pos];
            if (b == '"') {
                pos++;
                return characters;
            }
            if (b == '\\') {
                if (pos + 1 == lineEnd) {
                    throw error("the value of label " + ascii(nameStart, nameEnd) + " has no closing '\"'");
                }
                var escaped = buffer[pos + 1];
                if (escaped != '\\' && escaped != '"' && escaped != 'n') {
                    throw error("bad escape " + quote(pos, pos + 2) + " in the value of label "
                            + ascii(nameStart, nameEnd) + at(pos) + "; only \\\\, \\\" and \\n are allowed");
                }
                pos += 2;
            } else if (b < 0) {
                var length = Names.utf8SequenceLength(buffer, pos, lineEnd);
                if (length == 0) {
                    throw error("invalid UTF-8 in the value of label " + ascii(nameStart, nameEnd) + at(pos));
                }
                pos += length;
            } else {
                pos++;
            }
            characters++;
        }
    }

    private void refuseRepeat(long seriesHash, int keyStart, int keyEnd) {
        for (var slot = series.first(seriesHash); slot >= 0; slot = series.next(seriesHash, slot)) {
            if (sameSeries(series.start(slot), series.end(slot), keyStart, keyEnd)) {
                throw error("series " + quote(keyStart, keyEnd) + " appears twice; first on line "
                        + lineOf(series.start(slot)));
            }
        }
        series.add(seriesHash, keyStart, keyEnd);
    }

    private boolean sameSeries(int start, int end, int otherStart, int otherEnd) {
        return Arrays.equals(buffer, start, end, buffer, otherStart, otherEnd)
                || labelsOf(start, end).equals(labelsOf(otherStart, otherEnd));
    }

    private void noteMetricName(long hash, int start, int end) {
        if (Arrays.equals(buffer, start, end, buffer, lastNameStart, lastNameEnd)) {
            return;
        }
        lastNameStart = start;
        lastNameEnd = end;
        for (var slot = metricNames.first(hash); slot >= 0; slot = metricNames.next(hash, slot)) {
            if (Arrays.equals(buffer, metricNames.start(slot), metricNames.end(slot), buffer, start, end)) {
                return;
            }
        }
        metricNames.add(hash, start, end);
    }

    /** The type of the family a sample name belongs to: the current family's when the name is one of its. */
    private MetricType typeOf(int nameStart, int nameEnd) {
        var family = current;
        if (family == null || family.type == null) {
            return format.withoutType();
        }
        var familyName = family.nameBytes;
        var length = nameEnd - nameStart;
        if (length < familyName.length
                || !Arrays.equals(buffer, nameStart, nameStart + familyName.length, familyName, 0, familyName.length)) {
            return format.withoutType();
        }
        if (length == familyName.length) {
            return family.type;
        }
        for (var suffix : family.type.suffixes()) {
            if (Arrays.equals(buffer, nameStart + familyName.length, nameEnd, suffix, 0, suffix.length)) {
                return family.type;
            }
        }
        return format.withoutType();
    }

    /** The labels of a series key already checked by {@link #labels}; for {@link ScrapedSample#labels()}. */
    Labels labelsOf(int keyStart, int keyEnd) {
        var p = keyStart;
        while (p < keyEnd && Names.isMetricNameChar(buffer[p])) {
            p++;
        }
        var pairs = new ArrayList<String>();
        pairs.add(Labels.NAME);
        pairs.add(ascii(keyStart, p));
        while (p < keyEnd) {
            var b = buffer[p];
            if (!Names.isLabelNameStart(b)) {
                p++;
                continue;
            }
            var nameStart = p;
            while (Names.isLabelNameChar(buffer[p])) {
                p++;
            }
            pairs.add(ascii(nameStart, p));
            while (buffer[p] != '"') {
                p++;
            }
            var valueStart = ++p;
            while (buffer[p] != '"') {
                p += buffer[p] == '\\' ? 2 : 1;
            }
            pairs.add(unescapeChecked(valueStart, p));
            p++;
        }
        return Labels.of(pairs.toArray(String[]::new));
    }

    // ---- numbers

    /** A float as Prometheus writes them (Go's syntax without hex or underscores), or NaN and ±Inf. */
    private double parseNumber(int start, int end, String what) {
        if (start == end) {
            throw error("missing " + what);
        }
        var p = start;
        var negative = false;
        if (buffer[p] == '+' || buffer[p] == '-') {
            negative = buffer[p] == '-';
            p++;
        }
        if (p < end && (buffer[p] | 0x20) >= 'a' && (buffer[p] | 0x20) <= 'z') {
            if (isIgnoringCase(p, end, "inf") || isIgnoringCase(p, end, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (p == start && isIgnoringCase(p, end, "nan")) {
                return Double.NaN;
            }
            throw badNumber(start, end, what);
        }
        var mantissa = 0L;
        var digits = 0;
        var exponent = 0;
        var anyDigit = false;
        var exact = true;
        while (p < end && buffer[p] >= '0' && buffer[p] <= '9') {
            anyDigit = true;
            if (mantissa != 0 || buffer[p] != '0') {
                if (digits < MAX_KEPT_DIGITS) {
                    mantissa = mantissa * 10 + (buffer[p] - '0');
                    digits++;
                } else {
                    exact = false;
                }
            }
            p++;
        }
        if (p < end && buffer[p] == '.') {
            p++;
            while (p < end && buffer[p] >= '0' && buffer[p] <= '9') {
                anyDigit = true;
                if (mantissa == 0 && buffer[p] == '0') {
                    exponent--;
                } else if (digits < MAX_KEPT_DIGITS) {
                    mantissa = mantissa * 10 + (buffer[p] - '0');
                    digits++;
                    exponent--;
                } else {
                    exact = false;
                }
                p++;
            }
        }
        if (!anyDigit) {
            throw badNumber(start, end, what);
        }
        if (p < end && (buffer[p] == 'e' || buffer[p] == 'E')) {
            p++;
            var exponentSign = 1;
            if (p < end && (buffer[p] == '+' || buffer[p] == '-')) {
                exponentSign = buffer[p] == '-' ? -1 : 1;
                p++;
            }
            if (p == end) {
                throw badNumber(start, end, what);
            }
            var written = 0;
            while (p < end && buffer[p] >= '0' && buffer[p] <= '9') {
                written = Math.min(written * 10 + (buffer[p] - '0'), 100_000);
                p++;
            }
            exponent += exponentSign * written;
        }
        if (p != end) {
            throw badNumber(start, end, what);
        }
        double magnitude;
        if (mantissa == 0) {
            magnitude = 0;
        } else if (exact && digits <= MAX_EXACT_DIGITS && exponent >= -22 && exponent <= 22) {
            // Both operands are exact doubles, so one multiplication or division rounds correctly.
            magnitude = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
        } else {
            return Double.parseDouble(ascii(start, end));
        }
        return negative ? -magnitude : magnitude;
    }

    private ExpositionException badNumber(int start, int end, String what) {
        return error("bad " + what + " " + quote(start, end) + at(start) + "; expected a number, NaN, +Inf or -Inf");
    }

    private boolean isIgnoringCase(int start, int end, String lowerAscii) {
        if (end - start != lowerAscii.length()) {
            return false;
        }
        for (var i = 0; i < lowerAscii.length(); i++) {
            if ((buffer[start + i] | 0x20) != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A 0.0.4 timestamp: whole milliseconds since the epoch. */
    private long milliseconds(int start, int end) {
        var p = start;
        var negative = p < end && buffer[p] == '-';
        if (negative || (p < end && buffer[p] == '+')) {
            p++;
        }
        if (p == end) {
            throw error("bad timestamp " + quote(start, end) + at(start) + "; expected whole milliseconds");
        }
        var value = 0L;
        for (; p < end; p++) {
            var digit = buffer[p] - '0';
            if (digit < 0 || digit > 9) {
                throw error("bad timestamp " + quote(start, end) + at(start) + "; expected whole milliseconds");
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error("timestamp " + quote(start, end) + " is out of range" + at(start));
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** An OpenMetrics timestamp: seconds since the epoch, maybe with a fraction; as whole milliseconds. */
    private long seconds(int start, int end, String what) {
        var seconds = parseNumber(start, end, what);
        if (!(Math.abs(seconds) < Long.MAX_VALUE / 1000.0)) {
            throw error("bad " + what + " " + quote(start, end) + at(start) + "; expected seconds since the epoch");
        }
        return Math.round(seconds * 1000);
    }

    // ---- text

    /** The text of a HELP, UNIT or label value with its escapes resolved; OpenMetrics also escapes quotes in HELP. */
    private String unescape(int start, int end, boolean quotesEscaped, String what) {
        for (var p = start; p < end; p++) {
            if (buffer[p] == '\\') {
                var next = p + 1 < end ? buffer[p + 1] : 0;
                if (next != '\\' && next != 'n' && !(quotesEscaped && next == '"')) {
                    throw error("bad escape " + quote(p, Math.min(p + 2, end)) + " in " + what + at(p));
                }
                p++;
            } else if (buffer[p] < 0) {
                var length = Names.utf8SequenceLength(buffer, p, end);
                if (length == 0) {
                    throw error("invalid UTF-8 in " + what + at(p));
                }
                p += length - 1;
            }
        }
        return unescapeChecked(start, end);
    }

    /** The text of a range whose escapes and UTF-8 are known to be valid. */
    private String unescapeChecked(int start, int end) {
        var escape = -1;
        for (var p = start; p < end; p++) {
            if (buffer[p] == '\\') {
                escape = p;
                break;
            }
        }
        if (escape < 0) {
            return new String(buffer, start, end - start, StandardCharsets.UTF_8);
        }
        var out = Arrays.copyOfRange(buffer, start, end);
        var length = 0;
        for (var p = start; p < end; p++) {
            var b = buffer[p];
            if (b == '\\') {
                b = buffer[++p];
                if (b == 'n') {
                    b = '\n';
                }
            }
            out[length++] = b;
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    private String ascii(int start, int end) {
        return new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private void skipBlanks() {
        while (pos < lineEnd && isBlank(buffer[pos])) {
            pos++;
        }
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    // ---- hashing

    /** A 64-bit hash of a range, eight bytes at a step; {@link #mix} before using its low bits. */
    static long hash(byte[] bytes, int start, int end) {
        var hash = 0x9e3779b97f4a7c15L ^ (end - start);
        var i = start;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            hash = Long.rotateLeft((hash ^ (long) LONGS.get(bytes, i)) * 0xbf58476d1ce4e5b9L, 31);
        }
        var tail = 0L;
        for (; i < end; i++) {
            tail = tail << 8 | (bytes[i] & 0xff);
        }
        return (hash ^ tail) * 0x94d049bb133111ebL;
    }

    /** Spreads a hash's bits so that sums of several stay unlikely to collide (MurmurHash3's finaliser). */
    static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    // ---- errors

    private ExpositionException error(String problem) {
        return new ExpositionException(line, problem);
    }

    private String at(int p) {
        return " at column " + (p - lineStart + 1);
    }

    private String found(int p) {
        if (p >= lineEnd) {
            return ", found the end of the line";
        }
        var b = buffer[p] & 0xff;
        var shown = b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte 0x%02x".formatted(b);
        return ", found " + shown + at(p);
    }

    private String quote(int start, int end) {
        var shown = Math.min(end, start + MAX_QUOTED);
        var text = new String(buffer, start, shown - start, StandardCharsets.UTF_8);
        return quote(shown < end ? text + "…" : text);
    }

    private static String quote(String text) {
        return '"' + text + '"';
    }

    /** What the body has said about one family so far. */
    private static final class Family {

        final String name;
        final byte[] nameBytes;
        MetricType type;
        String help;
        String unit;

        Family(String name) {
            this.name = name;
            this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        }

        MetricFamily described(ExpositionFormat format) {
            return new MetricFamily(name, type == null ? format.withoutType() : type, help == null ? "" : help,
                    unit == null ? "" : unit);
        }
    }
}
