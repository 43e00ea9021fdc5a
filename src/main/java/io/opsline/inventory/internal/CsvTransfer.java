package io.opsline.inventory.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.opsline.platform.FieldViolation;

/**
 * CSV files, one kind per file: CIs (one column per field, {@code attr.<key>} per attribute,
 * lists separated by {@code ;}), or relationships (a {@code type} column and {@code source_*} /
 * {@code target_*} columns). Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
final class CsvTransfer {

    static final String LIST_SEPARATOR = ";";
    static final List<String> RELATIONSHIP_COLUMNS = List.of("source_class", "source_name", "source_external_id",
            "type", "target_class", "target_name", "target_external_id");

    private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false).setTrim(true).get();

    private CsvTransfer() {
    }

    static ImportDocument read(Reader input) {
        var errors = new ArrayList<FieldViolation>();
        try (var parser = CSVParser.parse(skipByteOrderMark(input), READ)) {
            var header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase()).toList();
            if (header.isEmpty()) {
                return new ImportDocument(List.of(), List.of(), List.of(new FieldViolation(1, "header",
                        "the file is empty: expected a header row")));
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < header.size(); i++) {
                // Column names match ignoring case, attribute names keep theirs.
                var column = header.get(i).startsWith(CiField.ATTRIBUTE_COLUMN_PREFIX)
                        ? parser.getHeaderNames().get(i).strip() : header.get(i);
                if (!seen.add(column)) {
                    errors.add(new FieldViolation(1, column, "the column appears more than once"));
                }
            }
            var isRelationships = header.contains("type") && header.stream().anyMatch(h -> h.startsWith("source_"));
            return isRelationships ? readRelationships(parser, header, errors) : readCis(parser, header, errors);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(new FieldViolation(null, "file", "not readable as CSV: " + e.getMessage()));
            return new ImportDocument(List.of(), List.of(), errors);
        }
    }

    private static ImportDocument readCis(CSVParser parser, List<String> header, List<FieldViolation> errors) {
        var fields = new ArrayList<CiField>();
        for (var column : header) {
            var field = CiField.byColumn(column);
            if (field.isEmpty() || column.equals(CiField.ATTRIBUTE_COLUMN_PREFIX)) {
                errors.add(new FieldViolation(1, column, "unknown column; CI columns are "
                        + String.join(", ", Arrays.stream(CiField.values()).map(f -> f.column).toList())
                        + " (attributes as attr.<name>)"));
            }
            fields.add(field.orElse(null));
        }
        for (var required : List.of(CiField.CLASS, CiField.NAME)) {
            if (!fields.contains(required)) {
                errors.add(new FieldViolation(1, required.column, "the column is required"));
            }
        }
        var names = parser.getHeaderNames();
        var rows = new ArrayList<CiRow>();
        for (var record : parser) {
            if (blank(record)) {
                continue;
            }
            int row = row(record);
            if (record.size() != header.size()) {
                errors.add(new FieldViolation(row, "row", "has %d cells, the header has %d"
                        .formatted(record.size(), header.size())));
                continue;
            }
            var values = new EnumMap<CiField, Object>(CiField.class);
            var attributes = new LinkedHashMap<String, String>();
            for (int i = 0; i < header.size(); i++) {
                var field = fields.get(i);
                if (field == null) {
                    continue;
                }
                var cell = emptyToNull(record.get(i));
                switch (field) {
                    // Attribute names keep their case: only the fixed column names are matched ignoring it.
                    case ATTRIBUTES -> attributes.put(names.get(i).strip().substring(CiField.ATTRIBUTE_COLUMN_PREFIX.length()), cell);
                    case TAGS, ADDRESSES -> values.put(field, split(cell));
                    default -> values.put(field, cell);
                }
            }
            rows.add(new CiRow(row, values, attributes));
        }
        return new ImportDocument(rows, List.of(), errors);
    }

    private static ImportDocument readRelationships(CSVParser parser, List<String> header,
            List<FieldViolation> errors) {
        for (var column : header) {
            if (!RELATIONSHIP_COLUMNS.contains(column)) {
                errors.add(new FieldViolation(1, column, "unknown column; relationship columns are "
                        + String.join(", ", RELATIONSHIP_COLUMNS)));
            }
        }
        var rows = new ArrayList<RelationshipRow>();
        for (var record : parser) {
            if (blank(record)) {
                continue;
            }
            int row = row(record);
            if (record.size() != header.size()) {
                errors.add(new FieldViolation(row, "row", "has %d cells, the header has %d"
                        .formatted(record.size(), header.size())));
                continue;
            }
            var cells = new LinkedHashMap<String, String>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), emptyToNull(record.get(i)));
            }
            rows.add(new RelationshipRow(row,
                    new RelationshipRow.End(cells.get("source_external_id"), cells.get("source_class"), cells.get("source_name")),
                    cells.get("type"),
                    new RelationshipRow.End(cells.get("target_external_id"), cells.get("target_class"), cells.get("target_name"))));
        }
        return new ImportDocument(List.of(), rows, errors);
    }

    /** Writes CIs with one column per field and one per attribute name in {@code attributeNames}. */
    static void writeCis(Writer output, SortedSet<String> attributeNames, Consumer<Consumer<CiView>> source)
            throws IOException {
        var header = new ArrayList<String>();
        Arrays.stream(CiField.values()).filter(f -> f != CiField.ATTRIBUTES).forEach(f -> header.add(f.column));
        attributeNames.forEach(name -> header.add(CiField.ATTRIBUTE_COLUMN_PREFIX + name));
        try (var csv = new CSVPrinter(output, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            source.accept(ci -> {
                var l = ci.lifecycle();
                var cells = new ArrayList<Object>(List.of(nullToEmpty(ci.externalId()), ci.ciClass().key(), ci.name(),
                        ci.status().key(), ci.environment().key(), ci.criticality().key(), nullToEmpty(ci.ownerTeam()),
                        nullToEmpty(ci.location()), nullToEmpty(ci.description()),
                        String.join(LIST_SEPARATOR, ci.tags()), String.join(LIST_SEPARATOR, ci.addresses()),
                        nullToEmpty(l.vendor()), nullToEmpty(l.model()), nullToEmpty(l.serialNumber()),
                        nullToEmpty(l.purchaseDate()), l.purchaseCost() == null ? "" : l.purchaseCost().toPlainString(),
                        nullToEmpty(l.warrantyEnd()), nullToEmpty(l.endOfLife())));
                attributeNames.forEach(name -> cells.add(nullToEmpty(ci.attributes().get(name))));
                print(csv, cells);
            });
        }
    }

    static void writeRelationships(Writer output, Consumer<Consumer<RelationshipExport>> source) throws IOException {
        try (var csv = new CSVPrinter(output, CSVFormat.DEFAULT.builder()
                .setHeader(RELATIONSHIP_COLUMNS.toArray(String[]::new)).get())) {
            source.accept(r -> print(csv, List.of(r.sourceClass().key(), r.sourceName(), nullToEmpty(r.sourceExternalId()),
                    r.type().key(), r.targetClass().key(), r.targetName(), nullToEmpty(r.targetExternalId()))));
        }
    }

    private static void print(CSVPrinter csv, List<?> cells) {
        try {
            csv.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int row(CSVRecord record) {
        return (int) record.getRecordNumber() + 1;
    }

    /** A blank line: no data, but still a row of the sheet, so it is read (and counted) rather than ignored. */
    private static boolean blank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    private static List<String> split(String cell) {
        if (cell == null) {
            return null;
        }
        return Arrays.stream(cell.split(LIST_SEPARATOR)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String emptyToNull(String cell) {
        return cell == null || cell.isBlank() ? null : cell;
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Reader skipByteOrderMark(Reader input) throws IOException {
        var buffered = input.markSupported() ? input : new java.io.BufferedReader(input);
        buffered.mark(1);
        if (buffered.read() != '\uFEFF') {
            buffered.reset();
        }
        // Blank lines before the header are skipped; the header stays row 1.
        while (true) {
            buffered.mark(1);
            var c = buffered.read();
            if (c != '\n' && c != '\r') {
                buffered.reset();
                return buffered;
            }
        }
    }
}
