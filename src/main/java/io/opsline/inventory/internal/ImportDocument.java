package io.opsline.inventory.internal;

import java.util.List;

import io.opsline.platform.FieldViolation;

/** A parsed import file: its CI rows, its relationship rows, and what could not even be parsed. */
record ImportDocument(List<CiRow> cis, List<RelationshipRow> relationships, List<FieldViolation> errors) {
}
